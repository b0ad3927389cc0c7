// Ends a cancelled run's sessions on the server. Killing the CLI is not enough: a backend waiting for a lock does
// not notice its client went away until the lock is granted, and meanwhile every query that needs the table queues
// behind it. The run's sessions are found by the application_name the run was given (run-env.ts), over the
// extension's own connection: pg_cancel_backend first (the statement stops, its transaction rolls back), then,
// for a session still there after a short wait, pg_terminate_backend.
import type { Client, ClientConfig } from 'pg';
import { closeQuietly, describePgError, openClient } from './pg-connect';

export interface CancelOptions {
  /** Bounds connecting and each query. */
  timeoutMs: number;
  /** How long a cancelled session may take to disappear before it is terminated; as long again after that. */
  graceMs: number;
  /** Between two looks at pg_stat_activity. */
  pollMs?: number;
  /** false: refuse a clear-text password request (pg-connect.ts). */
  allowCleartext?: boolean;
}

export interface CancelReport {
  /** Sessions of the run found at the start. */
  found: number;
  cancelled: number;
  terminated: number;
  /** Sessions still there at the end (a superuser's session, when the role may not signal it). */
  remaining: number;
  /** Why the cancel could not be done, one line, no password. */
  error?: string;
}

const FIND = 'SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()';
// In a WHERE clause PostgreSQL may call pg_cancel_backend before the other conditions (it cancelled this very
// query): a CASE is evaluated in order, so only the run's sessions are signalled.
const signalQuery = (fn: 'pg_cancel_backend' | 'pg_terminate_backend'): string =>
  `SELECT count(*)::int AS n FROM (SELECT CASE WHEN application_name = $1 AND pid <> pg_backend_pid() THEN ${fn}(pid) ELSE false END AS signalled FROM pg_stat_activity) s WHERE signalled`;
const CANCEL = signalQuery('pg_cancel_backend');
const TERMINATE = signalQuery('pg_terminate_backend');

/** Never throws; bounded by about timeoutMs + 2 * graceMs. */
export async function cancelRunBackends(config: ClientConfig, appName: string, o: CancelOptions): Promise<CancelReport> {
  const report: CancelReport = { found: 0, cancelled: 0, terminated: 0, remaining: 0 };
  const bounded: ClientConfig = { ...config, connectionTimeoutMillis: o.timeoutMs, query_timeout: o.timeoutMs };
  const secrets = typeof config.password === 'string' ? [config.password] : [];
  let client: Client | undefined;
  try {
    client = await openClient(bounded, o.allowCleartext === false ? { allowCleartext: false } : {});
    const count = async (): Promise<number> => (await client!.query(FIND, [appName])).rowCount ?? 0;
    report.found = await count();
    if (report.found === 0) return report;
    report.cancelled = (await client.query<{ n: number }>(CANCEL, [appName])).rows[0]?.n ?? 0;
    report.remaining = await waitUntilGone(count, o);
    if (report.remaining > 0) {
      report.terminated = (await client.query<{ n: number }>(TERMINATE, [appName])).rows[0]?.n ?? 0;
      report.remaining = await waitUntilGone(count, o);
    }
    return report;
  } catch (error) {
    report.error = describePgError(error, 'the database', secrets).message;
    return report;
  } finally {
    if (client) await closeQuietly(client);
  }
}

/** The sessions left after waiting up to graceMs for none. */
async function waitUntilGone(count: () => Promise<number>, o: CancelOptions): Promise<number> {
  const deadline = Date.now() + o.graceMs;
  for (;;) {
    const left = await count();
    if (left === 0 || Date.now() >= deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, o.pollMs ?? 50));
  }
}
