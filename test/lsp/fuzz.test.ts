// The language server under fire, over stdio: 20 open documents in the project's versions folder, each opened and
// then changed 100 times (mutated full texts and random incremental edits, in bursts), while files that are random
// bytes, not UTF-8, full of NULs or 3 MB large appear on disk and go away again. The server must stay up, log no
// internal error, answer the last version of every burst, and keep every diagnostic inside the text it describes.
// Seeded: the inputs depend only on the seed, which every failure names; ALEMBIC_LSP_FUZZ_SEED=<n> replays them
// (which intermediate versions the server coalesces still depends on timing).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { FileChangeType, type Diagnostic, type FileEvent, type Position, type PublishDiagnosticsParams, type Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseMigration } from '../../server/src/core/migration';
import { initParsers } from '../../server/src/host/parsers';
import { decodePythonSource } from '../../server/src/host/node-fs';
import { fuzzCorpus, mutate, random } from '../helpers/mutate';
import { fixturePath } from '../helpers/repo';
import { codes, fileUri, LspClient, plainText } from './client';
import { HANG_GUARD_MS } from '../helpers/hang-guard';

const SEED = Number(process.env.ALEMBIC_LSP_FUZZ_SEED ?? 20261125) >>> 0;
const DOCUMENTS = 20;
/** Bursts of changes per document after its didOpen; the disk files appear halfway. */
const BURSTS = 20;
const BURST_SIZE = 5;
/** One burst normally answers within ~100 ms; this only bounds a hang. */
const WAIT_MS = 20_000;
/** Existing revisions the fuzz opens over (the editor's text replaces the disk's); the other documents are new files. */
const EXISTING = ['0001_create_users.py', '0002_create_orders.py', '0003_add_orders_index.py', '0004_add_users_name.py'];


const TRICKY = ['', '"', '"""', "'''", '(', ')', ':', '\\', '\n', '\r', '\r\n', '\t', '    ', '#', '$$', ';', 'é', '😀', '\ud83d', '\u0000', '\uFEFF', 'op.execute("', 'IF NOT EXISTS ', 'revision = "fz"\n', 'down_revision = ("0001", ', 'def downgrade():\n    pass\n'];

let root: string;
let versions: string;
let client: LspClient;
let seeds: string[];
let stopped = false;

/** URI -> version -> the text the client sent for it (what a versioned publish must describe). */
const sentTexts = new Map<string, Map<number, string>>();
/** URI -> the text the server reads from disk (what an unversioned publish must describe). */
const diskTexts = new Map<string, string>();
const checkedPublishes = new Map<string, number>();
const documentCache = new Map<string, TextDocument>();
let documentsSent = 0;
let diagnosticsChecked = 0;
/** Bursts answered with their exact last version, and bursts whose last text the server does not analyse. */
let exactAnswers = 0;
let unanalysed = 0;
let incrementalChanges = 0;

class FuzzFailure extends Error {}

function fail(message: string, text?: string): never {
  const input = text === undefined ? '' : `\n--- input (${text.length} chars, JSON) ---\n${JSON.stringify(text.length > 6000 ? text.slice(0, 6000) + '…' : text)}`;
  throw new FuzzFailure(`[seed ${SEED}] ${message}${input}`);
}

