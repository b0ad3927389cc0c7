// The embedded development database against real clients: pg, and the real Alembic CLI (psycopg2/libpq)
// on a copy of examples/backend.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/src/host/embedded/embedded-db';
import { EmbeddedDatabaseLockedError, isAlive } from '../../server/src/host/embedded/embedded-lock';
import { ENDPOINT_PREFIX, OWNER_FILE } from '../../server/src/host/embedded/embedded-temp';
import { repoRoot } from '../helpers/repo';
import { ALEMBIC_PYTHON, cleanEnv, copyExample, ensureSystemPackages } from './harness';

function run(file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeout: number }) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(file, args, { ...options, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr: stderr + (error && code === null ? `\n${error.message}` : '') });
    });
  });
}

/** Removed after the test: each data directory is about 40 MB. */
function tempDir(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pglite-ws-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000, query_timeout: 15_000 });
  await client.connect();
  return client;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = await connect(url);
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

function versions(url: string): Promise<string[]> {
  return query<{ version_num: string }>(url, 'SELECT version_num FROM alembic_version ORDER BY 1').then((rows) => rows.map((r) => r.version_num));
}

/** Resolves with the socket error code: nothing may be listening any more. */
function connectionError(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connecting to port ${port} neither succeeded nor failed within 5 s`));
    }, 5_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code ?? error.message);
    });
  });
}

/** The local addresses listening on `port`, from the kernel's own table (Linux). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const addresses: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === '0A' && local?.endsWith(`:${hexPort}`)) addresses.push(local.slice(0, -5));
    }
  }
  return addresses;
}

/** The folders of pglite-socket's socket under the system's temporary folder that name `pid` as their process. */
function endpointFoldersOf(pid: number): string[] {
  return fs.readdirSync(os.tmpdir()).filter((name) => {
    if (!name.startsWith(ENDPOINT_PREFIX)) return false;
    try {
      return fs.readFileSync(path.join(os.tmpdir(), name, OWNER_FILE), 'utf8').split('\n')[0] === String(pid);
    } catch {
      return false;
    }
  });
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1e6)} MB`;
}

async function timedStart(workspaceDir: string): Promise<{ db: EmbeddedDatabase; report: string }> {
  const rss = process.memoryUsage().rss;
  const started = Date.now();
  const db = await startEmbeddedDatabase({ workspaceDir });
  return { db, report: `${Date.now() - started} ms, process rss ${mb(rss)} -> ${mb(process.memoryUsage().rss)}` };
}

