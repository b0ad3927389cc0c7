// `alembic.lint.scope` over stdio: `pending` shows findings only in the revisions the connected database has not
// applied, as the client reports them (alembic/databaseRevisions); `all` shows every file's.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { codes, fileUri, LspClient } from './client';

let root: string;
let location: string;
let client: LspClient;
const uris: Record<string, string> = {};

/** Each revision creates an index without IF NOT EXISTS: a require-if-not-exists warning in every file. */
function revision(id: string, down: string | null): string {
  return `from alembic import op\n\nrevision = "${id}"\ndown_revision = ${down === null ? 'None' : `"${down}"`}\n\n\ndef upgrade():\n    op.execute("CREATE INDEX ix_${id} ON t (a)")\n\n\ndef downgrade():\n    op.execute("DROP INDEX IF EXISTS ix_${id}")\n`;
}

const reported = (p: PublishDiagnosticsParams): boolean => codes(p).includes('require-if-not-exists');
const quiet = (p: PublishDiagnosticsParams): boolean => p.diagnostics.length === 0;

before(async () => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-lsp-scope-')));
  location = path.join(root, 'migrations');
  const versions = path.join(location, 'versions');
  fs.mkdirSync(versions, { recursive: true });
  fs.writeFileSync(path.join(root, 'alembic.ini'), '[alembic]\nscript_location = %(here)s/migrations\n');
  for (const [id, down] of [['0001', null], ['0002', '0001'], ['0003', '0002']] as const) {
    const file = path.join(versions, `${id}.py`);
    fs.writeFileSync(file, revision(id, down));
    uris[id] = fileUri(file);
  }
  client = LspClient.start();
  await client.initialize(root, { lint: { rules: {}, scope: 'pending' } });
});

after(() => {
  client?.kill();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

test('pending without a connected database: every file shows its findings (what is not known is shown)', async () => {
  for (const id of ['0001', '0002', '0003']) await client.waitForDiagnostics(uris[id]!, reported, `${id} reported before any database is known`);
});

test('pending: the revisions the database has applied go quiet, the others keep their findings', async () => {
  await client.databaseRevisions({ locations: [{ location, current: ['0002'] }] });
  await client.waitForDiagnostics(uris['0001']!, quiet, '0001 quiet once applied');
  await client.waitForDiagnostics(uris['0002']!, quiet, '0002 quiet once applied');
  assert.ok(reported(client.latest(uris['0003']!)!), '0003 is not applied: still reported');
});

test('pending: a downgrade (the database at 0001) brings 0002 back; another location in the message changes nothing here', async () => {
  await client.databaseRevisions({ locations: [{ location: path.join(root, 'elsewhere'), current: ['x'] }, { location, current: ['0001'] }] });
  await client.waitForDiagnostics(uris['0002']!, reported, '0002 reported again after the downgrade');
  assert.ok(quiet(client.latest(uris['0001']!)!), '0001 still applied');
});

test('all: every file shows its findings, whatever the database has applied', async () => {
  await client.settingsChanged({ lint: { rules: {}, scope: 'all' } });
  await client.waitForDiagnostics(uris['0001']!, reported, '0001 reported with scope all');
  await client.settingsChanged({ lint: { rules: {}, scope: 'pending' } });
  await client.waitForDiagnostics(uris['0001']!, quiet, '0001 quiet again with scope pending');
  // Disconnected: the client sends no location, and nothing is known to be applied.
  await client.databaseRevisions({ locations: [] });
  await client.waitForDiagnostics(uris['0001']!, reported, '0001 reported once no database is connected');
});
