// The language server over --stdio on inputs that once broke it: SQL nested too deeply for PostgreSQL's parser,
// edited many times. The protocol stream must stay valid, the other files' diagnostics must still come, and
// `shutdown` must be answered.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { deepSelect, deepSqlFiles, writeProject } from '../helpers/pathological';
import { codes, fileUri, LspClient, plainText } from './client';

let root: string;
let client: LspClient;
/** Everything the server wrote to stdout, as bytes: checked frame by frame at the end. */
const stdout: Buffer[] = [];

before(async () => {
  root = fs.realpathSync(writeProject('alembic-lsp-deep-', deepSqlFiles(1)));
  client = LspClient.start();
  client.child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
  await client.initialize(root);
});

after(() => {
  client?.kill();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** Splits what the server wrote into LSP frames; fails at the first byte that is not part of one. */
function frames(bytes: Buffer): unknown[] {
  const messages: unknown[] = [];
  let at = 0;
  while (at < bytes.length) {
    const headerEnd = bytes.indexOf('\r\n\r\n', at);
    assert.ok(headerEnd > at, `no frame header at byte ${at}: ${JSON.stringify(bytes.subarray(at, at + 80).toString())}`);
    const header = bytes.subarray(at, headerEnd).toString('ascii');
    const length = /^Content-Length: (\d+)$/im.exec(header);
    assert.ok(length, `not an LSP header at byte ${at}: ${JSON.stringify(header.slice(0, 80))}`);
    const start = headerEnd + 4;
    const end = start + Number(length[1]);
    assert.ok(end <= bytes.length, 'a frame is cut short');
    messages.push(JSON.parse(bytes.subarray(start, end).toString('utf8')));
    at = end;
  }
  return messages;
}

test('a deep statement edited 60 times: not checked each time, the typo elsewhere is reported, shutdown is answered', async () => {
  const deepUri = fileUri(path.join(root, 'versions', '0001_deep.py'));
  const typoUri = fileUri(path.join(root, 'versions', '0002_typo.py'));
  const text = fs.readFileSync(path.join(root, 'versions', '0001_deep.py'), 'utf8');
  await client.open(deepUri, text, 1);
  await client.waitForDiagnostics(deepUri, (p) => p.version === 1 && codes(p).includes('sql-too-complex'), 'sql-too-complex on version 1');

  // Each edit makes a new deep statement (a new text, not one from the cache), and adds a normal statement after it.
  const line = text.split('\n').findIndex((l) => l.includes('op.execute("SELECT 0+1'));
  const current = text.split('\n')[line]!;
  let previous = current;
  for (let version = 2; version <= 61; version++) {
    const next = `    op.execute("${deepSelect(version)}"); op.execute("CREATE TABLE t${version} (id int)")`;
    await client.change(deepUri, version, [{ range: { start: { line, character: 0 }, end: { line, character: previous.length } }, text: next }]);
    previous = next;
  }
  const last = await client.waitForDiagnostics(deepUri, (p) => p.version === 61, 'diagnostics for version 61', 60_000);
  assert.deepEqual(codes(last).sort(), ['downgrade-not-symmetric', 'require-if-not-exists', 'sql-too-complex'], 'the deep one is not checked; the normal one after it is');
  assert.match(plainText(last.diagnostics.find((d) => d.code === 'require-if-not-exists')!.message), /t61/);

  const typo = await client.waitForDiagnostics(typoUri, (p) => codes(p).includes('sql-syntax'), 'sql-syntax on 0002');
  assert.match(plainText(typo.diagnostics.find((d) => d.code === 'sql-syntax')!.message), /"SELEC"/);

  assert.equal(await client.shutdown(), 0);
  const written = Buffer.concat(stdout);
  assert.doesNotMatch(written.toString('utf8'), /Terminating process|FATAL/);
  assert.ok(frames(written).length > 0);
  assert.deepEqual(client.connectionErrors, []);
});
