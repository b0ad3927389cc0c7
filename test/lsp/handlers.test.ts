// The server's handlers as plain functions over a ServerState, without a connection.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { testSink } from '../helpers/sink';
import { initParsers } from '../../server/src/host/parsers';
import { parseMigration } from '../../server/src/core/migration';
import type { Finding, TextEdit } from '../../server/src/core/types';
import { codeActions } from '../../server/src/lsp/code-actions';
import { documentChanged, syncDocument } from '../../server/src/lsp/documents';
import { graphRequest } from '../../server/src/lsp/graph';
import { loadWorkspace, settingsChanged } from '../../server/src/lsp/lifecycle';
import { parseSettings, settingsOverrides } from '../../server/src/lsp/settings';
import { createState, type OpenDocument, type ServerState } from '../../server/src/lsp/state';
import { suppressFileEdit, suppressLineEdit } from '../../server/src/lsp/suppress';
import { pathToUri } from '../../server/src/lsp/uri';
import { NodeFileSystem } from '../../server/src/host/node-fs';
import { fakeClock } from '../helpers/clock';
import { fixturePath } from '../helpers/repo';
import { MemoryFileSystem } from '../unit/graph/memory-fs';

interface Published {
  uri: string;
  codes: string[];
  version: number | undefined;
}

let root: string;
let state: ServerState;
const published: Published[] = [];
const errors: string[] = [];

function apply(text: string, edit: TextEdit): string {
  return text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
}

function finding(rule: string, text: string, needle: string): Finding {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, `"${needle}" not in the text`);
  return { rule, severity: 'warning', message: '', file: '/m.py', range: { start, end: start + needle.length }, fixes: [] };
}

function document(file: string, text: string, version: number): OpenDocument {
  return { uri: pathToUri(file), version, getText: () => text };
}

let graphChanges = 0;

before(async () => {
  await initParsers();
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-handlers-')));
  fs.cpSync(fixturePath('cli', 'project'), root, { recursive: true });
  // A long interval, and every step syncs by hand before a timer could fire: the test decides when documents sync.
  state = createState(new NodeFileSystem(), testSink({
      publishDiagnostics: (uri, diagnostics, version) => published.push({ uri, codes: diagnostics.map((d) => String(d.code)), version }),
      graphChanged: () => graphChanges++,
      error: (message) => errors.push(message),
      warn: (message) => errors.push(message),
    }),
    60_000,
  );
  state.roots = [root];
});

