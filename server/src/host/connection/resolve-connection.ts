// Which database a migration project talks to, resolved from the sources the issue lists, in order:
// the alembic.databaseUrl setting (its password from SecretStorage), DATABASE_URL or POSTGRES_* from the
// environment or the project's .env, sqlalchemy.url in alembic.ini, libpq's PG* variables and .pgpass.
// Missing parts of a URL fall back to PG* variables and the password to PGPASSWORD and .pgpass, as libpq
// does for the project's own CLI, which inherits the same environment.
import * as path from 'node:path';
import type { ClientConfig } from 'pg';
import { formatDatabaseUrl, isPlaceholderUrl, parseDatabaseUrl, parsePort, type DatabaseUrl } from './database-url';
import { parseDotenv } from './dotenv';
import { maskUrlPasswords } from './mask-secrets';
import { pgpassPassword } from './pgpass';
import { isSslMode, pgSsl, sslModeFromParam, type SslFiles, type SslMode } from './ssl-mode';

export interface ConnectionSources {
  /** The `alembic.databaseUrl` setting: a URL without a password. */
  setting?: string;
  /** The password for the setting's URL, from SecretStorage. */
  settingPassword?: string;
  /** The environment the project's CLI runs with (process.env in the extension host). */
  env: Record<string, string | undefined>;
  /** The project's .env file (beside alembic.ini), as text. */
  dotenvText?: string;
  /** sqlalchemy.url in alembic.ini's [alembic] section, as the server read it (`%(here)s` already expanded). */
  sqlalchemyUrl?: string;
  /** The password file's text when libpq would read it (see pgpass.ts readPgpass). */
  pgpassText?: string;
  /** Its path, to name it when asking whether to send a password from it. */
  pgpassFile?: string;
  home?: string;
  /** Reads sslrootcert / sslcert / sslkey files; without it, URLs naming such files are refused. */
  readFile?: (file: string) => string | undefined;
}

export interface ResolvedConnection {
  /** Where the connection came from: 'setting alembic.databaseUrl', 'DATABASE_URL in .env', ... */
  source: string;
  /** user@host:port/database: never the password. */
  display: string;
  /** host:port ([::1]:5432, /run/postgresql:5432): what agreements to send a credential are remembered for. */
  target: string;
  pg: ClientConfig;
  /** Added to the CLI's environment so the project's env.py connects to the same database. */
  env: Record<string, string>;
  /** No password is known (setting without a secret, nothing in PGPASSWORD or .pgpass): ask if the server wants one. */
  needsPassword: boolean;
  /** Where the password came from ('secret storage', 'the URL', 'PGPASSWORD', '.pgpass', ...), if any. */
  passwordSource?: string;
  sslmode: SslMode;
  /** Set when a credential from outside the workspace would go to a server the workspace's files name. */
  outside?: OutsideCredentials;
}

/**
 * A user name or password that did not come from the workspace (PGPASSWORD, PGUSER, .pgpass, the environment
 * through `${VAR}` in .env, POSTGRES_* of the environment) bound for a host and port that the workspace's own
 * files chose (.env, alembic.ini, the alembic.databaseUrl setting, which may be a workspace setting).
 * A cloned repository could name a server of its own and collect them: the user agrees first, per target.
 */
export interface OutsideCredentials {
  /** host:port, or the socket directory and port: what the agreement is remembered for. */
  target: string;
  /** Where each credential came from, in words for the question. */
  origins: string[];
}

export interface ConnectionProblem {
  problem: string;
  /** Nothing names a database at all: the place to offer the embedded development database. */
  notConfigured?: boolean;
}

export const SETTING_SOURCE = 'setting alembic.databaseUrl';
const POSTGRES_VARS = ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_HOST', 'POSTGRES_PORT', 'POSTGRES_DB'] as const;
const LIBPQ_TARGET_VARS = ['PGHOST', 'PGHOSTADDR', 'PGPORT', 'PGUSER', 'PGDATABASE', 'PGPASSWORD'] as const;

/** A connection before defaults: what one source says. */
interface Candidate {
  source: string;
  scheme?: string;
  user?: string;
  password?: string;
  passwordSource?: string;
  host?: string;
  port?: number;
  database?: string;
  params: ReadonlyArray<readonly [string, string]>;
  /** A URL source: missing parts fall back to PG* variables, as libpq fills them for psycopg2. */
  libpqDefaults: boolean;
  /** The host or port came from the workspace's files (or a setting that may be the workspace's). */
  targetFromWorkspace: boolean;
  /** Where the user name or password came from when that is outside the workspace. */
  userOrigin?: string;
  passwordOrigin?: string;
}

