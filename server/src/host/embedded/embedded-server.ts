// The embedded development database, in the process that serves it: PGlite (PostgreSQL compiled to WASM)
// with its data under the workspace's .alembic/ folder, served on a loopback port so the project's own CLI
// (psycopg2/libpq) and our version-table reader (pg) can connect to it like to any PostgreSQL server.
// The extension runs this in a child process of its own (embedded-db.ts): PGlite needs ~500 MB while it
// runs, which must not weigh on the extension host that every extension shares.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { startAuthGate, type AuthGate } from './embedded-auth';
import { acquireDataDirLock } from './embedded-lock';
import { embeddedPassword } from './embedded-password';
import { EMBEDDED_HOST, embeddedFolder } from './embedded-protocol';
import { pgliteRuntimeOptions } from './embedded-runtime';
import { ENDPOINT_PREFIX, ownedTempFolder, SOCKET_NAME, sweepStaleTempFolders, VERIFY_PREFIX } from './embedded-temp';

export interface EmbeddedDatabaseOptions {
  workspaceDir: string;
  /** Default: a free loopback port chosen by the system. */
  port?: number;
  log?: (line: string) => void;
}

export interface EmbeddedDatabase {
  /** postgresql://postgres:<password>@127.0.0.1:<port>/postgres: the workspace's password (embedded-password.ts). */
  url: string;
  port: number;
  /** <workspaceDir>/.alembic/pgdata, or the temporary folder's pgdata */
  dataDir: string;
  /** The process serving it (the one the data folder's lock names). */
  pid: number;
  /**
   * Environment for libpq clients (psycopg2, psql) run against this database: no SSL or GSSAPI encryption
   * to negotiate (the gate answers both requests "no"), which spares libpq the round trips.
   */
  clientEnv: Readonly<Record<string, string>>;
  /** Closes the port and PGlite (data flushed), then releases the lock. Idempotent. */
  stop(): Promise<void>;
  /** Settles when the database stops serving, whether stopped or crashed. */
  exited: Promise<void>;
}


/**
 * PGlite is one backend; pglite-socket multiplexes clients onto it, one message at a time. While a client
 * is inside a transaction, everything from the other clients waits for it to end, even their connecting
 * (it does not fail, but a reader's short timeout can expire during a long migration). Session state is
 * shared: a plain SET from one client is seen by all until restart; startup parameters are ignored.
 * Above the limit a client gets a non-protocol "Too many connections" and a reset (libpq: "server closed
 * the connection unexpectedly"), so the limit is well above what Alembic (one connection), our reader
 * (one) and an application's pool (SQLAlchemy: up to 15) need; the library's default is 1.
 */
const MAX_CONNECTIONS = 32;
const STOP_TIMEOUT_MS = 10_000;

export async function serveEmbeddedDatabase(o: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const folder = embeddedFolder(o.workspaceDir);
  fs.mkdirSync(folder, { recursive: true });
  ignoreFolderInGit(folder);
  const lock = acquireDataDirLock(path.join(folder, 'pgdata.lock'));
  return serve({ dataDir: path.join(folder, 'pgdata'), password: embeddedPassword(folder), release: () => lock.release() }, o);
}

/**
 * A database for one run of `alembic-lint verify`: its data in a fresh private folder under the system's temporary
 * folder (no lock: nobody else knows the folder), a password that lives only in memory, and the folder removed when
 * it stops. The caller stops it on every way out; a SIGKILLed run's folder is removed by the next start (embedded-temp.ts).
 */
export async function serveTemporaryDatabase(o: TemporaryDatabaseOptions = {}): Promise<TemporaryDatabase> {
  const folder = ownedTempFolder(VERIFY_PREFIX);
  const remove = (): void => fs.rmSync(folder, { recursive: true, force: true });
  try {
    return await serve({ dataDir: path.join(folder, 'pgdata'), password: randomBytes(16).toString('hex'), release: remove, ...(o.from ? { from: o.from } : {}) }, o);
  } catch (error) {
    remove();
    throw error;
  }
}

export interface TemporaryDatabaseOptions extends Omit<EmbeddedDatabaseOptions, 'workspaceDir'> {
  /** Start from this copy of a data folder (TemporaryDatabase.dump()) rather than run initdb: seconds faster. */
  from?: Blob;
}

export interface TemporaryDatabase extends EmbeddedDatabase {
  /** A copy of the data folder as it is now, to start another database from (a reset to an empty one). */
  dump(): Promise<Blob>;
}

interface Place {
  dataDir: string;
  /** A data folder's copy to start from instead of initdb. */
  from?: Blob;
  password: string;
  /** After PGlite has closed: the workspace's lock released, or the temporary folder removed. */
  release(): void;
}