test('serves pg on loopback, keeps its data across a restart, ignores itself in git, and stops listening', { timeout: 120_000 }, async (t) => {
  const workspace = tempDir(t);
  const cold = await timedStart(workspace);
  let db = cold.db;
  try {
    t.diagnostic(`cold start (WASM compile + initdb): ${cold.report}`);
    assert.match(db.url, new RegExp(`^postgresql://postgres:[0-9a-f]{32}@127\\.0\\.0\\.1:${db.port}/postgres$`));
    const passwordFile = path.join(workspace, '.alembic', 'password');
    assert.equal(fs.statSync(passwordFile).mode & 0o777, 0o600, 'the password file is the owner\'s only');
    assert.equal(db.dataDir, path.join(workspace, '.alembic', 'pgdata'));
    assert.ok(fs.existsSync(path.join(db.dataDir, 'PG_VERSION')), 'the data directory is on disk');
    assert.equal(fs.readFileSync(path.join(workspace, '.alembic', '.gitignore'), 'utf8').split('\n').filter((l) => !l.startsWith('#')).join(''), '*');
    assert.notEqual(db.pid, process.pid, 'served by a child process, not the extension host');
    assert.equal(fs.readFileSync(path.join(workspace, '.alembic', 'pgdata.lock'), 'utf8').trim(), String(db.pid));
    assert.deepEqual(listeningAddresses(db.port), ['0100007F'], 'bound to 127.0.0.1 only');
    assert.equal(endpointFoldersOf(db.pid).length, 1, 'its socket\'s folder names its process');

    const client = await connect(db.url);
    await client.query('CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)');
    await client.query('INSERT INTO notes (body) VALUES ($1), ($2)', ['first', 'sécond']);
    await client.end();
  } finally {
    await db.stop();
  }
  assert.equal(await connectionError(db.port), 'ECONNREFUSED');
  assert.deepEqual(listeningAddresses(db.port), []);
  assert.equal(fs.existsSync(path.join(workspace, '.alembic', 'pgdata.lock')), false, 'the lock is released');
  assert.deepEqual(endpointFoldersOf(db.pid), [], 'its socket\'s folder is removed');

  const firstUrl = db.url;
  const warm = await timedStart(workspace);
  db = warm.db;
  try {
    assert.equal(new URL(db.url).password, new URL(firstUrl).password, 'one password per workspace, kept across restarts');
    t.diagnostic(`warm start: ${warm.report}`);
    const rows = await query<{ body: string }>(db.url, 'SELECT body FROM notes ORDER BY id');
    assert.deepEqual(rows.map((r) => r.body), ['first', 'sécond']);

    // One backend: while a client is inside a transaction, another client (even its connecting) waits.
    const writer = await connect(db.url);
    await writer.query("BEGIN; INSERT INTO notes (body) VALUES ('third')");
    let readerDone = false;
    const reader = query<{ n: string }>(db.url, 'SELECT count(*) AS n FROM notes').finally(() => (readerDone = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(readerDone, false, 'the second client waits for the open transaction');
    await writer.query('COMMIT');
    assert.deepEqual(await reader, [{ n: '3' }]);
    await writer.end();
  } finally {
    await db.stop();
  }
});

/** psycopg2 (libpq) of the interpreter that has Alembic, connecting with the DSN in its environment; "ok" or the error. */
async function psycopg2Connect(dsn: string, env: Record<string, string>): Promise<string> {
  const script = 'import os, psycopg2\ntry:\n    psycopg2.connect(os.environ["DSN"], connect_timeout=10).close()\n    print("ok")\nexcept psycopg2.OperationalError as e:\n    print(str(e).strip())';
  const result = await run(ALEMBIC_PYTHON, ['-c', script], { cwd: repoRoot, env: cleanEnv({ ...env, DSN: dsn }), timeout: 30_000 });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim();
}

test('a client without the workspace\'s password is refused, with it connects: pg and psycopg2', { timeout: 180_000 }, async (t) => {
  await ensureSystemPackages();
  const workspace = tempDir(t);
  const db = await startEmbeddedDatabase({ workspaceDir: workspace });
  try {
    const withoutPassword = `postgresql://postgres@127.0.0.1:${db.port}/postgres`;
    const wrongPassword = `postgresql://postgres:${'0'.repeat(32)}@127.0.0.1:${db.port}/postgres`;
    for (const url of [withoutPassword, wrongPassword]) {
      // No password at all: pg refuses to answer the md5 request, the server never sees one.
      await assert.rejects(query(url, 'SELECT 1'), /password authentication failed for user "postgres"|client password must be a string|password/i, url);
    }
    const wrong = new Client({ connectionString: wrongPassword, connectionTimeoutMillis: 5_000 });
    await assert.rejects(wrong.connect(), (error: { code?: string }) => error.code === '28P01');
    assert.deepEqual(await query(db.url, 'SELECT 1 AS one'), [{ one: 1 }]);

    const libpqEnv = { ...db.clientEnv, PGPASSFILE: '/dev/null' };
    assert.match(await psycopg2Connect(withoutPassword, libpqEnv), /no password supplied|password authentication failed/);
    assert.match(await psycopg2Connect(wrongPassword, libpqEnv), /password authentication failed for user "postgres"/);
    assert.equal(await psycopg2Connect(db.url, libpqEnv), 'ok');
  } finally {
    await db.stop();
  }
});

test('the real Alembic CLI upgrades, shows current, downgrades and stamps while pg reads the version table', { timeout: 1_200_000 }, async () => {
  await ensureSystemPackages();
  const project = copyExample();
  const db = await startEmbeddedDatabase({ workspaceDir: project });
  try {
    // env.py turns postgresql:// into postgresql+psycopg2://; the CLI gets the URL the way the extension passes it.
    const env = cleanEnv({ ...db.clientEnv, DATABASE_URL: db.url.replace(/^postgresql:/, 'postgresql+psycopg2:') });
    const migrate = async (...args: string[]) => {
      const result = await run(ALEMBIC_PYTHON, ['migrate.py', ...args], { cwd: project, env, timeout: 120_000 });
      assert.equal(result.code, 0, `migrate.py ${args.join(' ')} failed:\n${result.stderr}`);
      return result.stdout + result.stderr;
    };

    // Our reader polls through the same socket the whole time Alembic migrates.
    let reads = 0;
    let readerErrors = 0;
    let reading = true;
    const reader = (async () => {
      while (reading) {
        try {
          const rows = await query<{ present: string | null }>(db.url, "SELECT to_regclass('alembic_version')::text AS present");
          if (rows[0]?.present) await versions(db.url);
          reads++;
        } catch {
          readerErrors++;
        }
      }
    })();
    const upgradeLog = await migrate('upgrade');
    reading = false;
    await reader;
    assert.match(upgradeLog, /Running upgrade 0004 -> 0005/);
    assert.equal(readerErrors, 0, 'concurrent reads never fail');
    assert.ok(reads > 0, 'the reader ran during the upgrade');

    assert.deepEqual(await versions(db.url), ['0005']);
    assert.match(await migrate('current'), /^0005 \(head\)$/m);
    const indexes = await query<{ indexname: string }>(db.url, "SELECT indexname FROM pg_indexes WHERE indexname IN ('idx_users_name_trgm', 'idx_orders_status_created_at') ORDER BY 1");
    assert.deepEqual(indexes.map((r) => r.indexname), ['idx_orders_status_created_at', 'idx_users_name_trgm'], 'pg_trgm and CONCURRENTLY both work');

    await migrate('downgrade', '-1');
    assert.deepEqual(await versions(db.url), ['0004']);
    assert.match(await migrate('current'), /^0004$/m);

    await migrate('stamp', '0002');
    assert.deepEqual(await versions(db.url), ['0002']);
    assert.equal((await query(db.url, "SELECT 1 FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'status'")).length, 1, 'stamp runs no migration');

    await migrate('stamp', 'head');
    await migrate('downgrade', 'base');
    assert.deepEqual(await versions(db.url), []);
    assert.deepEqual(await query(db.url, "SELECT to_regclass('users')::text AS t"), [{ t: null }]);
  } finally {
    await db.stop();
  }
});

/**
 * A second VS Code window: another process running startEmbeddedDatabase on the same workspace. `pid` is that
 * window's process, `serverPid` the database process it started.
 */
function startInAnotherProcess(workspaceDir: string): Promise<{ pid: number; serverPid: number; kill(): Promise<void> }> {
  const script = `
    const { startEmbeddedDatabase } = require(${JSON.stringify(require.resolve('../../server/src/host/embedded/embedded-db'))});
    const { Client } = require('pg');
    (async () => {
      const db = await startEmbeddedDatabase({ workspaceDir: ${JSON.stringify(workspaceDir)} });
      const client = new Client({ connectionString: db.url, connectionTimeoutMillis: 5000 });
      await client.connect();
      await client.query("CREATE TABLE survived (what text); INSERT INTO survived VALUES ('committed before the crash')");
      await client.end();
      process.stdout.write('ready ' + db.pid + '\\n');
      setInterval(() => {}, 1000);
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async () => {
    child.kill('SIGKILL');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => void kill().then(() => reject(new Error(`the other process did not start within 60 s:\n${stderr}`))), 60_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const ready = /ready (\d+)/.exec(chunk.toString());
      if (!ready) return;
      clearTimeout(timer);
      resolve({ pid: child.pid!, serverPid: Number(ready[1]), kill });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the other process exited with ${code}:\n${stderr}`));
    });
  });
}

