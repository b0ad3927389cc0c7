// Runs against a real PostgreSQL that the views' state does not describe: confirmations written for the version table
// as it is (and asked again when it changes), two Create Revisions at once, a server that never answers, a lock
// held elsewhere, and Cancel ending the run's session on the server.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as net from 'node:net';
import { before, test } from 'node:test';
import type { Client } from 'pg';
import { openClient } from '../../client/src/database/pg-connect';
import { cancelRunBackends } from '../../client/src/database/cancel-backends';
import type { GraphLocation } from '../../common/graph-json';
import { revisionAction } from '../../client/src/alembic/revision-on-disk';
import { nextRevisionId } from '../../client/src/alembic/revision-id';
import { ProjectRunLock } from '../../client/src/alembic/run-lock';
import { runGuarded, type GuardedRunResult } from '../../client/src/alembic/guarded-run';
import { newRunAppName, type RunBounds } from '../../client/src/alembic/run-env';
import type { MigrationAction } from '../../common/alembic-command';
import { versionFolders } from '../../client/src/alembic/new-revision-files';
import { confirmAgainstFreshState, type Read } from '../../client/src/commands/fresh-confirmation';
import { downgradeDialog, type DowngradeTarget } from '../../client/src/graph/downgrade-plan';
import type { ResolvedConnection } from '../../client/src/database/resolve-connection';
import { readCurrentRevisions } from '../../client/src/database/version-table';
import { graphToJson } from '../../server/src/core/graph/json';
import { loadProject } from '../../server/src/host/project';
import { NodeFileSystem } from '../../server/src/host/node-fs';
import { initParsers } from '../../server/src/host/parsers';
import { backendForThisFile } from './backends';
import { cleanEnv, SETUP_TIMEOUT_MS } from './harness';
import { assertOk, cli, current, exampleProject, revisionIds, writeRevision, type ExampleProject } from './project';

const kind = backendForThisFile('postgres');
/** A hang guard only: every wait below is bounded on its own. */
const TEST_TIMEOUT_MS = 3 * 60_000;
const BOUNDS: RunBounds = { connectTimeoutMs: 10_000, lockTimeoutMs: 0 };

before(() => initParsers(), { timeout: SETUP_TIMEOUT_MS });

/** The graph the language server would send for the project, as it is on disk now. */
function graphOf(project: ExampleProject): GraphLocation[] {
  const { project: loaded } = loadProject(new NodeFileSystem(), project.dir, {});
  return graphToJson(loaded.workspace.graphs()).locations;
}

/** The read the confirmation does: the version table now. */
function readNow(connection: ResolvedConnection): () => Promise<Read> {
  return async () => {
    const read = await readCurrentRevisions(connection.pg, { timeoutMs: 10_000 });
    return read.ok ? { ok: true, current: read.revisions } : { ok: false, problem: read.message };
  };
}

/** The revisions a downgrade's output says it reverted, in order. */
function reverted(result: GuardedRunResult): string[] {
  return [...result.stderr.matchAll(/Running downgrade (\S+) -> /g)].map((m) => m[1] ?? '');
}

function guarded(project: ExampleProject, action: MigrationAction, connection: ResolvedConnection, extra: Partial<Parameters<typeof runGuarded>[2]> = {}): Promise<GuardedRunResult> {
  return runGuarded(project.command, action, { env: cleanEnv(connection.env), pg: connection.pg, bounds: BOUNDS, ...extra });
}

async function setup(): Promise<{ project: ExampleProject; connection: ResolvedConnection }> {
  const backend = await kind.setup();
  return { project: exampleProject(), connection: backend.connection };
}