export function resolveConnection(sources: ConnectionSources): ResolvedConnection | ConnectionProblem {
  const candidate = findCandidate(sources);
  if ('problem' in candidate) return candidate;
  return complete(candidate, sources);
}

function findCandidate(sources: ConnectionSources): Candidate | ConnectionProblem {
  if (sources.setting?.trim()) return fromSetting(sources.setting, sources.settingPassword);
  const fromEnvironment = fromProjectEnvironment(sources);
  if (fromEnvironment) return fromEnvironment;
  const fromIni = fromAlembicIni(sources);
  if (fromIni) return fromIni;
  const env = sources.env;
  if (LIBPQ_TARGET_VARS.some((name) => env[name])) {
    return {
      source: 'PG* environment variables',
      params: [],
      libpqDefaults: true,
      targetFromWorkspace: false,
    };
  }
  return {
    problem:
      'No database configured: set alembic.databaseUrl, DATABASE_URL or POSTGRES_* (environment or the project\'s .env), ' +
      'sqlalchemy.url in alembic.ini, or PG* variables.',
    notConfigured: true,
  };
}

function fromSetting(setting: string, secret: string | undefined): Candidate | ConnectionProblem {
  const url = parseDatabaseUrl(setting);
  if ('problem' in url) return { problem: `${SETTING_SOURCE}: ${url.problem}` };
  if (url.password) {
    return {
      problem:
        `${SETTING_SOURCE} contains a password (${maskUrlPasswords(setting.trim())}). Remove the password from the setting: ` +
        'settings are stored in plain text and often committed. The extension asks for the password and keeps it in VS Code\'s secret storage.',
    };
  }
  const candidate = fromUrl(SETTING_SOURCE, url, true);
  if (secret) {
    candidate.password = secret;
    candidate.passwordSource = 'secret storage';
  }
  return candidate;
}

function fromUrl(source: string, url: DatabaseUrl, targetFromWorkspace: boolean): Candidate {
  const candidate: Candidate = { source, scheme: url.scheme, params: url.params, libpqDefaults: true, targetFromWorkspace };
  if (url.user !== undefined) candidate.user = url.user;
  if (url.password !== undefined) {
    candidate.password = url.password;
    candidate.passwordSource = 'the URL';
  }
  if (url.host !== undefined) candidate.host = url.host;
  if (url.port !== undefined) candidate.port = url.port;
  if (url.database !== undefined) candidate.database = url.database;
  return candidate;
}