function nameOf(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** What the server does with the text: a file that is neither a migration nor broken Python gets no diagnostics. */
function isAnalysed(text: string): boolean {
  const file = parseMigration('/fuzz/versions/probe.py', text);
  return file.isMigration || file.pythonErrors.length > 0;
}

function notAfter(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function lineLength(document: TextDocument, line: number): number {
  const start = document.offsetAt({ line, character: 0 });
  const text = document.getText();
  let end = line + 1 < document.lineCount ? document.offsetAt({ line: line + 1, character: 0 }) : text.length;
  if (end > start && text[end - 1] === '\n') end--;
  if (end > start && text[end - 1] === '\r') end--;
  return end - start;
}

function checkDiagnostic(d: Diagnostic, document: TextDocument, where: string): void {
  const text = document.getText();
  const show = `${where}: ${JSON.stringify(d)}`;
  if (d.source !== 'alembic-lint') fail(`diagnostic with source ${JSON.stringify(d.source)}; ${show}`, text);
  if (typeof d.code !== 'string') fail(`diagnostic without a string code; ${show}`, text);
  if (plainText(d.message).startsWith('Internal error')) fail(`internal error reported as a diagnostic; ${show}`, text);
  for (const p of [d.range.start, d.range.end]) {
    if (!Number.isInteger(p.line) || p.line < 0 || p.line >= document.lineCount) fail(`line ${p.line} outside the ${document.lineCount} lines; ${show}`, text);
    const length = lineLength(document, p.line);
    if (!Number.isInteger(p.character) || p.character < 0 || p.character > length) fail(`character ${p.character} past the end of line ${p.line} (length ${length}); ${show}`, text);
  }
  if (!notAfter(d.range.start, d.range.end)) fail(`range ends before it starts; ${show}`, text);
  diagnosticsChecked++;
}

/** Checks every publish received since the last call against the text it describes. */
function checkPublished(): void {
  for (const [uri, list] of client.published) {
    for (let i = checkedPublishes.get(uri) ?? 0; i < list.length; i++) {
      const params = list[i]!;
      const where = `${nameOf(uri)} ${params.version == null ? '(from disk)' : `version ${params.version}`}`;
      let text: string | undefined;
      if (params.version != null) {
        text = sentTexts.get(uri)?.get(params.version);
        if (text === undefined) fail(`the server published diagnostics for ${where}, which the client never sent`);
      } else {
        text = diskTexts.get(uri);
        if (text === undefined) {
          if (params.diagnostics.length > 0) fail(`unversioned diagnostics for ${uri}, a file the test never wrote: ${codes(params).join(', ')}`);
          continue;
        }
      }
      const key = `${uri}#${params.version ?? 'disk'}`;
      let document = documentCache.get(key);
      if (!document) {
        document = TextDocument.create(uri, 'python', params.version ?? 0, text);
        documentCache.set(key, document);
      }
      for (const d of params.diagnostics) checkDiagnostic(d, document, where);
    }
    checkedPublishes.set(uri, list.length);
  }
}

function checkHealth(when: string): void {
  if (!client.isRunning()) fail(`the server exited ${when}`);
  const errors = client.errorsLogged();
  if (errors.length > 0) fail(`the server logged ${errors.length} internal error(s) ${when}:\n${errors.slice(0, 5).join('\n---\n')}`);
}

/** Waits for the server's answer to `version` (the last of a burst); a text it does not analyse may get none. */
async function settle(uri: string, version: number, text: string): Promise<void> {
  const analysed = isAnalysed(text);
  // Not a migration and not broken Python: the server publishes (an empty list) only if the document showed something.
  const answered = (p: PublishDiagnosticsParams): boolean => p.version === version || (!analysed && p.diagnostics.length === 0);
  if (!analysed) unanalysed++;
  if (analysed || client.latest(uri) !== undefined) {
    try {
      const params = await client.waitForDiagnostics(uri, answered, `diagnostics for version ${version} of ${nameOf(uri)}`, WAIT_MS);
      if (params.version === version) exactAnswers++;
    } catch (error) {
      fail(`${(error as Error).message}`, text);
    }
  }
  checkPublished();
  checkHealth(`after version ${version} of ${nameOf(uri)}`);
}

/** A whole-document replacement: the client's change() takes ranges, so the range runs from (0,0) past the end. */
function replaceAll(document: TextDocument, text: string): { range: Range; text: string } {
  return { range: { start: { line: 0, character: 0 }, end: { line: document.lineCount + 1, character: 0 } }, text };
}

/** 1-3 incremental edits at random ranges, each relative to the text after the previous one (as LSP sends them). */
function randomEdits(document: TextDocument, base: string, rand: () => number): { range: Range; text: string }[] {
  const scratch = TextDocument.create(document.uri, 'python', 0, document.getText());
  const changes: { range: Range; text: string }[] = [];
  for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
    const length = scratch.getText().length;
    const a = Math.floor(rand() * (length + 1));
    const b = Math.min(length, a + Math.floor(rand() * (rand() < 0.8 ? 12 : 400)));
    let range: Range = { start: scratch.positionAt(a), end: scratch.positionAt(b) };
    // Now and then a position past the end of its line or of the document: clients should not, servers must cope.
    if (rand() < 0.05) range = { start: range.start, end: { line: range.end.line + Math.floor(rand() * 3), character: range.end.character + 1 + Math.floor(rand() * 50) } };
    const r = rand();
    const start = Math.floor(rand() * base.length);
    const text = r < 0.5 ? TRICKY[Math.floor(rand() * TRICKY.length)]! : r < 0.8 ? base.slice(start, start + Math.floor(rand() * 80)) : '';
    const change = { range, text };
    TextDocument.update(scratch, [change], 0);
    changes.push(change);
  }
  return changes;
}

async function fuzzDocument(state: DocumentState, bursts: { from: number; to: number }): Promise<void> {
  const { uri, rand } = state;
  for (let burst = bursts.from; burst < bursts.to && !stopped; burst++) {
    for (let k = 0; k < BURST_SIZE; k++) {
      const version = state.document.version + 1;
      const current = state.document.getText();
      let changes: { range: Range; text: string }[];
      let intended: string | undefined;
      const r = rand();
      if (r < 0.55) intended = mutate(state.base, rand);
      else if (r < 0.65) intended = current.length < 80 ? mutate(state.base, rand) : mutate(current, rand);
      else if (r < 0.7) {
        state.base = seeds[Math.floor(rand() * seeds.length)]!;
        intended = rand() < 0.5 ? state.base : mutate(state.base, rand);
      } else if (r < 0.72) intended = rand() < 0.5 ? '' : TRICKY[Math.floor(rand() * TRICKY.length)]!;
      if (intended !== undefined) changes = [replaceAll(state.document, intended)];
      else {
        changes = randomEdits(state.document, state.base, rand);
        incrementalChanges++;
      }
      TextDocument.update(state.document, changes, version);
      const text = state.document.getText();
      if (intended !== undefined) assert.equal(text, intended, `[seed ${SEED}] a whole-document range replaces the whole text`);
      sentTexts.get(uri)!.set(version, text);
      documentsSent++;
      await client.change(uri, version, changes);
    }
    await settle(uri, state.document.version, state.document.getText());
  }
}

interface DocumentState {
  uri: string;
  rand: () => number;
  base: string;
  document: TextDocument;
}

async function openDocument(index: number): Promise<DocumentState> {
  const rand = random((SEED + Math.imul(index + 1, 0x9e3779b9)) >>> 0);
  const existing = EXISTING[index];
  const special = index === 5 ? 'fuzz 05 with spaces.py' : index === 6 ? 'fuzz_06_é🐘.py' : `fuzz_${String(index).padStart(2, '0')}.py`;
  const file = path.join(versions, existing ?? special);
  const uri = fileUri(file);
  const base = existing ? fs.readFileSync(file, 'utf8') : seeds[Math.floor(rand() * seeds.length)]!;
  const text = existing ? base : mutate(base, rand);
  const document = TextDocument.create(uri, 'python', 1, text);
  sentTexts.set(uri, new Map([[1, text]]));
  documentsSent++;
  await client.open(uri, text, 1);
  await settle(uri, 1, text);
  return { uri, rand, base, document };
}

/** Files written behind the editor's back, announced with didChangeWatchedFiles. */
function diskFiles(): { name: string; bytes: Buffer; expect?: RegExp }[] {
  const rand = random((SEED ^ 0x5eed5eed) >>> 0);
  const seedText = (): string => seeds[Math.floor(rand() * seeds.length)]!;
  const randomBytes = Buffer.alloc(64 * 1024);
  for (let i = 0; i < randomBytes.length; i++) randomBytes[i] = Math.floor(rand() * 256);

  const bad = [[0xff], [0xfe, 0xff], [0xc3, 0x28], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]];
  let invalid = Buffer.from(mutate(seedText(), rand), 'utf8');
  for (const sequence of bad) {
    const at = Math.floor(rand() * (invalid.length + 1));
    invalid = Buffer.concat([invalid.subarray(0, at), Buffer.from(sequence), invalid.subarray(at)]);
  }

  let withNuls = mutate(seedText(), rand);
  for (let i = 0; i < 30; i++) {
    const at = Math.floor(rand() * (withNuls.length + 1));
    withNuls = withNuls.slice(0, at) + '\u0000'.repeat(1 + Math.floor(rand() * 3)) + withNuls.slice(at);
  }

  const pieces = ['revision = "fuzz_big"\ndown_revision = "0001"\n'];
  let size = pieces[0]!.length;
  while (size < 3 * 1024 * 1024) {
    const piece = mutate(seedText(), rand) + '\n';
    pieces.push(piece);
    size += piece.length;
  }

  const latin = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# -*- coding: latin-1 -*-\n'), Buffer.from(seedText(), 'latin1'), Buffer.from([0x80, 0x9f, 0xa0, 0xff, 0x0a])]);
  const truncated = Buffer.from('revision = "fuzz_trunc"\ndown_revision = "0001"\n# 🐘', 'utf8');

  return [
    { name: 'fuzz_disk_random_bytes.py', bytes: randomBytes, expect: /UTF-8/ },
    { name: 'fuzz_disk_invalid_utf8.py', bytes: invalid, expect: /UTF-8/ },
    { name: 'fuzz_disk_nul_bytes.py', bytes: Buffer.from(withNuls, 'utf8') },
    { name: 'fuzz_disk_3mb.py', bytes: Buffer.from(pieces.join(''), 'utf8'), expect: /too large/i },
    { name: 'fuzz_disk_bom_latin1.py', bytes: latin },
    { name: 'fuzz_disk_truncated_utf8.py', bytes: truncated.subarray(0, truncated.length - 2), expect: /UTF-8/ },
    { name: 'fuzz_disk_empty.py', bytes: Buffer.alloc(0) },
  ];
}

