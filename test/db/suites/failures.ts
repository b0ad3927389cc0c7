// What goes wrong, and that the extension says so clearly and in time: bad SQL in a migration, a database
// that is not there, a wrong password, a cancelled migration, a server that dies mid-command. Each test
// gets a fresh database of the backend, so they do not depend on one another.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { ResolvedConnection } from '../../../client/src/database/resolve-connection';
import { openClient } from '../../../client/src/database/pg-connect';
import { readCurrentRevisions } from '../../../client/src/database/version-table';
import { testOn, type Backend, type BackendKind } from '../backends';
import { assertOk, cli, current, exampleProject, writeRevision, type ExampleProject } from '../project';

/** Long enough that "cancelled or killed before it ended" is clear; short, because PGlite finishes it before it answers again. */
const SLEEP_SECONDS = 5;
/** From Alembic's "Running upgrade" line until its statement is certainly running on the server. */
const STATEMENT_STARTED_MS = 500;
const slowMigration = (seconds: number) => ({ id: '0006', down: '0005', message: 'slow', upgrade: [`SELECT pg_sleep(${seconds})`], downgrade: [] });

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

export function failuresSuite(kind: BackendKind): void {
  const test = (name: string, body: (t: TestContext) => Promise<void>): void => testOn(kind, name, body);

  /** A fresh database for this test, stopped after it. */
  async function fresh(t: TestContext, o: { ownServer?: boolean } = {}): Promise<Backend> {
    const backend = await kind.setup(o);
    t.after(() => backend.stop());
    return backend;
  }

  async function upgradedProject(t: TestContext, o: { ownServer?: boolean } = {}): Promise<{ project: ExampleProject; backend: Backend; connection: ResolvedConnection }> {
    const backend = await fresh(t, o);
    const project = exampleProject();
    assertOk(await cli(project, { kind: 'upgrade', target: 'head' }, backend.connection.env), 'upgrade head');
    return { project, backend, connection: backend.connection };
  }

  test('a failing migration names the SQL problem and its revision; the database keeps what succeeded', async (t) => {
    const { project, connection } = await upgradedProject(t);
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
    const client = await openClient({ ...connection.pg, connectionTimeoutMillis: 5000, query_timeout: 10_000 });
    try {
      const tables = await client.query<{ name: string | null }>("SELECT to_regclass('invoices')::text AS name UNION ALL SELECT to_regclass('unreached')::text");
      assert.deepEqual(tables.rows.map((row) => row.name), ['invoices', null]);
    } finally {
      await client.end();
    }
  });

  test('an unknown target: the CLI\'s own message, through migrate.py and through Alembic\'s CLI', async (t) => {
    const { connection } = await fresh(t);
    const dir = exampleProject().dir;
    for (const style of ['migrate.py', 'alembic'] as const) {
      const result = await cli(exampleProject(style, dir), { kind: 'upgrade', target: 'zzzz' }, connection.env);
      assert.equal(result.ok, false, style);
      assert.equal(result.error, "Can't locate revision identified by 'zzzz'", style);
    }
  });

  test('a database whose server is not running: a clear error from pg and from the CLI, quickly', async (t) => {
    const backend = await fresh(t, { ownServer: true });
    const { connection } = backend;
    await backend.stop();
    // 'unreachable', not 'timeout': the refusal is reported as it comes, not when the deadline passes.
    const read = await readCurrentRevisions(connection.pg, { timeoutMs: 5000 });
    assert.ok(!read.ok && read.kind === 'unreachable', JSON.stringify(read));
    assert.ok(read.message.startsWith(`${connection.display}: connection refused`), read.message);

    const result = await cli(exampleProject(), { kind: 'current' }, connection.env, { timeoutMs: 30_000 });
    assert.equal(result.ok, false);
    assert.equal(result.timedOut, false, 'the CLI gives up by itself, long before the 30 s deadline');
    assert.match(result.error ?? '', /OperationalError: .*port \d+ failed: Connection refused/);
    const password = connection.pg.password;
    if (typeof password === 'string' && password) assert.ok(!(JSON.stringify(result) + read.message).includes(password), 'the password appears nowhere');
  });

  test('a wrong password: an authentication error that does not repeat the password', async (t) => {
    const backend = await fresh(t);
    const wrong = 'Wr0ng-Passw0rd';
    const connection = backend.withPassword(wrong);
    assert.equal(connection.pg.password, wrong, 'the URL carries the wrong password');
    const read = await readCurrentRevisions(connection.pg, { timeoutMs: 5000 });
    const streamed: string[] = [];
    const result = await cli(exampleProject(), { kind: 'upgrade', target: 'head' }, connection.env, { onOutput: (text) => streamed.push(text) });
    // PostgreSQL checks it, and so does the embedded database (its md5 check in front of PGlite).
    assert.ok(!read.ok && read.kind === 'auth', JSON.stringify(read));
    assert.match(read.message, /password authentication failed for user "postgres"/);
    assert.equal(result.ok, false);
    assert.match(result.error ?? '', /password authentication failed for user "postgres"/);
    assert.deepEqual(await current(backend.connection), [], 'nothing ran');
    const everything = JSON.stringify(result) + streamed.join('') + JSON.stringify(read);
    assert.ok(!everything.includes(wrong), 'the password appears nowhere');
  });

  test('cancelling a running migration stops the CLI; the database stays at the last finished revision', async (t) => {
    const { project, connection } = await upgradedProject(t);
    writeRevision(project, slowMigration(SLEEP_SECONDS));
    const controller = new AbortController();
    let statementStarted = 0;
    const result = await cli(project, { kind: 'upgrade', target: 'head' }, connection.env, {
      signal: controller.signal,
      // Alembic logs the revision before it sends the statement: cancel once pg_sleep surely runs.
      onOutput: whenRunning('0006', () => {
        statementStarted = Date.now();
        setTimeout(() => controller.abort(), STATEMENT_STARTED_MS);
      }),
    });
    // Counted from the statement, not from the start of Python, whose start-up a busy machine stretches.
    const elapsed = Date.now() - statementStarted;
    assert.ok(statementStarted > 0, 'the migration started');
    assert.equal(result.cancelled, true);
    assert.equal(result.ok, false);
    assert.equal(result.failedRevision, '0006');
    assert.ok(elapsed < SLEEP_SECONDS * 700, `well before pg_sleep(${SLEEP_SECONDS}) ends: ${elapsed} ms`);

    if (!kind.servesOthersWhileBusy) {
      // pglite-socket ignores CancelRequest and cannot interrupt PGlite: the statement of the session that went
      // away runs to its end, and until then every reader times out; then the session's transaction is rolled back.
      const busy = await readCurrentRevisions(connection.pg, { timeoutMs: 1000 });
      assert.ok(!busy.ok && busy.kind === 'timeout', `the cancelled statement still occupies PGlite: ${JSON.stringify(busy)}`);
    }
    const read = await readCurrentRevisions(connection.pg, { timeoutMs: SLEEP_SECONDS * 1000 + 10_000 });
    assert.deepEqual(read, { ok: true, revisions: ['0005'] });
  });

  test('the server killed mid-command: the CLI fails with the reason, nothing hangs', async (t) => {
    // A server of its own: this one is killed.
    const { project, backend, connection } = await upgradedProject(t, { ownServer: true });
    writeRevision(project, slowMigration(30));

    let killed: Promise<void> | undefined;
    const started = Date.now();
    const result = await cli(project, { kind: 'upgrade', target: 'head' }, connection.env, {
      onOutput: whenRunning('0006', () => (killed = backend.kill())),
    });
    const elapsed = Date.now() - started;
    assert.ok(killed, 'the migration started, and the server was killed');
    await killed;
    assert.equal(result.ok, false);
    assert.equal(result.timedOut, false, 'the CLI noticed by itself');
    assert.ok(elapsed < 20_000, `elapsed ${elapsed} ms`);
    assert.match(result.error ?? '', /server closed the connection unexpectedly|terminating connection|connection .* closed/i);
    assert.equal(result.failedRevision, '0006');

    const read = await readCurrentRevisions(connection.pg, { timeoutMs: 3000 });
    assert.ok(!read.ok && read.kind === 'unreachable', JSON.stringify(read));
  });
}
