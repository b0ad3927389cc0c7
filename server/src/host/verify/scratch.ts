// The throwaway database `alembic-lint verify` runs the migrations against: the embedded PGlite in a temporary
// folder (the default), or a scratch database created on a server for the run and dropped after it. The user's own
// database is never where Alembic runs: on a server, only `CREATE DATABASE` / `DROP DATABASE` go through the URL's
// database, and the scratch one is named by us.
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { Client, type ClientConfig } from 'pg';
import { quoteIdent } from '../../../../common/quote-ident';
import { serveTemporaryDatabase } from '../embedded/embedded-server';
import type { EmbeddedDatabase } from '../embedded/embedded-server';
import { isAlive } from '../pid-lock';

export interface ScratchDatabase {
  /** What the JSON's `database` says: "embedded", or the server's URL without its password. */
  label: string;
  /** The URL with its password: for our reader and, through the environment only, the project's CLI. */
  url(): string;
  /** The libpq settings the project's CLI needs beside the URL (PGlite: no SSL or GSSAPI to negotiate). */
  clientEnv(): Record<string, string>;
  /** pg's configuration for our own connections. */
  pg(): ClientConfig;
  /** Strings never to print: the password, raw and percent-encoded. */
  secrets: string[];
  /** An empty database again, as at the start (after a failed step left the state unknown). */
  reset(): Promise<void>;
  /** Stops or drops it. Idempotent; called on every way out. */
  dispose(): Promise<void>;
}

/** Verify cannot run: exit 2 with this message (it says what to install or set). */
export class CannotRunError extends Error {}

const CONNECT_TIMEOUT_MS = 15_000;

export async function embeddedScratch(log: (line: string) => void = () => undefined): Promise<ScratchDatabase> {
  let db: EmbeddedDatabase = await serveTemporaryDatabase({ log });
  const secrets = new Set<string>();
  const remember = (): void => {
    const password = new URL(db.url).password;
    if (password) secrets.add(password);
  };
  remember();
  return {
    label: 'embedded',
    url: () => db.url,
    clientEnv: () => ({ ...db.clientEnv }),
    pg: () => ({ connectionString: db.url, ssl: false, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }),
    get secrets() {
      return [...secrets];
    },
    async reset() {
      // A fresh PGlite rather than dropping what the migrations made: roles, extensions and settings go with it too.
      await db.stop();
      db = await serveTemporaryDatabase({ log });
      remember();
    },
    dispose: () => db.stop(),
  };
}

/** The comment a scratch database carries, so a later run can tell a killed run's database from a live one. */
const COMMENT_PREFIX = 'alembic-lint verify scratch database';
export const SCRATCH_PREFIX = 'alembic_lint_verify_';

/**
 * A scratch database on the server `serverUrl` names. Its own database is only used to create and drop the
 * scratch one. Refuses (CannotRunError) when the database cannot be created: verify never falls back to the
 * user's database.
 */
export async function serverScratch(serverUrl: string, log: (line: string) => void = () => undefined): Promise<ScratchDatabase> {
  const admin = parseServerUrl(serverUrl);
  const name = `${SCRATCH_PREFIX}${randomBytes(6).toString('hex')}`;
  const scratchUrl = withDatabase(admin.url, name);
  const secrets = [admin.password, encodeURIComponent(admin.password)].filter((s) => s !== '');
  const label = withoutPassword(admin.url);
  const run = async <T>(body: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client(pgConfig(admin.url));
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await body(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const create = (): Promise<void> =>
    run(async (client) => {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      await client.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS ${literal(`${COMMENT_PREFIX}: pid ${process.pid} on ${os.hostname()}`)}`);
    });
  const drop = (): Promise<void> => run((client) => dropDatabase(client, name));
  try {
    await run((client) => dropStaleScratches(client, log));
    await create();
  } catch (error) {
    const message = redact(error instanceof Error ? error.message : String(error), secrets);
    throw new CannotRunError(
      `cannot create a scratch database on ${label}: ${message}. verify runs the migrations only in a database it creates ` +
        `for the run (the role needs CREATEDB); it never runs them in the URL's own database`,
    );
  }
  log(`Created the scratch database ${name} on ${label}`);
  let disposed: Promise<void> | undefined;
  return {
    label,
    url: () => scratchUrl,
    clientEnv: () => ({}),
    pg: () => pgConfig(scratchUrl),
    secrets,
    async reset() {
      await drop();
      await create();
    },
    dispose: () =>
      (disposed ??= drop().then(
        () => log(`Dropped the scratch database ${name}`),
        (error: unknown) => {
          log(`Could not drop the scratch database ${name}: ${redact(error instanceof Error ? error.message : String(error), secrets)}`);
        },
      )),
  };
}

/** WITH (FORCE) (PostgreSQL 13+) ends the sessions a killed migration may have left; older servers without it. */
async function dropDatabase(client: Client, name: string): Promise<void> {
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42601') throw error;
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
  }
}

/**
 * Scratch databases a killed run (SIGKILL: no handler runs) left behind: ours by name and comment, made on this
 * machine by a process that no longer runs. Another machine's, or a live run's, are left alone.
 */
async function dropStaleScratches(client: Client, log: (line: string) => void): Promise<void> {
  const rows = await client.query<{ name: string; comment: string | null }>(
    `SELECT d.datname AS name, shobj_description(d.oid, 'pg_database') AS comment FROM pg_database d WHERE d.datname LIKE $1`,
    [`${SCRATCH_PREFIX}%`],
  );
  for (const row of rows.rows) {
    const owner = new RegExp(`^${COMMENT_PREFIX}: pid (\\d+) on (.+)$`).exec(row.comment ?? '');
    if (!owner || owner[2] !== os.hostname() || isAlive(Number(owner[1]))) continue;
    await dropDatabase(client, row.name).then(
      () => log(`Dropped ${row.name}, left behind by a run that was killed (pid ${owner[1]})`),
      () => undefined,
    );
  }
}

interface ServerUrl {
  /** postgresql://... (a SQLAlchemy driver suffix kept: the project's env.py may read the scheme). */
  url: string;
  password: string;
}

function parseServerUrl(text: string): ServerUrl {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new CannotRunError('--database-url is not a URL (expected postgresql://user@host:port/database)');
  }
  if (!/^postgres(ql)?(\+\w+)?:$/.test(url.protocol)) throw new CannotRunError(`--database-url must be a postgresql:// URL (got ${url.protocol}//)`);
  return { url: url.toString(), password: decodeURIComponent(url.password) };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The URL to show: everything but the password. */
export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}

/** node-pg reads postgresql:// URLs (sslmode and all); SQLAlchemy's `+driver` means nothing to it. */
function pgConfig(url: string): ClientConfig {
  return { connectionString: url.replace(/^postgres(ql)?\+\w+:/, 'postgresql:'), connectionTimeoutMillis: CONNECT_TIMEOUT_MS };
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Every secret replaced by ***: for messages that may quote a URL or a connection string. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('***');
  return out;
}