/** Everything the server published for the notifications before a request has arrived once the request is answered. */
async function barrier(): Promise<void> {
  await client.graph();
  checkPublished();
}

async function diskPhase(): Promise<string[]> {
  const written: string[] = [];
  const files = diskFiles();
  for (const { name, bytes } of files) {
    const file = path.join(versions, name);
    fs.writeFileSync(file, bytes);
    diskTexts.set(fileUri(file), decodePythonSource(bytes).text);
    written.push(fileUri(file));
  }
  // Disk changes to open documents are ignored while they are open: announce one anyway.
  const events: FileEvent[] = written.map((uri) => ({ uri, type: FileChangeType.Created }));
  events.push({ uri: fileUri(path.join(versions, EXISTING[0]!)), type: FileChangeType.Changed });
  await client.filesChanged(events);
  await barrier();
  for (const { name, expect } of files) {
    if (!expect) continue;
    const uri = fileUri(path.join(versions, name));
    const latest = client.latest(uri);
    const messages = latest?.diagnostics.filter((d) => d.code === 'python-syntax').map((d) => plainText(d.message)) ?? [];
    if (!messages.some((m) => expect.test(m))) fail(`${name}: expected a python-syntax diagnostic matching ${expect}, got ${latest ? JSON.stringify(latest.diagnostics.map((d) => [d.code, plainText(d.message)])) : 'nothing'}`);
  }
  checkHealth('after the disk files appeared');
  return written;
}