test('a second window is refused while the first runs; after its database process crashes the stale lock is taken over, its socket folder removed, and the data survived', { timeout: 180_000 }, async (t) => {
  const workspace = tempDir(t);
  const other = await startInAnotherProcess(workspace);
  // Asserted while it runs: once it is killed, any other start (another test file's) may remove the folder.
  assert.equal(endpointFoldersOf(other.serverPid).length, 1);
  try {
    await assert.rejects(startEmbeddedDatabase({ workspaceDir: workspace }), (error: unknown) => {
      assert.ok(error instanceof EmbeddedDatabaseLockedError);
      assert.equal(error.pid, other.serverPid);
      assert.match(error.message, new RegExp(`^The embedded database is already running in another window \\(pid ${other.serverPid}\\)`));
      return true;
    });
  } finally {
    // Killed, not stopped: the lock file stays behind with a pid that no longer exists.
    process.kill(other.serverPid, 'SIGKILL');
    await other.kill();
  }
  await waitUntilGone(other.serverPid);
  assert.equal(fs.readFileSync(path.join(workspace, '.alembic', 'pgdata.lock'), 'utf8').trim(), String(other.serverPid));

  const db = await startEmbeddedDatabase({ workspaceDir: workspace });
  try {
    assert.deepEqual(endpointFoldersOf(other.serverPid), [], 'the killed process\'s socket folder is removed by the next start');
    assert.deepEqual(await query(db.url, 'SELECT what FROM survived'), [{ what: 'committed before the crash' }]);
  } finally {
    await db.stop();
  }
});

