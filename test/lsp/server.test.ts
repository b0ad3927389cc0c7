// The language server over stdio (dist/server.js, built by `npm run build`) on a temporary copy of
// test/fixtures/cli/project: 0001 <- 0002 (SQL typo) <- 0003 (CREATE INDEX without IF NOT EXISTS), and
// 0001 <- 0004, a second head in a file that is not open at first. The steps run in order on one server.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, DiagnosticSeverity, FileChangeType, type CodeAction, type Diagnostic, type PublishDiagnosticsParams, type TextEdit } from 'vscode-languageserver-protocol';
import { fixturePath } from '../helpers/repo';
import { codes, fileUri, LspClient, plainText } from './client';

let root: string;
let versions: string;
let client: LspClient;

const uriOf = (name: string): string => fileUri(path.join(versions, name));
const diskText = (name: string): string => fs.readFileSync(path.join(versions, name), 'utf8');
const has = (code: string) => (p: PublishDiagnosticsParams) => codes(p).includes(code);
const lacks = (code: string) => (p: PublishDiagnosticsParams) => !codes(p).includes(code);
const withVersion = (version: number, also: (p: PublishDiagnosticsParams) => boolean = () => true) => (p: PublishDiagnosticsParams) =>
  p.version === version && also(p);

function find(params: PublishDiagnosticsParams, code: string): Diagnostic {
  const diagnostic = params.diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `expected a ${code} diagnostic, got ${codes(params).join(', ') || 'none'}`);
  return diagnostic;
}

function positionOf(text: string, needle: string): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `fixture lost "${needle}"`);
  return { line, character: lines[line]!.indexOf(needle) };
}

/** The action's edits for one document, applied to `text`, and the same edits as incremental changes. */
function applyAction(action: CodeAction, uri: string, text: string): { text: string; changes: TextEdit[] } {
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits && edits.length > 0, `"${action.title}" carries no edit for ${uri}`);
  const document = TextDocument.create(uri, 'python', 0, text);
  const byPosition = [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
  // Last edit first: earlier positions stay valid while the client sends them one by one.
  return { text: TextDocument.applyEdits(document, edits), changes: byPosition };
}

/** Opens a fixture file as version 1 and waits for its `code` diagnostic. */
async function openWith(name: string, code: string): Promise<{ uri: string; text: string; diagnostic: Diagnostic }> {
  const uri = uriOf(name);
  const text = diskText(name);
  await client.open(uri, text, 1);
  const params = await client.waitForDiagnostics(uri, withVersion(1, has(code)), `${code} on ${name} (version 1)`);
  return { uri, text, diagnostic: find(params, code) };
}

before(async () => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-lsp-')));
  fs.cpSync(fixturePath('cli', 'project'), root, { recursive: true });
  versions = path.join(root, 'migrations', 'versions');
  client = LspClient.start();
  const result = await client.initialize(root);
  assert.equal(result.capabilities.textDocumentSync && typeof result.capabilities.textDocumentSync === 'object' ? result.capabilities.textDocumentSync.change : undefined, 2);
});

