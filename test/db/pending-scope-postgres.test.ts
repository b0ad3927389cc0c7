// The editor's `pending` lint scope against a real PostgreSQL: the real Alembic CLI upgrades and downgrades
// examples/backend, the client's own reader reads the version table, and the language server (over stdio) shows
// findings only in the revisions that database has not applied.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { initParsers } from '../../server/src/host/parsers';
import { codes, fileUri, LspClient } from '../lsp/client';
import { backendForThisFile } from './backends';
import { SETUP_TIMEOUT_MS } from './harness';
import { assertOk, cli, current, exampleProject, writeRevision } from './project';

const kind = backendForThisFile('postgres');
/** A hang guard only: every wait below is bounded on its own. */
const TEST_TIMEOUT_MS = 3 * 60_000;
let client: LspClient | undefined;

before(() => initParsers(), { timeout: SETUP_TIMEOUT_MS });
after(() => client?.kill());

const reported = (p: PublishDiagnosticsParams): boolean => codes(p).includes('require-if-not-exists');

test('postgres: with scope pending, an applied revision goes quiet and comes back after a downgrade', { timeout: TEST_TIMEOUT_MS }, async () => {
  const backend = await kind.setup();
  const project = exampleProject();
  const file = writeRevision(project, {
    id: '0006',
    down: '0005',
    message: 'index on lower email',
    upgrade: ['CREATE INDEX ix_users_email_lower ON users (lower(email))'],
    downgrade: ['DROP INDEX IF EXISTS ix_users_email_lower'],
  });
  const uri = fileUri(file);
  client = LspClient.start();
  await client.initialize(project.dir, { lint: { rules: {}, scope: 'pending' } });
  await client.waitForDiagnostics(uri, reported, '0006 reported while no database is known');
  const [location] = (await client.graph()).locations;
  assert.ok(location, 'the server found the script location');

  assertOk(await cli(project, { kind: 'upgrade', target: 'head' }, backend.connection.env), 'upgrade head');
  assert.deepEqual(await current(backend.connection), ['0006']);
  await client.databaseRevisions({ locations: [{ location: location.path, current: await current(backend.connection) }] });
  await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, '0006 quiet once the database has applied it');

  assertOk(await cli(project, { kind: 'downgrade', target: '0005' }, backend.connection.env), 'downgrade 0005');
  await client.databaseRevisions({ locations: [{ location: location.path, current: await current(backend.connection) }] });
  await client.waitForDiagnostics(uri, reported, '0006 reported again once the database is back at 0005');
});