before(async () => {
  await initParsers();
  seeds = fuzzCorpus();
  assert.ok(seeds.length >= 20, 'the corpus has the rule fixtures');
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-lsp-fuzz-')));
  fs.cpSync(fixturePath('cli', 'project'), root, { recursive: true });
  versions = path.join(root, 'migrations', 'versions');
  for (const name of fs.readdirSync(versions)) diskTexts.set(fileUri(path.join(versions, name)), fs.readFileSync(path.join(versions, name), 'utf8'));
  client = LspClient.start();
  await client.initialize(root);
});

after(() => {
  stopped = true;
  client?.kill();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

test(`${DOCUMENTS} documents x ${1 + BURSTS * BURST_SIZE} versions and hostile files on disk: the server answers every burst, inside the text`, { timeout: HANG_GUARD_MS }, async () => {
  const started = performance.now();
  try {
    // The workspace is loaded once the unopened fixtures have their diagnostics.
    await client.waitForDiagnostics(fileUri(path.join(versions, '0002_create_orders.py')), (p) => codes(p).includes('sql-syntax'), 'the workspace to load', WAIT_MS);
    const states = await Promise.all(Array.from({ length: DOCUMENTS }, (_, i) => openDocument(i)));
    const half = Math.floor(BURSTS / 2);
    await Promise.all(states.map((state) => fuzzDocument(state, { from: 0, to: half })));
    const written = await diskPhase();
    await Promise.all(states.map((state) => fuzzDocument(state, { from: half, to: BURSTS })));

    // Files deleted from disk lose their diagnostics.
    for (const uri of written) fs.rmSync(new URL(uri));
    await client.filesChanged(written.map((uri) => ({ uri, type: FileChangeType.Deleted })));
    await barrier();
    for (const uri of written) {
      const latest = client.latest(uri);
      if (latest && latest.diagnostics.length > 0) fail(`${nameOf(uri)} was deleted but still shows ${codes(latest).join(', ')}`);
    }

    // Closed documents: new files (never on disk) show nothing, existing ones fall back to the disk's text.
    for (const state of states) await client.close(state.uri);
    await barrier();
    for (const state of states) {
      const latest = client.latest(state.uri);
      const onDisk = EXISTING.includes(nameOf(state.uri));
      if (latest && latest.version != null && latest.diagnostics.length > 0) fail(`${nameOf(state.uri)} was closed but keeps the diagnostics of version ${latest.version}`);
      if (!onDisk && latest && latest.diagnostics.length > 0) fail(`${nameOf(state.uri)} was closed and is not on disk, but shows ${codes(latest).join(', ')}`);
    }
    checkHealth('at the end');
    assert.ok(documentsSent >= 2000, `[seed ${SEED}] only ${documentsSent} documents were sent`);
    assert.ok(diagnosticsChecked > 0, `[seed ${SEED}] the mutations produced diagnostics`);
    const exitCode = await client.shutdown();
    assert.equal(exitCode, 0, `[seed ${SEED}] the server exits with 0 after shutdown`);
    console.log(
      `lsp fuzz (seed ${SEED}): ${documentsSent} documents (${incrementalChanges} incremental changes), ${exactAnswers} bursts answered with their version, ` +
        `${unanalysed} ending in text that is not analysed, ${diagnosticsChecked} diagnostics checked in ${Math.round(performance.now() - started)} ms`,
    );
  } catch (error) {
    stopped = true;
    if (error instanceof FuzzFailure || (error as Error).message?.includes(`[seed ${SEED}]`)) throw error;
    throw new Error(`[seed ${SEED}] ${(error as Error).message}`, { cause: error });
  }
});