after(() => {
  client?.kill();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

test('graph problems are published for files that are not open', async () => {
  const params = await client.waitForDiagnostics(uriOf('0004_add_users_name.py'), has('multiple-heads'), 'multiple-heads on the unopened 0004');
  const diagnostic = find(params, 'multiple-heads');
  assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
  assert.equal(params.version, undefined, 'a file that is not open has no version');
  assert.deepEqual(diagnostic.range.start, positionOf(diskText('0004_add_users_name.py'), '"0004"'));
  // The typo in 0002 is reported without opening it as well.
  await client.waitForDiagnostics(uriOf('0002_create_orders.py'), has('sql-syntax'), 'sql-syntax on the unopened 0002');
});

test('settings changes re-publish: a rule turned off disappears, and comes back', async () => {
  const uri = uriOf('0004_add_users_name.py');
  await client.settingsChanged({ lint: { rules: { 'multiple-heads': 'off' } } });
  await client.waitForDiagnostics(uri, lacks('multiple-heads'), 'multiple-heads to be cleared by the setting');
  await client.settingsChanged({ lint: { rules: {} } });
  await client.waitForDiagnostics(uri, has('multiple-heads'), 'multiple-heads to come back');
});

test('an opened document gets sql-syntax at the exact character, and loses it when the typo is fixed', async () => {
  const { uri, text, diagnostic } = await openWith('0002_create_orders.py', 'sql-syntax');
  // The line holds "🐘" (two UTF-16 code units) before the SQL: positions are UTF-16, as LSP wants.
  const typo = positionOf(text, 'CREAT TABLE');
  assert.deepEqual(diagnostic.range.start, typo);
  assert.equal(diagnostic.range.end.line, typo.line);
  assert.ok([typo.character + 1, typo.character + 5].includes(diagnostic.range.end.character), `end ${JSON.stringify(diagnostic.range.end)}`);
  assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
  assert.equal(diagnostic.source, 'alembic-lint');
  assert.match(diagnostic.codeDescription?.href ?? '', /docs\/rules\/sql-syntax\.md$/);

  await client.change(uri, 2, [{ range: { start: typo, end: { line: typo.line, character: typo.character + 5 } }, text: 'CREATE' }]);
  const fixed = await client.waitForDiagnostics(uri, withVersion(2), 'diagnostics for version 2');
  assert.ok(!codes(fixed).includes('sql-syntax'), `still ${codes(fixed).join(', ')}`);
});

test('closing a document re-reads the file from disk', async () => {
  const uri = uriOf('0002_create_orders.py');
  await client.close(uri);
  // The fix was never saved: the typo on disk is back.
  const params = await client.waitForDiagnostics(uri, (p) => p.version === undefined && has('sql-syntax')(p), 'sql-syntax from disk after close');
  assert.deepEqual(find(params, 'sql-syntax').range.start, positionOf(diskText('0002_create_orders.py'), 'CREAT TABLE'));
});

test('code actions: suppress the finding, then apply the IF NOT EXISTS fix', async () => {
  const { uri, text: original, diagnostic } = await openWith('0003_add_orders_index.py', 'require-if-not-exists');
  const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);

  const suppress = actions.find((a) => a.title === 'Suppress require-if-not-exists for this line');
  assert.ok(suppress, `no suppression action in ${actions.map((a) => a.title).join(' | ')}`);
  const suppressed = applyAction(suppress, uri, original);
  assert.match(suppressed.text, /\n {4}# alembic-lint: ignore\[require-if-not-exists\]\n {4}op\.execute\("CREATE INDEX idx_orders_user_id/);
  await client.change(uri, 2, suppressed.changes.map((e) => ({ range: e.range, text: e.newText })));
  await client.waitForDiagnostics(uri, withVersion(2, lacks('require-if-not-exists')), 'the finding to be suppressed (version 2)');

  // Back to the original text (the whole document as one change), and the finding returns.
  const all = TextDocument.create(uri, 'python', 2, suppressed.text);
  await client.change(uri, 3, [{ range: { start: { line: 0, character: 0 }, end: all.positionAt(suppressed.text.length) }, text: original }]);
  const restored = await client.waitForDiagnostics(uri, withVersion(3, has('require-if-not-exists')), 'require-if-not-exists for version 3');

  const again = find(restored, 'require-if-not-exists');
  const fixes = (await client.codeActions(uri, again.range, [again])).filter((a) => a.title.includes('IF NOT EXISTS'));
  assert.equal(fixes.length, 1, 'one IF NOT EXISTS fix');
  const fix = fixes[0]!;
  assert.equal(fix.kind, CodeActionKind.QuickFix);
  assert.equal(fix.isPreferred, true);
  assert.deepEqual(fix.diagnostics?.map((d) => d.code), ['require-if-not-exists']);
  const fixed = applyAction(fix, uri, original);
  assert.match(fixed.text, /CREATE INDEX IF NOT EXISTS idx_orders_user_id ON orders \(user_id\)/);
  await client.change(uri, 4, fixed.changes.map((e) => ({ range: e.range, text: e.newText })));
  await client.waitForDiagnostics(uri, withVersion(4, lacks('require-if-not-exists')), 'no require-if-not-exists for version 4');
});

test("editing one file's down_revision updates the other file's multiple-heads, and the graph", async () => {
  const initial = await client.graph();
  assert.equal(initial.locations.length, 1);
  assert.deepEqual(initial.locations[0]!.heads, ['0003', '0004']);
  assert.equal(initial.locations[0]!.path, path.join(root, 'migrations'));
  assert.equal(initial.locations[0]!.ini, path.join(root, 'alembic.ini'));
  assert.deepEqual(initial.inis, [{ path: path.join(root, 'alembic.ini'), sqlalchemy_url: '' }], 'the fixture\'s empty sqlalchemy.url, as written');
  assert.ok(initial.locations[0]!.revisions.some((r) => r.revision === '0004' && r.down_revisions.join() === '0001'));

  const head3 = uriOf('0003_add_orders_index.py');
  await client.waitForDiagnostics(head3, has('multiple-heads'), 'multiple-heads on the open 0003');
  const { uri, text } = await openWith('0004_add_users_name.py', 'multiple-heads');
  const at = positionOf(text, 'down_revision = "0001"');
  const value = { line: at.line, character: at.character + 'down_revision = "'.length };
  await client.change(uri, 2, [{ range: { start: value, end: { line: value.line, character: value.character + 4 } }, text: '0003' }]);

  await client.waitForDiagnostics(uri, withVersion(2, lacks('multiple-heads')), 'no multiple-heads on 0004 (version 2)');
  // 0003 is open: its re-published diagnostics carry its own (unchanged) version.
  const other = await client.waitForDiagnostics(head3, lacks('multiple-heads'), 'multiple-heads to leave 0003');
  assert.equal(other.version, 4);
  const graph = await client.graph();
  assert.deepEqual(graph.locations[0]!.heads, ['0004']);
});

test('broken text and bytes that are not UTF-8 get diagnostics, and the server stays up', async () => {
  const uri = uriOf('0005_broken.py');
  const broken = [
    'revision = "0005"',
    'down_revision = "0004"',
    '\u0000\uFFFD garbage \u0007',
    'def upgrade():',
    '    op.execute("""CREATE TABLE never_closed (',
    '',
  ].join('\n');
  await client.open(uri, broken, 1);
  const params = await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.length > 0, 'diagnostics for the broken document');
  assert.ok(codes(params).includes('python-syntax'), `got ${codes(params).join(', ')}`);

  const bytesFile = path.join(versions, '0006_bytes.py');
  fs.writeFileSync(
    bytesFile,
    Buffer.concat([Buffer.from('revision = "0006"\ndown_revision = "0005"\n# '), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('\n')]),
  );
  await client.filesChanged([{ uri: fileUri(bytesFile), type: FileChangeType.Created }]);
  const fromDisk = await client.waitForDiagnostics(fileUri(bytesFile), has('python-syntax'), 'python-syntax for the file that is not UTF-8');
  assert.match(plainText(find(fromDisk, 'python-syntax').message), /UTF-8/);

  assert.ok(client.isRunning());
  const graph = await client.graph();
  assert.ok(graph.locations[0]!.revisions.some((r) => r.revision === '0006'), 'the new file joined the graph');
  assert.deepEqual(client.errorsLogged(), [], 'no handler failed');
});

test('alembic/graphChanged arrives without parameters, as its NotificationType0 declares', () => {
  assert.ok(client.graphChanges.length > 0, 'announced at start-up and after the down_revision edit');
  assert.deepEqual(client.graphChanges.filter((args) => args.length > 0), [], 'notifications that carried parameters');
  assert.deepEqual(client.connectionErrors.filter((e) => e.includes('alembic/graphChanged')), [], 'errors the client logged');
});

test('shutdown and exit end the process with code 0', async () => {
  assert.equal(await client.shutdown(), 0);
});