after(() => {
  state?.throttle.dispose();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

const SQL_IN_CALL = `revision = "1"
down_revision = None


def upgrade():
    op.execute("""
        CREATE INDEX idx ON t (c)
    """)
`;

test('a line suppression goes above the call when the finding is inside a multi-line string', () => {
  const file = parseMigration('/m.py', SQL_IN_CALL);
  const edit = suppressLineEdit(file, finding('require-if-not-exists', SQL_IN_CALL, 'CREATE INDEX idx ON t (c)'));
  assert.ok(edit);
  assert.equal(
    apply(SQL_IN_CALL, edit),
    SQL_IN_CALL.replace('    op.execute("""', '    # alembic-lint: ignore[require-if-not-exists]\n    op.execute("""'),
  );
});

test('a line suppression joins an existing one above, keeps CRLF, and is not offered inside a docstring', () => {
  const text = 'revision = "1"\r\n# alembic-lint: ignore[docstring-mismatch]\r\ndown_revision = "0"\r\n';
  const file = parseMigration('/m.py', text);
  const edit = suppressLineEdit(file, finding('unknown-down-revision', text, '"0"'));
  assert.ok(edit);
  assert.equal(apply(text, edit), text.replace('ignore[docstring-mismatch]', 'ignore[docstring-mismatch, unknown-down-revision]'));
  assert.equal(suppressLineEdit(file, finding('docstring-mismatch', text, '"0"')), undefined, 'already suppressed there');

  const plain = 'x = 1\r\nrevision = "1"\r\n';
  const added = suppressLineEdit(parseMigration('/m.py', plain), finding('some-rule', plain, '"1"'));
  assert.equal(apply(plain, added!), 'x = 1\r\n# alembic-lint: ignore[some-rule]\r\nrevision = "1"\r\n');

  const docstring = '"""msg\n\nRevision ID: 2\nRevises: 1\n"""\nrevision = "1"\ndown_revision = "1"\n';
  assert.equal(suppressLineEdit(parseMigration('/m.py', docstring), finding('docstring-mismatch', docstring, 'Revision ID: 2')), undefined);
});

test('a file suppression goes below a coding cookie', () => {
  const text = '# -*- coding: utf-8 -*-\n"""doc"""\nrevision = "1"\n';
  const edit = suppressFileEdit(parseMigration('/m.py', text), 'missing-downgrade');
  assert.equal(apply(text, edit), '# -*- coding: utf-8 -*-\n# alembic-lint: ignore-file[missing-downgrade]\n"""doc"""\nrevision = "1"\n');
});

test('settings: the alembic section, with anything malformed ignored', () => {
  const defaults = { scope: 'all', baseRef: '' };
  assert.deepEqual(parseSettings({ lint: { enable: false, rules: { 'sql-syntax': 'off', bad: 3 } } }), { lint: { enable: false, rules: { 'sql-syntax': 'off' }, ...defaults } });
  assert.deepEqual(parseSettings(undefined), { lint: { enable: true, rules: {}, ...defaults } });
  assert.deepEqual(parseSettings({ lint: 'yes' }), { lint: { enable: true, rules: {}, ...defaults } });
  assert.deepEqual(parseSettings({ lint: { scope: 'pending', baseRef: ' origin/main ' } }), { lint: { enable: true, rules: {}, scope: 'pending', baseRef: 'origin/main' } });
  assert.deepEqual(parseSettings({ lint: { scope: 'everything', baseRef: 7 } }).lint, { enable: true, rules: {}, ...defaults });
  // The base goes through the one configuration resolver, as `base =` does (and wins over it).
  assert.deepEqual(settingsOverrides(parseSettings({ lint: { baseRef: 'origin/main' } })), { rules: {}, base: 'origin/main' });
  assert.deepEqual(settingsOverrides(parseSettings({ lint: {} })), { rules: {} });
});

test('loading publishes every migration file; a pending document version is never published', async () => {
  await loadWorkspace(state);
  assert.equal(graphChanges, 1, 'the loaded graph is announced once');
  const orders = path.join(root, 'migrations', 'versions', '0002_create_orders.py');
  assert.deepEqual(
    published.filter((p) => p.uri === pathToUri(orders)).map((p) => p.codes),
    [['sql-syntax']],
  );
  assert.ok(published.some((p) => p.uri.endsWith('0004_add_users_name.py') && p.codes.includes('multiple-heads')));

  const text = fs.readFileSync(orders, 'utf8');
  published.length = 0;
  documentChanged(state, document(orders, text, 1));
  assert.equal(published.length, 0, 'nothing within the same tick');
  syncDocument(state, orders);
  assert.deepEqual(published, [{ uri: pathToUri(orders), codes: ['sql-syntax'], version: 1 }]);

  // Version 2 arrives; until it is analysed, re-publishing this file (say, for a change in another file) is skipped.
  published.length = 0;
  const fixedText = text.replace('CREAT TABLE', 'CREATE TABLE');
  documentChanged(state, document(orders, fixedText, 2));
  // A real change of the settings re-publishes every file (the same settings again would redo nothing).
  settingsChanged(state, { lint: { rules: { 'require-if-exists': 'off' } } });
  assert.ok(published.length > 0, 'the settings change re-published nothing');
  assert.ok(!published.some((p) => p.uri === pathToUri(orders)), 'stale version 1 results were published for version 2');
  syncDocument(state, orders);
  assert.deepEqual(published.filter((p) => p.uri === pathToUri(orders)).at(-1), { uri: pathToUri(orders), codes: [], version: 2 });
  published.length = 0;
  settingsChanged(state, { lint: { rules: {} } });
  assert.ok(published.length > 0, 'back to the defaults: re-published');
  published.length = 0;
  settingsChanged(state, { lint: { rules: {} } });
  assert.deepEqual(published, [], 'the same settings again redo nothing');
  assert.deepEqual(errors, []);
});

test('graphChanged is announced when revision ids change, not for edits inside the functions', () => {
  const users = path.join(root, 'migrations', 'versions', '0001_create_users.py');
  const text = fs.readFileSync(users, 'utf8');
  syncDocument(state, users);
  const before = graphChanges;
  documentChanged(state, document(users, text.replace('def upgrade', '# a comment\ndef upgrade'), 10));
  syncDocument(state, users);
  assert.equal(graphChanges, before, 'a body edit keeps the graph');
  documentChanged(state, document(users, text.replace(/^revision = .*$/m, 'revision = "0001b"'), 11));
  syncDocument(state, users);
  assert.equal(graphChanges, before + 1, 'a new revision id changes it');
  documentChanged(state, document(users, text, 12));
  syncDocument(state, users);
  assert.equal(graphChanges, before + 2);
});

test('code actions: nothing for other kinds, the IF NOT EXISTS fix for a quickfix request', () => {
  const file = path.join(root, 'migrations', 'versions', '0003_add_orders_index.py');
  const uri = pathToUri(file);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes('CREATE INDEX'));
  const range = { start: { line, character: 20 }, end: { line, character: 20 } };
  const context = { diagnostics: [] as Diagnostic[] };
  assert.deepEqual(codeActions(state, { textDocument: { uri }, range, context: { ...context, only: ['source.organizeImports'] } }), []);
  const actions = codeActions(state, { textDocument: { uri }, range, context: { ...context, only: ['quickfix'] } });
  const fix = actions.find((a) => a.title === 'Add IF NOT EXISTS');
  assert.ok(fix, actions.map((a) => a.title).join(' | '));
  assert.deepEqual(fix.edit?.changes?.[uri], [
    { range: { start: { line, character: lines[line]!.indexOf('idx_orders') }, end: { line, character: lines[line]!.indexOf('idx_orders') } }, newText: 'IF NOT EXISTS ' },
  ]);
  assert.ok(actions.some((a) => a.title === 'Suppress require-if-not-exists in this file'));
});

test('a burst of edits publishes once more, for the latest version, never for an older one', (t) => {
  // A fake clock: the throttle (interval 60 s here) decides what is published, not the machine's speed.
  const clock = fakeClock(t);
  const orders = path.join(root, 'migrations', 'versions', '0002_create_orders.py');
  const uri = pathToUri(orders);
  const broken = fs.readFileSync(orders, 'utf8');
  const fixed = broken.replace('CREAT TABLE', 'CREATE TABLE');
  const ofOrders = () => published.filter((p) => p.uri === uri);
  published.length = 0;

  documentChanged(state, document(orders, fixed, 30));
  assert.deepEqual(ofOrders(), [], 'nothing within the same tick');
  clock.advance(0);
  assert.deepEqual(ofOrders(), [{ uri, codes: [], version: 30 }], 'the first change after a quiet spell is published at once');

  // Versions 31..40 alternate between the broken and the fixed text, one a second; 40 is the broken one.
  for (let version = 31; version <= 40; version++) {
    documentChanged(state, document(orders, version % 2 === 0 ? broken : fixed, version));
    clock.advance(1000);
  }
  assert.equal(ofOrders().length, 1, 'the burst waits for the interval');
  clock.advance(60_000);
  assert.deepEqual(ofOrders(), [
    { uri, codes: [], version: 30 },
    { uri, codes: ['sql-syntax'], version: 40 },
  ], 'ten changes: one publish, of the last version and its text');
  assert.deepEqual(errors, []);
});

test('the handlers run on an in-memory FileSystem: nothing is read from the disk', async () => {
  const versions = '/in-memory/project/migrations/versions';
  const migration = (id: string, parent: string | null, body: string): string =>
    `from alembic import op\n\nrevision = "${id}"\ndown_revision = ${parent === null ? 'None' : `"${parent}"`}\n\n\ndef upgrade():\n    ${body}\n\n\ndef downgrade():\n    op.execute("SELECT 1")\n`;
  const memory = new MemoryFileSystem({
    '/in-memory/project/alembic.ini': '[alembic]\nscript_location = %(here)s/migrations\n',
    [`${versions}/0001_base.py`]: migration('0001', null, 'op.execute("SELECT 1")'),
    [`${versions}/0002_index.py`]: migration('0002', '0001', 'op.execute("CREATE INDEX idx ON t (c)")'),
    [`${versions}/0003_other_head.py`]: migration('0003', '0001', 'op.execute("SELECT 1")'),
  });
  const seen: Published[] = [];
  const memoryState = createState(memory, testSink({
      publishDiagnostics: (uri, diagnostics, version) => seen.push({ uri, codes: diagnostics.map((d) => String(d.code)), version }),
      graphChanged: () => {},
      error: (message) => assert.fail(message),
      warn: (message) => assert.fail(message),
    }),
    60_000,
  );
  memoryState.roots = ['/in-memory/project'];
  try {
    await loadWorkspace(memoryState);
    const codesOf = (name: string): string[] | undefined => seen.find((p) => p.uri === pathToUri(`${versions}/${name}`))?.codes.sort();
    assert.deepEqual(codesOf('0002_index.py'), ['downgrade-not-symmetric', 'multiple-heads', 'require-if-not-exists']);
    assert.deepEqual(codesOf('0003_other_head.py'), ['multiple-heads']);

    const file = `${versions}/0002_index.py`;
    const line = memory.readFile(file)!.split('\n').findIndex((l) => l.includes('CREATE INDEX'));
    const range = { start: { line, character: 20 }, end: { line, character: 20 } };
    const actions = codeActions(memoryState, { textDocument: { uri: pathToUri(file) }, range, context: { diagnostics: [], only: ['quickfix'] } });
    assert.ok(actions.some((a) => a.title === 'Add IF NOT EXISTS'), actions.map((a) => a.title).join(' | '));
  } finally {
    memoryState.throttle.dispose();
  }
});

test('alembic/graph names an ini whose history is still empty, with its sqlalchemy.url (a project just made by alembic init)', async () => {
  const memory = new MemoryFileSystem({
    '/in-memory/new/alembic.ini': '[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = postgresql://app@db/new\n',
    '/in-memory/new/migrations/env.py': '',
    '/in-memory/new/migrations/versions/.keep': '',
  });
  const memoryState = createState(memory, testSink({ publishDiagnostics: () => {}, graphChanged: () => {}, error: (message) => assert.fail(message), warn: (message) => assert.fail(message) }),
    60_000,
  );
  memoryState.roots = ['/in-memory/new'];
  try {
    await loadWorkspace(memoryState);
    const graph = graphRequest(memoryState, {});
    assert.deepEqual(graph.locations, [], 'no revision: nothing to draw');
    assert.deepEqual(graph.inis, [{ path: '/in-memory/new/alembic.ini', sqlalchemy_url: 'postgresql://app@db/new' }]);
  } finally {
    memoryState.throttle.dispose();
  }
});
