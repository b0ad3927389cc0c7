// The two databases the extension runs migrations against, behind one interface so that every command
// and failure scenario is written once (suites/) and registered per backend: a throwaway PostgreSQL
// cluster from the harness, and the embedded PGlite database the extension offers when none is configured.
import * as fs from 'node:fs';
import { after, before, test, type TestContext } from 'node:test';
import type { ResolvedConnection } from '../../client/src/database/resolve-connection';
import { embeddedConnection } from '../../client/src/embedded/embedded-connection';
import { startEmbeddedDatabase } from '../../server/src/host/embedded/embedded-db';
import { copyExample, ensureSystemPackages, postgresForThisFile, SETUP_TIMEOUT_MS, startPostgres, type PostgresServer } from './harness';

export type BackendName = 'postgres' | 'pglite';

/** One fresh database, resolved the way the extension resolves it. */
export interface Backend {
  name: BackendName;
  /** Its `env` (DATABASE_URL, POSTGRES_*, and PGlite's clientEnv) is what the CLI gets. */
  connection: ResolvedConnection;
  /** The same database with `password` in its URL. */
  withPassword(password: string): ResolvedConnection;
  /** SIGKILLs the server process (postmaster, or PGlite's child process) and waits until it is gone. */
  kill(): Promise<void>;
  /** Idempotent; also done after the test file for whatever a test left running. */
  stop(): Promise<void>;
}

export interface BackendKind {
  name: BackendName;
  /**
   * A fresh, empty database. `ownServer`: on a server nothing else uses, which kill() and stop() may
   * take down; otherwise PostgreSQL databases share this file's cluster (PGlite always has its own).
   */
  setup(o?: { ownServer?: boolean }): Promise<Backend>;
  /**
   * PGlite runs one statement at a time and pglite-socket has no query cancel: after a client goes away
   * mid-statement, the statement runs to its end and nobody else gets an answer meanwhile.
   */
  servesOthersWhileBusy: boolean;
}

/** Generous: each test runs a few CLI commands, each bounded by project.ts's CLI_TIMEOUT_MS. */
const TEST_TIMEOUT_MS = 5 * 60_000;

/** A test named after its backend ("pglite: upgrade to head ..."), so the runner's list says which failed. */
export function testOn(kind: BackendKind, name: string, body: (t: TestContext) => Promise<void>): void {
  test(`${kind.name}: ${name}`, { timeout: TEST_TIMEOUT_MS }, body);
}

/** Registers this file's hooks (PostgreSQL's cluster, cleanup); call once, at the top of a test file. */
export function backendForThisFile(name: BackendName): BackendKind {
  const live = new Set<Backend>();
  after(async () => {
    await Promise.all([...live].map((backend) => backend.stop()));
  });
  const track = (backend: Backend): Backend => {
    live.add(backend);
    return backend;
  };
  if (name === 'postgres') {
    // Awaited by every setup: node 20 runs a file's top-level before() hooks without waiting for one another.
    const cluster = postgresForThisFile();
    return {
      name,
      servesOthersWhileBusy: true,
      async setup(o = {}) {
        const shared = await cluster();
        return track(o.ownServer ? await onOwnServer(await startPostgres()) : await postgresDatabase(shared, false));
      },
    };
  }
  // The CLI needs Debian's alembic and psycopg2; a fresh machine installs them within the hook's timeout.
  let packages: Promise<void> | undefined;
  const ensured = (): Promise<void> => (packages ??= ensureSystemPackages());
  before(ensured, { timeout: SETUP_TIMEOUT_MS });
  return {
    name,
    servesOthersWhileBusy: false,
    async setup() {
      await ensured();
      return track(await pgliteDatabase());
    },
  };
}

async function onOwnServer(server: PostgresServer): Promise<Backend> {
  try {
    return await postgresDatabase(server, true);
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function postgresDatabase(server: PostgresServer, ownServer: boolean): Promise<Backend> {
  const url = server.url(await server.createDatabase());
  return {
    name: 'postgres',
    connection: connectionTo(url, {}),
    withPassword: (password) => connectionTo(withPassword(url, password), {}),
    async kill() {
      if (!ownServer) throw new Error('this database shares the file\'s cluster: set it up with { ownServer: true } to kill its server');
      process.kill(server.pid, 'SIGKILL');
      await waitUntilGone(server.pid);
    },
    // A shared cluster goes away with the file (postgresForThisFile), its databases with it.
    stop: () => (ownServer ? server.stop() : Promise.resolve()),
  };
}

/**
 * PGlite serves one database, and pglite-socket ignores the database a client asks for: a fresh database
 * is a fresh embedded database, in a workspace of its own. The workspace is a copy of the example (like
 * the user's checkout, which holds .alembic/), removed on stop or, at the latest, when the process exits.
 */
async function pgliteDatabase(): Promise<Backend> {
  const workspaceDir = copyExample();
  const db = await startEmbeddedDatabase({ workspaceDir });
  return {
    name: 'pglite',
    connection: connectionTo(db.url, db.clientEnv),
    withPassword: (password) => connectionTo(withPassword(db.url, password), db.clientEnv),
    async kill() {
      process.kill(db.pid, 'SIGKILL');
      await waitUntilGone(db.pid);
    },
    async stop() {
      await db.stop();
      fs.rmSync(workspaceDir, { recursive: true, force: true });
    },
  };
}

/** As the extension connects to the embedded database: clientEnv reaches the CLI too. */
function connectionTo(url: string, clientEnv: Readonly<Record<string, string>>): ResolvedConnection {
  const connection = embeddedConnection({ url, clientEnv });
  if ('problem' in connection) throw new Error(`the embedded database's URL does not resolve: ${connection.problem}`);
  return connection;
}

function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  // The setter escapes '@', ':' and '/', but not '%'.
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

const GONE_TIMEOUT_MS = 10_000;

async function waitUntilGone(pid: number): Promise<void> {
  const deadline = Date.now() + GONE_TIMEOUT_MS;
  while (running(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} still runs ${GONE_TIMEOUT_MS / 1000} s after SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A zombie counts as gone: it has died and only waits for its parent (init, for a daemonized postmaster) to reap it. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^\d+ \(.*\) /s, '')[0] !== 'Z';
  } catch {
    return false;
  }
}