/** DATABASE_URL wins over POSTGRES_*, and the environment wins over .env, as in the example's env.py. */
function fromProjectEnvironment(sources: ConnectionSources): Candidate | ConnectionProblem | undefined {
  const expanded = new Map<string, string[]>();
  const dotenv = sources.dotenvText ? parseDotenv(sources.dotenvText, sources.env, expanded) : {};
  // The same file read without the environment: what the workspace itself says.
  const literal = sources.dotenvText ? parseDotenv(sources.dotenvText) : {};
  const env = sources.env;
  const lookup = (name: string): { value: string; where: 'environment' | '.env' } | undefined => {
    const fromEnv = env[name];
    if (fromEnv) return { value: fromEnv, where: 'environment' };
    const fromFile = dotenv[name];
    return fromFile ? { value: fromFile, where: '.env' } : undefined;
  };
  /** Where a value from the environment or expanded into .env came from; undefined for the workspace's own. */
  const outsideOrigin = (name: string): string | undefined => {
    const found = lookup(name);
    if (!found) return undefined;
    if (found.where === 'environment') return `${name} in the extension host's environment`;
    const names = expanded.get(name);
    return names?.length ? expansionOrigin(names) : undefined;
  };

  const databaseUrl = lookup('DATABASE_URL');
  if (databaseUrl) {
    const inEnvironment = databaseUrl.where === 'environment';
    const source = `DATABASE_URL in ${inEnvironment ? 'the environment' : '.env'}`;
    const url = parseDatabaseUrl(databaseUrl.value);
    if ('problem' in url) return { problem: `${source}: ${url.problem}` };
    const candidate = fromUrl(source, url, !inEnvironment);
    const names = inEnvironment ? undefined : expanded.get('DATABASE_URL');
    if (names?.length) {
      // Only the parts that read differently without the environment came from it.
      const own = parseDatabaseUrl(literal.DATABASE_URL ?? '');
      const ownUrl = 'problem' in own ? undefined : own;
      if (url.user !== undefined && url.user !== ownUrl?.user) candidate.userOrigin = expansionOrigin(names);
      if (url.password !== undefined && url.password !== ownUrl?.password) candidate.passwordOrigin = expansionOrigin(names);
    }
    return candidate;
  }

  const found = POSTGRES_VARS.map((name) => [name, lookup(name)] as const).filter(([, value]) => value !== undefined);
  if (!found.length) return undefined;
  const places = new Set(found.map(([, value]) => value?.where));
  const where = places.size === 2 ? 'the environment and .env' : places.has('environment') ? 'the environment' : '.env';
  const value = (name: (typeof POSTGRES_VARS)[number]): string | undefined => lookup(name)?.value;
  const portText = value('POSTGRES_PORT');
  const port = portText ? parsePort(portText) : 5432;
  if (port === undefined) return { problem: `POSTGRES_PORT in ${where} is not a port: "${portText}"` };
  // env.py's own defaults for what is not set.
  const candidate: Candidate = {
    source: `POSTGRES_* in ${where}`,
    user: value('POSTGRES_USER') ?? 'postgres',
    host: value('POSTGRES_HOST') ?? 'localhost',
    port,
    database: value('POSTGRES_DB') ?? 'postgres',
    params: [],
    libpqDefaults: false,
    targetFromWorkspace: lookup('POSTGRES_HOST')?.where === '.env' || lookup('POSTGRES_PORT')?.where === '.env',
  };
  const userOrigin = outsideOrigin('POSTGRES_USER');
  if (userOrigin) candidate.userOrigin = userOrigin;
  const password = value('POSTGRES_PASSWORD');
  if (password) {
    candidate.password = password;
    candidate.passwordSource = 'POSTGRES_PASSWORD';
    const passwordOrigin = outsideOrigin('POSTGRES_PASSWORD');
    if (passwordOrigin) candidate.passwordOrigin = passwordOrigin;
  }
  return candidate;
}

function fromAlembicIni(sources: ConnectionSources): Candidate | ConnectionProblem | undefined {
  const value = sources.sqlalchemyUrl?.trim();
  if (!value || isPlaceholderUrl(value)) return undefined;
  const source = 'sqlalchemy.url in alembic.ini';
  const url = parseDatabaseUrl(value);
  return 'problem' in url ? { problem: `${source}: ${url.problem}` } : fromUrl(source, url, true);
}

function expansionOrigin(names: readonly string[]): string {
  return `${[...new Set(names)].map((name) => `$${name}`).join(', ')} from the extension host's environment (\${...} in .env)`;
}

