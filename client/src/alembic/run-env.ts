// What bounds the project's command's waits on the database, through libpq's environment (psycopg2 and
// psycopg read it for every parameter the URL leaves out): a connect timeout, an optional lock timeout, and
// an application_name unique to the run, so Cancel can find the run's backends in pg_stat_activity.
import { randomBytes } from 'node:crypto';

export interface RunBounds {
  /** libpq's connect_timeout, in ms (rounded up to whole seconds; libpq treats less than 2 s as 2 s). */
  connectTimeoutMs: number;
  /** PostgreSQL's lock_timeout in ms; 0 leaves it unset (PostgreSQL's default: wait as long as it takes). */
  lockTimeoutMs: number;
}

/** application_name values the runs use; the cancel query matches exactly one run's. */
export const RUN_APP_NAME_PREFIX = 'vscode-alembic-run-';

/** A fresh application_name per run: 63 bytes at most (NAMEDATALEN), printable ASCII, unguessable. */
export function newRunAppName(): string {
  return `${RUN_APP_NAME_PREFIX}${randomBytes(6).toString('hex')}`;
}

/**
 * The child's environment with the bounds added. A PGCONNECT_TIMEOUT already in `env` is the user's choice and
 * stays; PGAPPNAME is always the run's own (the cancel needs it); a lock timeout is appended to PGOPTIONS,
 * after what the user has there, so it wins over an earlier `-c lock_timeout`.
 */
export function boundedRunEnv(env: Readonly<Record<string, string>>, bounds: RunBounds, appName: string): Record<string, string> {
  const out: Record<string, string> = { ...env, PGAPPNAME: appName };
  if (!env['PGCONNECT_TIMEOUT']) out['PGCONNECT_TIMEOUT'] = String(connectTimeoutSeconds(bounds.connectTimeoutMs));
  if (bounds.lockTimeoutMs > 0) {
    const lock = `-c lock_timeout=${Math.ceil(bounds.lockTimeoutMs)}`;
    const existing = env['PGOPTIONS']?.trim();
    out['PGOPTIONS'] = existing ? `${existing} ${lock}` : lock;
  }
  return out;
}

/** Whole seconds, at least 2: libpq's own minimum (a connect_timeout of 1 is taken as 2). */
export function connectTimeoutSeconds(ms: number): number {
  return Math.max(2, Math.ceil(ms / 1000));
}

/**
 * A hint for failures the bounds caused, so the user knows which setting ended the run; undefined for any other.
 * psycopg2 says "timeout expired" when connect_timeout ends the attempt; PostgreSQL says "canceling statement
 * due to lock timeout" (SQLSTATE 55P03).
 */
export function boundHint(error: string, bounds: RunBounds, env: Readonly<Record<string, string>>): string | undefined {
  if (/timeout expired/i.test(error)) {
    const seconds = env['PGCONNECT_TIMEOUT'] ?? String(connectTimeoutSeconds(bounds.connectTimeoutMs));
    const from = env['PGCONNECT_TIMEOUT'] ? 'PGCONNECT_TIMEOUT' : 'alembic.commandConnectTimeoutMs';
    return `the database did not answer the connection within ${seconds} s (${from})`;
  }
  if (/lock timeout/i.test(error) && bounds.lockTimeoutMs > 0) {
    return `a lock was not granted within ${bounds.lockTimeoutMs} ms (alembic.commandLockTimeoutMs): another session holds it`;
  }
  return undefined;
}