test('postgres: Downgrade One confirms and reverts the revision the database is at now, not the one the views last saw', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { project, connection } = await setup();
  assertOk(await cli(project, { kind: 'upgrade', target: '0002' }, connection.env), 'upgrade 0002');
  const shown = await current(connection);
  assert.deepEqual(shown, ['0002'], 'what the views read at their last refresh');
  // From outside the extension: a terminal, a deploy.
  assertOk(await cli(project, { kind: 'upgrade', target: 'head' }, connection.env), 'upgrade head');

  const dialogs: string[] = [];
  const target: DowngradeTarget = { kind: 'one' };
  const outcome = await confirmAgainstFreshState({
    read: readNow(connection),
    shown,
    build: (now) => downgradeDialog('backend', graphOf(project), now, target),
    ask: async (message, detail) => (dialogs.push(`${message}\n${detail}`), true),
  });
  assert.equal(dialogs.length, 1);
  assert.match(dialogs[0] ?? '', /The database changed since the views last read it: it was at 0002 and is now at 0005/);
  assert.match(dialogs[0] ?? '', /\n0005 /, 'the dialog lists 0005');
  assert.doesNotMatch(dialogs[0] ?? '', /\n0002 /, 'and not 0002');
  assert.ok(outcome.kind === 'proceed');
  const result = await guarded(project, { kind: 'downgrade', target: outcome.plan.cliTarget }, connection);
  assertOk(result, 'downgrade');
  assert.deepEqual(reverted(result), ['0005'], 'what ran is what the dialog showed');
  assert.deepEqual(await current(connection), ['0004']);
});

test('postgres: a change while the Downgrade to base dialog is open asks again, listing every revision and drop it reverts', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { project, connection } = await setup();
  assertOk(await cli(project, { kind: 'upgrade', target: '0002' }, connection.env), 'upgrade 0002');
  const shown = await current(connection);

  const dialogs: { message: string; detail: string }[] = [];
  const outcome = await confirmAgainstFreshState({
    read: readNow(connection),
    shown,
    build: (now) => downgradeDialog('backend', graphOf(project), now, { kind: 'base' }),
    ask: async (message, detail) => {
      dialogs.push({ message, detail });
      // While the first dialog is open, someone upgrades the database to head.
      if (dialogs.length === 1) assertOk(await cli(project, { kind: 'upgrade', target: 'head' }, connection.env), 'upgrade head');
      return true;
    },
  });
  assert.equal(dialogs.length, 2, 'asked again');
  assert.equal(dialogs[0]?.message, 'Downgrade to base? This reverts 2 revisions.');
  assert.equal(dialogs[1]?.message, 'Downgrade to base? This reverts 5 revisions.');
  assert.match(dialogs[1]?.detail ?? '', /^The database changed while the previous confirmation was open: it was at 0002 and is now at 0005\./);
  for (const id of ['0005', '0004', '0003', '0002', '0001']) assert.match(dialogs[1]?.detail ?? '', new RegExp(`^${id} `, 'm'));
  // The table that holds data is called data loss; the index is listed without the word.
  assert.match(dialogs[1]?.detail ?? '', /• data loss: drop table users/);
  assert.match(dialogs[1]?.detail ?? '', /^ {2}• drop index idx_orders_user_id$/m);
  assert.ok(outcome.kind === 'proceed');
  const result = await guarded(project, { kind: 'downgrade', target: outcome.plan.cliTarget }, connection);
  assertOk(result, 'downgrade base');
  assert.deepEqual(reverted(result), ['0005', '0004', '0003', '0002', '0001']);
  assert.deepEqual(await current(connection), []);
});