test('a port in use is a clear error that leaves nothing behind; stop is idempotent and drops connected clients', { timeout: 120_000 }, async (t) => {
  const workspace = tempDir(t);
  const occupier = net.createServer();
  await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', resolve));
  const busyPort = (occupier.address() as net.AddressInfo).port;
  try {
    await assert.rejects(startEmbeddedDatabase({ workspaceDir: workspace, port: busyPort }), new RegExp(`Port ${busyPort} on 127\\.0\\.0\\.1 is already in use`));
  } finally {
    occupier.close();
  }
  assert.equal(fs.existsSync(path.join(workspace, '.alembic', 'pgdata.lock')), false, 'the lock is released after a failed start');

  const db = await startEmbeddedDatabase({ workspaceDir: workspace });
  const client = await connect(db.url);
  const dropped = new Promise<void>((resolve) => client.once('error', () => resolve()).once('end', () => resolve()));
  await client.query('BEGIN; CREATE TABLE uncommitted (x int)');
  await Promise.all([db.stop(), db.stop()]);
  await db.stop();
  await dropped;
  assert.equal(await connectionError(db.port), 'ECONNREFUSED');

  const again = await startEmbeddedDatabase({ workspaceDir: workspace });
  try {
    assert.deepEqual(await query(again.url, "SELECT to_regclass('uncommitted')::text AS t"), [{ t: null }], 'an open transaction is rolled back');
  } finally {
    await again.stop();
  }
});

test('when the window that started it dies, the database process stops by itself and frees the folder', { timeout: 180_000 }, async (t) => {
  const workspace = tempDir(t);
  const other = await startInAnotherProcess(workspace);
  await other.kill();
  await waitUntilGone(other.serverPid);
  assert.equal(fs.existsSync(path.join(workspace, '.alembic', 'pgdata.lock')), false, 'the lock was released by a clean stop');
  const db = await startEmbeddedDatabase({ workspaceDir: workspace });
  try {
    assert.deepEqual(await query(db.url, 'SELECT what FROM survived'), [{ what: 'committed before the crash' }]);
  } finally {
    await db.stop();
  }
});

/** A killed process lingers until its parent reaps it; the lock counts it as alive until then. */
async function waitUntilGone(pid: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.equal(isAlive(pid), false, `process ${pid} is still running`);
}

test('exited settles when the database process dies unexpectedly, and when it is stopped', { timeout: 120_000 }, async (t) => {
  const crashed = await startEmbeddedDatabase({ workspaceDir: tempDir(t) });
  process.kill(crashed.pid, 'SIGKILL');
  await withDeadline(crashed.exited, 20_000, 'exited after a crash');
  const stopped = await startEmbeddedDatabase({ workspaceDir: tempDir(t) });
  await stopped.stop();
  await withDeadline(stopped.exited, 20_000, 'exited after stop');
});

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
