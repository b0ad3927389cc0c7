// What goes wrong, and that the extension says so clearly and in time: bad SQL in a migration, a database
// that is not there, a wrong password, a cancelled migration, a server that dies mid-command.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResolvedConnection } from '../../client/src/logic/connection';
import { openClient } from '../../client/src/logic/pg-connect';
import { readCurrentRevisions } from '../../client/src/logic/version-table';
import { freePort, postgresForThisFile, startPostgres } from './harness';
import { assertOk, cli, current, exampleProject, resolved, writeRevision, type ExampleProject } from './project';

const postgres = postgresForThisFile();

async function upgradedProject(target = 'head'): Promise<{ project: ExampleProject; connection: ResolvedConnection }> {
  const server = await postgres();
  const db = await server.createDatabase();
  const connection = resolved({ env: { DATABASE_URL: server.url(db) } });
  const project = exampleProject();
  assertOk(await cli(project, { kind: 'upgrade', target }, connection.env), `upgrade ${target}`);
  return { project, connection };
}

const SLOW_MIGRATION = { id: '0006', down: '0005', message: 'slow', upgrade: ['SELECT pg_sleep(30)'], downgrade: [] };

/** Resolves as soon as Alembic logs the start of `revision`, for killing or cancelling mid-migration. */
function whenRunning(revision: string, act: () => void): (text: string) => void {
  let done = false;
  return (text) => {
    if (!done && new RegExp(`Running upgrade \\S* -> ${revision}\\b`).test(text)) {
      done = true;
      act();
    }
  };
}

test('a failing migration names the SQL problem and its revision; the database keeps what succeeded', async () => {
  const { project, connection } = await upgradedProject();
  writeRevision(project, { id: '0006', down: '0005', message: 'add invoices', upgrade: ['CREATE TABLE IF NOT EXISTS invoices (id SERIAL PRIMARY KEY)'], downgrade: ['DROP TABLE IF EXISTS invoices'] });
  writeRevision(project, { id: '0007', down: '0006', message: 'broken', upgrade: ['CREAT TABLE broken (id int)'], downgrade: [] });
  writeRevision(project, { id: '0008', down: '0007', message: 'never reached', upgrade: ['CREATE TABLE IF NOT EXISTS unreached (id int)'], downgrade: [] });

  const result = await cli(project, { kind: 'upgrade', target: 'head' }, connection.env);
  assert.equal(result.ok, false);
  assert.equal(result.exitCode, 1);
  assert.match(result.error ?? '', /syntax error at or near "CREAT"/);
  assert.doesNotMatch(result.error ?? '', /\n/, 'one line');
  assert.equal(result.failedRevision, '0007');

  // One transaction per migration (env.py): 0006 stays applied and recorded, 0007 rolled back whole.
  assert.deepEqual(await current(connection), ['0006']);
  const client = await openClient({ ...connection.pg, connectionTimeoutMillis: 5000 });
  try {
    const tables = await client.query<{ name: string | null }>("SELECT to_regclass('invoices')::text AS name UNION ALL SELECT to_regclass('unreached')::text");
    assert.deepEqual(tables.rows.map((row) => row.name), ['invoices', null]);
  } finally {
    await client.end();
  }
});

test('an unknown target: the CLI\'s own message, through migrate.py and through Alembic\'s CLI', async () => {
  const server = await postgres();
  const connection = resolved({ env: { DATABASE_URL: server.url(await server.createDatabase()) } });
  const dir = exampleProject().dir;
  for (const style of ['migrate.py', 'alembic'] as const) {
    const result = await cli(exampleProject(style, dir), { kind: 'upgrade', target: 'zzzz' }, connection.env);
    assert.equal(result.ok, false, style);
    assert.equal(result.error, "Can't locate revision identified by 'zzzz'", style);
  }
});

