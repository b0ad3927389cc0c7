// PostgreSQL URLs as SQLAlchemy and libpq write them: postgres://, postgresql://, postgresql+<driver>://,
// an empty host with `?host=/socket/dir`, IPv6 hosts in brackets, percent-encoded user and password.
import { maskUrlPasswords } from './mask-secrets';

export interface DatabaseUrl {
  /** The scheme as written, driver included: `postgresql+asyncpg`. */
  scheme: string;
  user?: string;
  password?: string;
  host?: string;
  port?: number;
  database?: string;
  /** Query parameters other than host, port, user, password and dbname, in order (sslmode, options, ...). */
  params: Array<[string, string]>;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
const POSTGRES_SCHEME = /^postgres(?:ql)?(?:\+[A-Za-z0-9_]+)?$/i;
/**
 * sqlalchemy.engine.url's `(?P<username>[^:/]*)(?::(?P<password>[^@]*))?@`: the user stops at ':' or '/', the
 * password at the first '@'. A raw '@' in a password is invalid for SQLAlchemy too (it must be %40).
 */
const SQLALCHEMY_USERINFO = /^([^:/]*)(?::([^@]*))?@/;
/** Alembic's `alembic init` template writes this placeholder into sqlalchemy.url. */
export const PLACEHOLDER_SCHEME = 'driver';

/** Parses a PostgreSQL URL; the problem never repeats the password. */
export function parseDatabaseUrl(text: string): DatabaseUrl | { problem: string } {
  const trimmed = text.trim();
  const scheme = SCHEME.exec(trimmed)?.[1];
  const shown = maskUrlPasswords(trimmed);
  if (!scheme) return { problem: `"${shown}" is not a database URL (expected postgresql://user@host:port/database)` };
  if (!POSTGRES_SCHEME.test(scheme)) return { problem: `"${shown}" is not a PostgreSQL URL (scheme "${scheme}")` };

  const rest = trimmed.slice(scheme.length + 3);
  // The userinfo first, as SQLAlchemy's pattern reads it: the password may hold '/', '?' and ':'.
  const info = SQLALCHEMY_USERINFO.exec(rest);
  const afterInfo = info ? rest.slice(info[0].length) : rest;
  const authorityEnd = firstIndexOf(afterInfo, ['/', '?', '#']);
  const hostPort = afterInfo.slice(0, authorityEnd);
  const afterAuthority = afterInfo.slice(authorityEnd);
  const queryStart = afterAuthority.indexOf('?');
  const path = queryStart === -1 ? afterAuthority : afterAuthority.slice(0, queryStart);
  const query = queryStart === -1 ? '' : afterAuthority.slice(queryStart + 1).replace(/#.*$/, '');

  const url: DatabaseUrl = { scheme, params: [] };
  try {
    if (info) {
      const user = decodeURIComponent(info[1] ?? '');
      const password = decodeURIComponent(info[2] ?? '');
      if (user) url.user = user;
      if (password) url.password = password;
    }
    const hostMatch = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostPort);
    const host = decodeURIComponent((hostMatch?.[1] ?? '').replace(/^\[(.*)\]$/, '$1'));
    if (host) url.host = host;
    const portText = hostMatch?.[2];
    if (portText) {
      const port = parsePort(portText);
      if (port === undefined) return { problem: `"${shown}" has an invalid port "${portText}"` };
      url.port = port;
    }
    const database = decodeURIComponent(path.replace(/^\//, ''));
    if (database) url.database = database;
    for (const pair of query.split('&')) {
      if (!pair) continue;
      const equals = pair.indexOf('=');
      const key = decodeURIComponent((equals === -1 ? pair : pair.slice(0, equals)).replace(/\+/g, ' '));
      const value = decodeURIComponent((equals === -1 ? '' : pair.slice(equals + 1)).replace(/\+/g, ' '));
      const problem = applyParam(url, key, value);
      if (problem) return { problem: `"${shown}": ${problem}` };
    }
  } catch {
    return { problem: `"${shown}" has a malformed %-escape` };
  }
  return url;
}

/** Connection parts libpq also accepts as query parameters override the authority, as in libpq. */
function applyParam(url: DatabaseUrl, key: string, value: string): string | undefined {
  switch (key) {
    case 'host':
      if (value) url.host = value;
      return undefined;
    case 'port': {
      const port = parsePort(value);
      if (port === undefined) return `invalid port "${value}"`;
      url.port = port;
      return undefined;
    }
    case 'user':
      if (value) url.user = value;
      return undefined;
    case 'password':
      if (value) url.password = value;
      return undefined;
    case 'dbname':
      if (value) url.database = value;
      return undefined;
    default:
      url.params.push([key, value]);
      return undefined;
  }
}

export function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

function firstIndexOf(text: string, needles: string[]): number {
  const found = needles.map((needle) => text.indexOf(needle)).filter((index) => index !== -1);
  return found.length ? Math.min(...found) : text.length;
}

export function isPlaceholderUrl(text: string): boolean {
  return SCHEME.exec(text.trim())?.[1]?.toLowerCase() === PLACEHOLDER_SCHEME;
}

export interface UrlTarget {
  scheme: string;
  user: string;
  password?: string;
  host: string;
  port: number;
  database: string;
  params: ReadonlyArray<readonly [string, string]>;
}

/**
 * A URL with every part explicit, for the child's DATABASE_URL. User and password are percent-encoded
 * (SQLAlchemy unquotes both); a socket directory travels as `?host=`, which psycopg2 and libpq read.
 */
export function formatDatabaseUrl(target: UrlTarget): string {
  const credentials = encodeURIComponent(target.user) + (target.password ? `:${encodeURIComponent(target.password)}` : '');
  const params: Array<readonly [string, string]> = [...target.params];
  let authority: string;
  if (target.host.startsWith('/')) {
    authority = `${credentials}@`;
    params.unshift(['host', target.host], ['port', String(target.port)]);
  } else {
    const host = target.host.includes(':') ? `[${target.host}]` : target.host;
    authority = `${credentials}@${host}:${target.port}`;
  }
  const query = params.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
  return `${target.scheme}://${authority}/${encodeURIComponent(target.database)}${query ? `?${query}` : ''}`;
}