test('postgres: two Create Revisions at once: the second is refused, the next takes its id from disk; no duplicate, no self-loop', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { connection } = await setup();
  const project = exampleProject('alembic');
  const lockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-run-locks-'));
  t.after(() => fs.rmSync(lockDir, { recursive: true, force: true }));
  const lock = new ProjectRunLock(lockDir);
  // The graph the server sent before any of these runs: 0001..0005.
  const staleGraph = graphOf(project);
  const folders = staleGraph.flatMap(versionFolders);
  const staleIds = staleGraph.flatMap((l) => l.revisions.map((r) => r.revision));

  /** What the Create Revision command does, with the VS Code parts left out. */
  const createRevision = (message: string) =>
    lock.exclusive('backend', `Creating a revision in backend`, async () => {
      const action = revisionAction(project.command, folders, message);
      return { action, result: await guarded(project, action, connection) };
    });

  const [first, second] = await Promise.all([createRevision('first'), createRevision('second')]);
  assert.ok(first.ok, 'the first runs');
  assert.deepEqual(second, { ok: false, busyWith: 'Creating a revision in backend' }, 'the second is refused while the first runs');
  assertOk(first.value.result, 'revision');
  assert.equal(first.value.action.revId, '0006');

  // The graph is still the stale one: the old code would have handed --rev-id 0006 again.
  assert.equal(nextRevisionId(staleIds), '0006');
  const third = await createRevision('third');
  assert.ok(third.ok);
  assertOk(third.value.result, 'revision after the first');
  assert.equal(third.value.action.revId, '0007', 'the id comes from the files on disk');
  assert.match(fs.readFileSync(third.value.result.generatedFiles?.[0] ?? '', 'utf8'), /^down_revision = "0006"$/m);

  const ids = revisionIds(project);
  assert.deepEqual(ids, ['0001', '0002', '0003', '0004', '0005', '0006', '0007'], 'one file per id');
  const heads = await cli(project, { kind: 'heads' }, connection.env);
  assertOk(heads, 'heads');
  assert.doesNotMatch(heads.stdout + heads.stderr, /Self-loop/);
  assert.deepEqual(heads.stdout.trim().split('\n'), ['0007 (head)']);
});

test('postgres: a server that accepts and never answers ends the run within the connect timeout, with a message that says so', { timeout: TEST_TIMEOUT_MS }, async () => {
  const project = exampleProject();
  const sockets: net.Socket[] = [];
  const silent = net.createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as net.AddressInfo).port;
  try {
    const started = Date.now();
    const result = await runGuarded(project.command, { kind: 'upgrade', target: 'head' }, {
      env: cleanEnv({ DATABASE_URL: `postgresql://app@127.0.0.1:${port}/app` }),
      bounds: { connectTimeoutMs: 2000, lockTimeoutMs: 0 },
    });
    const seconds = (Date.now() - started) / 1000;
    assert.equal(result.ok, false);
    assert.equal(result.cancelled, false);
    assert.ok(sockets.length >= 1, 'the CLI did reach the listener');
    assert.match(result.error ?? '', /timeout expired: the database did not answer the connection within 2 s \(alembic\.commandConnectTimeoutMs\)/);
    process.stdout.write(`# silent listener: the run ended after ${seconds.toFixed(1)} s with PGCONNECT_TIMEOUT=2\n`);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  }
});

/** A session holding a lock on `users` that the next migration's ALTER TABLE needs. */
async function holdUsersLock(connection: ResolvedConnection): Promise<Client> {
  const holder = await openClient({ ...connection.pg, connectionTimeoutMillis: 10_000 });
  await holder.query('BEGIN');
  await holder.query('SELECT * FROM users FOR UPDATE');
  return holder;
}

function addNicknameRevision(project: ExampleProject): void {
  writeRevision(project, {
    id: '0006',
    down: '0005',
    message: 'add users nickname',
    upgrade: ['ALTER TABLE users ADD COLUMN IF NOT EXISTS nickname text'],
    downgrade: ['ALTER TABLE users DROP COLUMN IF EXISTS nickname'],
  });
}