async function serve(place: Place, o: Omit<EmbeddedDatabaseOptions, 'workspaceDir'>): Promise<TemporaryDatabase> {
  const log = o.log ?? (() => undefined);
  const { dataDir, password } = place;
  const createdDataDir = !fs.existsSync(dataDir);
  const started = Date.now();
  const running: Running = {};
  // Beside PGlite's seconds of starting; awaited before the start settles, so it never outlives it.
  const swept = sweepOnce(log);
  try {
    log(createdDataDir ? `Creating the embedded database in ${dataDir}...` : `Opening the embedded database in ${dataDir}...`);
    const db = (running.db = await PGlite.create({ dataDir, ...(await pgliteRuntimeOptions()), ...(place.from ? { loadDataDir: place.from } : {}) }));
    // pglite-socket checks no password: it listens where only this user reaches it, behind the gate's check.
    const endpoint = (running.endpoint = privateEndpoint());
    const server = (running.server = new PGLiteSocketServer({ db, path: endpoint.path, maxConnections: MAX_CONNECTIONS }));
    await server.start();
    const gate = (running.gate = await listen({ host: EMBEDDED_HOST, port: o.port ?? 0, password, upstream: endpoint.path }, o.port));
    const port = gate.port;
    let markExited = (): void => undefined;
    const exited = new Promise<void>((resolve) => (markExited = resolve));
    const stop = once(() => shutDown(running, place, log).finally(markExited));
    await swept;
    log(`Embedded database listening on ${EMBEDDED_HOST}:${port} (started in ${Date.now() - started} ms)`);
    return {
      url: `postgresql://postgres:${password}@${EMBEDDED_HOST}:${port}/postgres`,
      port,
      dataDir,
      pid: process.pid,
      clientEnv: { PGSSLMODE: 'disable', PGGSSENCMODE: 'disable' },
      stop,
      exited,
      dump: () => db.dumpDataDir('none'),
    };
  } catch (error) {
    await swept;
    await shutDown(running, place, log).catch(() => undefined);
    // A first start that failed half-way would leave a data directory PGlite takes for initialized.
    if (createdDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** A .gitignore inside .alembic/ keeps the folder out of git without touching the user's own .gitignore. */
function ignoreFolderInGit(folder: string): void {
  const file = path.join(folder, '.gitignore');
  if (!fs.existsSync(file)) fs.writeFileSync(file, '# Written by the Alembic extension: the embedded database lives here.\n*\n');
}

async function listen(options: Parameters<typeof startAuthGate>[0], requestedPort: number | undefined): Promise<AuthGate> {
  try {
    return await startAuthGate(options);
  } catch (error) {
    const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    if (inUse) throw new Error(`Port ${requestedPort ?? 0} on ${EMBEDDED_HOST} is already in use; choose another port for the embedded database`);
    throw error;
  }
}

/**
 * Where pglite-socket listens: a socket in a fresh 0700 folder (mkdtemp) on Unix, a named pipe with a random name
 * on Windows (its default ACL lets other users read, not write). Not in the workspace: socket paths are short.
 */
function privateEndpoint(): { path: string; remove(): void } {
  if (process.platform === 'win32') return { path: `\\\\.\\pipe\\${ENDPOINT_PREFIX}${randomBytes(16).toString('hex')}`, remove: () => undefined };
  const dir = ownedTempFolder(ENDPOINT_PREFIX);
  return { path: path.join(dir, SOCKET_NAME), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

let sweeping: Promise<unknown> | undefined;
/** Once per process: the folders of killed processes do not come back while it runs. */
function sweepOnce(log: (line: string) => void): Promise<unknown> {
  return (sweeping ??= sweepStaleTempFolders({ log }));
}

/** What a start has opened so far; emptied by the stop, so a stopped database's 200 MB of WASM memory can be freed. */
interface Running {
  db?: PGlite;
  server?: PGLiteSocketServer;
  gate?: AuthGate;
  endpoint?: { remove(): void };
}

/**
 * Port first, so no client slips in while PGlite closes; the lock last, and only once PGlite has really
 * closed: a PGlite still writing must keep other windows out of its files.
 */
async function shutDown(running: Running, place: Place, log: (line: string) => void): Promise<void> {
  const { server, db, gate, endpoint } = running;
  try {
    if (gate) await withTimeout(gate.close(), STOP_TIMEOUT_MS, 'closing the embedded database port').catch((e: unknown) => log(String(e)));
    // stop() stops listening at once; its promise waits for the clients' sockets, which it destroys.
    if (server) await withTimeout(server.stop(), STOP_TIMEOUT_MS, 'closing the embedded database port').catch((e: unknown) => log(String(e)));
    if (db && !db.closed) await withTimeout(db.close(), STOP_TIMEOUT_MS, 'closing the embedded database');
  } finally {
    // The socket's folder goes whatever happened above: nothing listens on it any more.
    running.endpoint = undefined;
    endpoint?.remove();
  }
  running.server = running.db = running.gate = undefined;
  place.release();
  if (db) log('Embedded database stopped');
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