test('an unreachable database: a clear error from pg and from the CLI, quickly', async () => {
  // Bound, then released: nothing listens there.
  const closedPort = await freePort();
  const connection = resolved({ env: { DATABASE_URL: `postgresql://postgres:not-the-point@127.0.0.1:${closedPort}/app` } });
  let started = Date.now();
  const read = await readCurrentRevisions(connection.pg, { timeoutMs: 5000 });
  assert.ok(Date.now() - started < 5000);
  assert.equal(read.ok, false);
  assert.ok(!read.ok && read.kind === 'unreachable', JSON.stringify(read));
  assert.match(read.ok ? '' : read.message, new RegExp(`postgres@127\\.0\\.0\\.1:${closedPort}/app: connection refused`));

  started = Date.now();
  const result = await cli(exampleProject(), { kind: 'current' }, connection.env, { timeoutMs: 30_000 });
  assert.ok(Date.now() - started < 20_000);
  assert.equal(result.ok, false);
  assert.equal(result.timedOut, false);
  assert.match(result.error ?? '', /OperationalError: .*port \d+ failed: Connection refused/);
  assert.ok(!JSON.stringify(result).includes('not-the-point'));
});

test('a wrong password: an authentication error that does not repeat the password', async () => {
  const server = await postgres();
  const db = await server.createDatabase();
  const wrong = 'Wr0ng-Passw0rd';
  const connection = resolved({ env: { DATABASE_URL: `postgresql://postgres:${wrong}@127.0.0.1:${server.port}/${db}` } });
  const read = await readCurrentRevisions(connection.pg, { timeoutMs: 5000 });
  assert.ok(!read.ok && read.kind === 'auth', JSON.stringify(read));
  assert.match(read.ok ? '' : read.message, /password authentication failed for user "postgres"/);

  const streamed: string[] = [];
  const result = await cli(exampleProject(), { kind: 'upgrade', target: 'head' }, connection.env, { onOutput: (text) => streamed.push(text) });
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /password authentication failed for user "postgres"/);
  const everything = JSON.stringify(result) + streamed.join('') + JSON.stringify(read);
  assert.ok(!everything.includes(wrong), 'the password appears nowhere');
});

test('cancelling a running migration stops the CLI; the database stays at the last finished revision', async () => {
  const { project, connection } = await upgradedProject();
  writeRevision(project, SLOW_MIGRATION);
  const controller = new AbortController();
  const started = Date.now();
  const result = await cli(project, { kind: 'upgrade', target: 'head' }, connection.env, {
    signal: controller.signal,
    onOutput: whenRunning('0006', () => controller.abort()),
  });
  assert.equal(result.cancelled, true);
  assert.equal(result.ok, false);
  assert.equal(result.failedRevision, '0006');
  assert.ok(Date.now() - started < 15_000, 'well before pg_sleep(30) ends');
  assert.deepEqual(await current(connection), ['0005']);
});

test('the server killed mid-command: the CLI fails with the reason, nothing hangs', async () => {
  // Its own cluster: this one is killed.
  const doomed = await startPostgres();
  try {
    const db = await doomed.createDatabase();
    const connection = resolved({ env: { DATABASE_URL: doomed.url(db) } });
    const project = exampleProject();
    assertOk(await cli(project, { kind: 'upgrade', target: 'head' }, connection.env), 'upgrade head');
    writeRevision(project, SLOW_MIGRATION);

    const started = Date.now();
    const result = await cli(project, { kind: 'upgrade', target: 'head' }, connection.env, {
      onOutput: whenRunning('0006', () => process.kill(doomed.pid, 'SIGKILL')),
    });
    const elapsed = Date.now() - started;
    assert.equal(result.ok, false);
    assert.equal(result.timedOut, false, 'the CLI noticed by itself');
    assert.ok(elapsed < 20_000, `elapsed ${elapsed} ms`);
    assert.match(result.error ?? '', /server closed the connection unexpectedly|terminating connection|connection .* closed/i);
    assert.equal(result.failedRevision, '0006');

    const readStarted = Date.now();
    const read = await readCurrentRevisions(connection.pg, { timeoutMs: 3000 });
    assert.ok(Date.now() - readStarted < 4000);
    assert.ok(!read.ok && read.kind === 'unreachable', JSON.stringify(read));
  } finally {
    await doomed.stop();
  }
});
