// The embedded development database, in the process that serves it: PGlite (PostgreSQL compiled to WASM)
// with its data under the workspace's .alembic/ folder, served on a loopback port so the project's own CLI
// (psycopg2/libpq) and our version-table reader (pg) can connect to it like to any PostgreSQL server.
// The extension runs this in a child process of its own (embedded-db.ts): PGlite needs ~500 MB while it
// runs, which must not weigh on the extension host that every extension shares.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { acquireDataDirLock, type DataDirLock } from './embedded-lock';
import { EMBEDDED_HOST, embeddedFolder } from './embedded-protocol';
import { pgliteRuntimeOptions } from './embedded-runtime';

export interface EmbeddedDatabaseOptions {
  workspaceDir: string;
  /** Default: a free loopback port chosen by the system. */
  port?: number;
  log?: (line: string) => void;
}

export interface EmbeddedDatabase {
  /** postgresql://postgres@127.0.0.1:<port>/postgres: no password, the server trusts every client. */
  url: string;
  port: number;
  /** <workspaceDir>/.alembic/pgdata */
  dataDir: string;
  /** The process serving it (the one the data folder's lock names). */
  pid: number;
  /**
   * Environment for libpq clients (psycopg2, psql) run against this database. pglite-socket answers
   * an SSL request with "no" but never answers a GSSAPI-encryption request, so a libpq that holds a
   * Kerberos ticket would wait forever without PGGSSENCMODE=disable.
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
  const log = o.log ?? (() => undefined);
  const folder = embeddedFolder(o.workspaceDir);
  const dataDir = path.join(folder, 'pgdata');
  fs.mkdirSync(folder, { recursive: true });
  ignoreFolderInGit(folder);
  const lock = acquireDataDirLock(path.join(folder, 'pgdata.lock'));

  const createdDataDir = !fs.existsSync(dataDir);
  const started = Date.now();
  const running: Running = {};
  try {
    log(createdDataDir ? `Creating the embedded database in ${dataDir}...` : `Opening the embedded database in ${dataDir}...`);
    const db = (running.db = await PGlite.create({ dataDir, ...(await pgliteRuntimeOptions()) }));
    const server = (running.server = new PGLiteSocketServer({ db, host: EMBEDDED_HOST, port: o.port ?? 0, maxConnections: MAX_CONNECTIONS }));
    await listen(server, o.port);
    const port = listeningPort(server);
    let markExited = (): void => undefined;
    const exited = new Promise<void>((resolve) => (markExited = resolve));
    const stop = once(() => shutDown(running, lock, log).finally(markExited));
    log(`Embedded database listening on ${EMBEDDED_HOST}:${port} (started in ${Date.now() - started} ms)`);
    return {
      url: `postgresql://postgres@${EMBEDDED_HOST}:${port}/postgres`,
      port,
      dataDir,
      pid: process.pid,
      clientEnv: { PGSSLMODE: 'disable', PGGSSENCMODE: 'disable' },
      stop,
      exited,
    };
  } catch (error) {
    await shutDown(running, lock, log).catch(() => undefined);
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

async function listen(server: PGLiteSocketServer, requestedPort: number | undefined): Promise<void> {
  try {
    await server.start();
  } catch (error) {
    const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    if (inUse) throw new Error(`Port ${requestedPort ?? 0} on ${EMBEDDED_HOST} is already in use; choose another port for the embedded database`);
    throw error;
  }
}

/** getServerConn() is "host:port" once listening; the port option may have been 0. */
function listeningPort(server: PGLiteSocketServer): number {
  const address = server.getServerConn();
  const port = Number(address.slice(address.lastIndexOf(':') + 1));
  if (!Number.isInteger(port) || port <= 0) throw new Error(`The embedded database did not report its port (${address})`);
  return port;
}

/** What a start has opened so far; emptied by the stop, so a stopped database's 200 MB of WASM memory can be freed. */
interface Running {
  db?: PGlite;
  server?: PGLiteSocketServer;
}

/**
 * Port first, so no client slips in while PGlite closes; the lock last, and only once PGlite has really
 * closed: a PGlite still writing must keep other windows out of its files.
 */
async function shutDown(running: Running, lock: DataDirLock, log: (line: string) => void): Promise<void> {
  const { server, db } = running;
  // stop() stops listening at once; its promise waits for the clients' sockets, which it destroys.
  if (server) await withTimeout(server.stop(), STOP_TIMEOUT_MS, 'closing the embedded database port').catch((e: unknown) => log(String(e)));
  if (db && !db.closed) await withTimeout(db.close(), STOP_TIMEOUT_MS, 'closing the embedded database');
  running.server = running.db = undefined;
  lock.release();
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