/** Fills in defaults, finds a password, and builds the pg config and the CLI's environment. */
function complete(candidate: Candidate, sources: ConnectionSources): ResolvedConnection | ConnectionProblem {
  const env = sources.env;
  const fallback = (name: string): string | undefined => (candidate.libpqDefaults ? env[name] || undefined : undefined);
  const host = candidate.host ?? fallback('PGHOST') ?? 'localhost';
  let port = candidate.port;
  if (port === undefined) {
    const portText = fallback('PGPORT');
    port = portText ? parsePort(portText) : 5432;
    if (port === undefined) return { problem: `PGPORT is not a port: "${portText}"` };
  }
  // The login name (USER) is what libpq sends to every server; PGUSER is a configured credential.
  const pgUser = candidate.user === undefined ? fallback('PGUSER') : undefined;
  const user = candidate.user ?? pgUser ?? env.USER ?? env.USERNAME ?? 'postgres';
  const userOrigin = pgUser ? 'PGUSER in the extension host\'s environment' : candidate.userOrigin;
  const database = candidate.database ?? fallback('PGDATABASE') ?? user;

  let password = candidate.password;
  let passwordSource = candidate.passwordSource;
  let passwordOrigin = candidate.passwordOrigin;
  if (!password && env.PGPASSWORD) {
    password = env.PGPASSWORD;
    passwordSource = 'PGPASSWORD';
    passwordOrigin = 'PGPASSWORD in the extension host\'s environment';
  }
  if (!password && sources.pgpassText) {
    password = pgpassPassword(sources.pgpassText, { host, port, database, user });
    if (password) {
      passwordSource = '.pgpass';
      passwordOrigin = `the password file ${sources.pgpassFile ?? '.pgpass'}`;
    }
  }

  const params = new Map(candidate.params);
  const sslmode = sslModeOf(params, env);
  if (typeof sslmode !== 'string') return { problem: `${candidate.source}: ${sslmode.problem}` };
  const files = sslFiles(params, env, sources);
  if ('problem' in files) return { problem: `${candidate.source}: ${files.problem}` };

  const pg: ClientConfig = {
    host,
    port,
    user,
    database,
    // Always a string: with none, pg would read PGPASSWORD and ~/.pgpass of the extension host itself.
    password: password ?? '',
    // libpq ignores sslmode on Unix sockets: there is no SSL there.
    ssl: host.startsWith('/') ? false : pgSsl(sslmode, files),
    application_name: 'alembic-vscode',
  };
  const options = params.get('options') ?? fallback('PGOPTIONS');
  if (options) pg.options = options;

  const hostPort = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const source = candidate.source + (passwordSource === '.pgpass' && candidate.source.startsWith('PG*') ? ' and .pgpass' : '');
  const resolved: ResolvedConnection = {
    source,
    display: `${user}@${hostPort}/${database}`,
    target: hostPort,
    pg,
    env: childEnvironment({ scheme: candidate.scheme ?? 'postgresql', user, host, port, database, params: candidate.params }, password),
    needsPassword: !password && candidate.source === SETTING_SOURCE,
    sslmode,
  };
  if (password && passwordSource) resolved.passwordSource = passwordSource;
  const origins = [userOrigin, password ? passwordOrigin : undefined].filter((origin): origin is string => origin !== undefined);
  if (candidate.targetFromWorkspace && origins.length) resolved.outside = { target: hostPort, origins: [...new Set(origins)] };
  return resolved;
}

/** sslmode in the URL, else asyncpg's ssl=..., else PGSSLMODE (libpq reads it for the CLI too), else libpq's default. */
function sslModeOf(params: Map<string, string>, env: Record<string, string | undefined>): SslMode | { problem: string } {
  let text: string;
  let mode: SslMode | undefined;
  if (params.has('sslmode')) {
    text = params.get('sslmode') ?? '';
    mode = isSslMode(text) ? text : undefined;
  } else if (params.has('ssl')) {
    text = params.get('ssl') ?? '';
    mode = sslModeFromParam(text);
  } else if (env.PGSSLMODE) {
    text = env.PGSSLMODE;
    mode = isSslMode(text) ? text : undefined;
  } else {
    return 'prefer';
  }
  return mode ?? { problem: `unknown sslmode "${text}" (use disable, allow, prefer, require, verify-ca or verify-full)` };
}

function sslFiles(params: Map<string, string>, env: Record<string, string | undefined>, sources: ConnectionSources): SslFiles | { problem: string } {
  const files: SslFiles = {};
  const names = [
    ['sslrootcert', 'PGSSLROOTCERT', 'ca'],
    ['sslcert', 'PGSSLCERT', 'cert'],
    ['sslkey', 'PGSSLKEY', 'key'],
  ] as const;
  for (const [param, variable, field] of names) {
    const file = params.get(param) ?? env[variable];
    // libpq's sslrootcert=system means the operating system's trusted CAs: Node's defaults.
    if (!file || (param === 'sslrootcert' && file === 'system')) continue;
    const expanded = sources.home && file.startsWith('~/') ? path.join(sources.home, file.slice(2)) : file;
    const text = sources.readFile?.(expanded);
    if (text === undefined) return { problem: `cannot read ${param} file "${expanded}"` };
    files[field] = text;
  }
  return files;
}

function childEnvironment(target: { scheme: string; user: string; host: string; port: number; database: string; params: ReadonlyArray<readonly [string, string]> }, password: string | undefined): Record<string, string> {
  return { DATABASE_URL: formatDatabaseUrl(password ? { ...target, password } : target), ...postgresVariables(target, password) };
}

/** The POSTGRES_* half of what a project's env.py reads (examples/backend's does), beside DATABASE_URL. */
export function postgresVariables(target: { user: string; host: string; port: number; database: string }, password: string | undefined): Record<string, string> {
  const env: Record<string, string> = {
    POSTGRES_USER: target.user,
    POSTGRES_HOST: target.host,
    POSTGRES_PORT: String(target.port),
    POSTGRES_DB: target.database,
  };
  if (password) env.POSTGRES_PASSWORD = password;
  return env;
}
