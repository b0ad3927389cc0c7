// Opening a pg Client the way libpq would for the same settings, and explaining why it failed.
import { Client, type ClientConfig } from 'pg';
import { maskAll } from '../mask-secrets';
import { SSL_FALLBACK, type PgSsl } from './ssl-mode';

export type FailureKind = 'unreachable' | 'auth' | 'timeout' | 'other';

export interface ConnectionFailure {
  kind: FailureKind;
  /** One line, no password. */
  message: string;
}

const CLOSE_TIMEOUT_MS = 1000;

/**
 * The server asked for the password in clear text and the caller did not allow that: nothing was sent.
 * A server that is not on this machine could read it off the wire (or be a stand-in collecting passwords).
 */
export class CleartextRefusedError extends Error {
  constructor(readonly target: string) {
    super(`${target} asked for the password in clear text (unencrypted); it was not sent`);
    this.name = 'CleartextRefusedError';
  }
}

export interface OpenOptions {
  /** Send a non-empty password when the server asks for it in clear text (else CleartextRefusedError). Default true. */
  allowCleartext?: boolean;
}

/**
 * Connects, making libpq's second attempt for sslmode prefer (SSL, then plain when the server has no SSL)
 * and allow (plain, then SSL when pg_hba.conf insists on it). The client ignores late socket errors:
 * a dead connection surfaces through the pending query instead of crashing the extension host.
 */
export async function openClient(config: ClientConfig, o: OpenOptions = {}): Promise<Client> {
  const attempts = sslAttempts(config);
  for (let index = 0; ; index++) {
    const attempt = attempts[index] ?? config;
    const client = o.allowCleartext === false ? guardedClient(attempt) : new Client(attempt);
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (error) {
      await closeQuietly(client);
      const next = attempts[index + 1];
      if (!next || !fallbackApplies(error, attempt)) throw error;
    }
  }
}

/**
 * A client whose password is handed over only after the server said how it wants it: pg calls a password
 * function when the server asks (cleartext, md5 or SCRAM), and our listener, attached before pg's own, has
 * already seen which request it was.
 */
function guardedClient(config: ClientConfig): Client {
  const password = typeof config.password === 'string' ? config.password : '';
  let cleartext = false;
  const client = new Client({
    ...config,
    password: () => {
      if (cleartext && password) throw new CleartextRefusedError(`${config.host ?? ''}:${config.port ?? ''}`);
      return password;
    },
  });
  connectionOf(client).on('authenticationCleartextPassword', () => {
    cleartext = true;
  });
  return client;
}

// pg's Client has its protocol connection as `connection` (typed in @types/pg); the auth requests are its events.
function connectionOf(client: Client): { on(event: string, listener: () => void): unknown } {
  return (client as unknown as { connection: { on(event: string, listener: () => void): unknown } }).connection;
}

function sslAttempts(config: ClientConfig): ClientConfig[] {
  const ssl = config.ssl as PgSsl | boolean | undefined;
  if (!ssl || ssl === true) return [config];
  const plain: ClientConfig = { ...config, ssl: false };
  switch (ssl[SSL_FALLBACK]) {
    case 'ssl-first':
      return [config, plain];
    case 'plain-first':
      return [plain, config];
    default:
      return [config];
  }
}

function fallbackApplies(error: unknown, attempt: ClientConfig): boolean {
  if (attempt.ssl) return errorText(error).includes('does not support SSL');
  // "no pg_hba.conf entry for host ..., no encryption": the server wants SSL.
  return sqlState(error) === '28000';
}

/** Ends the session politely; a server that does not answer in time gets its socket destroyed. */
export async function closeQuietly(client: Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const ended = await Promise.race([
      client.end().then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), CLOSE_TIMEOUT_MS);
      }),
    ]);
    if (!ended) destroySocket(client);
  } catch {
    destroySocket(client);
  } finally {
    clearTimeout(timer);
  }
}

// pg has no public way to drop a connection that will not end; its socket is `connection.stream`.
function destroySocket(client: Client): void {
  (client as unknown as { connection?: { stream?: { destroy?: () => void } } }).connection?.stream?.destroy?.();
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

const UNREACHABLE_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is PostgreSQL running and listening there?)',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'the server closed the connection',
  EPIPE: 'the server closed the connection',
  ETIMEDOUT: 'connection timed out',
  ENOENT: 'no server socket there (is PostgreSQL running?)',
};

// admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down)
const SERVER_GOING_AWAY = new Set(['57P01', '57P02', '57P03']);

/** A one-line explanation of a pg connection or query error, classified for the UI; `secrets` are masked. */
export function describePgError(error: unknown, display: string, secrets: readonly string[]): ConnectionFailure {
  const text = errorText(error);
  const code = sqlState(error);
  const say = (kind: FailureKind, reason: string): ConnectionFailure => ({
    kind,
    message: maskAll(`${display}: ${reason}`, secrets).replace(/\s*\n\s*/g, ' '),
  });
  if (error instanceof CleartextRefusedError) return say('auth', 'the server asked for the password in clear text (unencrypted); it was not sent');
  if (code && UNREACHABLE_CODES[code]) return say('unreachable', UNREACHABLE_CODES[code]);
  if (/timeout|timed out/i.test(text)) return say('timeout', `no answer in time (${text})`);
  if (code === '28P01' || code === '28000') return say('auth', text);
  if (/SASL: .*password must be/.test(text)) return say('auth', 'the server asks for a password and none is configured');
  if (code && SERVER_GOING_AWAY.has(code)) return say('unreachable', text);
  if (/Connection terminated|server closed the connection|socket hang up/i.test(text)) return say('unreachable', `the connection was closed (${text})`);
  return say('other', text);
}