async function hasNickname(connection: ResolvedConnection): Promise<boolean> {
  const client = await openClient({ ...connection.pg, connectionTimeoutMillis: 10_000 });
  try {
    const rows = await client.query("SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'nickname'");
    return (rows.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

test('postgres: with a lock timeout set, a migration blocked by a lock held elsewhere fails with PostgreSQL\'s lock timeout', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { project, connection } = await setup();
  assertOk(await cli(project, { kind: 'upgrade', target: 'head' }, connection.env), 'upgrade head');
  addNicknameRevision(project);
  const holder = await holdUsersLock(connection);
  try {
    const result = await guarded(project, { kind: 'upgrade', target: 'head' }, connection, { bounds: { connectTimeoutMs: 10_000, lockTimeoutMs: 500 } });
    assert.equal(result.ok, false);
    assert.match(result.error ?? '', /canceling statement due to lock timeout/);
    assert.match(result.error ?? '', /a lock was not granted within 500 ms \(alembic\.commandLockTimeoutMs\)/);
    assert.equal(result.failedRevision, '0006');
  } finally {
    await holder.query('ROLLBACK');
    await holder.end();
  }
  assert.deepEqual(await current(connection), ['0005']);
  assert.equal(await hasNickname(connection), false);
});

test('postgres: Cancel of a run waiting for a lock ends its session on the server, not only the CLI', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { project, connection } = await setup();
  assertOk(await cli(project, { kind: 'upgrade', target: 'head' }, connection.env), 'upgrade head');
  addNicknameRevision(project);
  const holder = await holdUsersLock(connection);
  const appName = newRunAppName();
  // Not the holder: inside its transaction pg_stat_activity is one snapshot.
  const observer = await openClient({ ...connection.pg, connectionTimeoutMillis: 10_000 });
  const sessions = async (where = ''): Promise<number> =>
    (await observer.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1 ${where}`, [appName])).rowCount ?? 0;
  try {
    const abort = new AbortController();
    const running = guarded(project, { kind: 'upgrade', target: 'head' }, connection, { appName, signal: abort.signal });
    // Wait for the run's session to queue behind the lock (bounded: the CLI starts in a second or two).
    await pollUntil('the run waits for the lock', () => sessions("AND wait_event_type = 'Lock'").then((n) => n > 0), 60_000);
    abort.abort();
    const result = await running;
    assert.equal(result.cancelled, true);
    assert.ok(result.cancelReport && !result.cancelReport.error, JSON.stringify(result.cancelReport));
    assert.ok((result.cancelReport?.found ?? 0) >= 1 && result.cancelReport?.remaining === 0, JSON.stringify(result.cancelReport));
    await pollUntil('the run\'s session is gone from pg_stat_activity', async () => (await sessions()) === 0, 10_000);
    assert.deepEqual((await holder.query('SELECT 1 AS alive')).rows, [{ alive: 1 }], "only the run's sessions were signalled");
  } finally {
    await holder.query('ROLLBACK');
    await holder.end();
    await observer.end();
  }
  assert.deepEqual(await current(connection), ['0005']);
  assert.equal(await hasNickname(connection), false, 'the cancelled ALTER TABLE did not run after the lock was released');
});

async function pollUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('postgres: a session the cancel does not end (idle in a transaction) is terminated after the grace period; others are left alone', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { connection } = await setup();
  const appName = newRunAppName();
  const idle = await openClient({ ...connection.pg, application_name: appName, connectionTimeoutMillis: 10_000 });
  const bystander = await openClient({ ...connection.pg, application_name: `${appName}-not-this-run`, connectionTimeoutMillis: 10_000 });
  const ended = new Promise<void>((resolve) => idle.once('end', () => resolve()));
  try {
    await idle.query('BEGIN');
    const report = await cancelRunBackends(connection.pg, appName, { timeoutMs: 10_000, graceMs: 300 });
    assert.deepEqual(report, { found: 1, cancelled: 1, terminated: 1, remaining: 0 });
    await ended;
    assert.deepEqual((await bystander.query('SELECT 1 AS alive')).rows, [{ alive: 1 }]);
    const none = await cancelRunBackends(connection.pg, appName, { timeoutMs: 10_000, graceMs: 300 });
    assert.deepEqual(none, { found: 0, cancelled: 0, terminated: 0, remaining: 0 });
  } finally {
    await bystander.end();
    await idle.end().catch(() => undefined);
  }
});
