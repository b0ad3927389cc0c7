// One run of the project's command with its waits on the database bounded (run-env.ts) and, on Cancel, its
// sessions ended on the server as well as its processes (database/cancel-backends.ts). run.ts calls this with
// what VS Code gives it; the database tests call it directly.
import type { ClientConfig } from 'pg';
import type { MigrationAction, MigrationCommand } from '../../../common/alembic-command';
import { boundedRunEnv, boundHint, newRunAppName, type RunBounds } from './run-env';
import { runMigrationCommand, type RunResult } from './runner';
import { cancelRunBackends, type CancelReport } from '../database/cancel-backends';

export interface GuardedRunOptions {
  /** The child's environment before the bounds (process.env plus the resolved connection's env). */
  env: Record<string, string>;
  bounds: RunBounds;
  /** The extension's own connection to the run's database, for the cancel; without it only the processes end. */
  pg?: ClientConfig;
  /** Whether that connection may answer a clear-text password request (credential-agreement.ts). Default true. */
  allowCleartext?: boolean;
  signal?: AbortSignal;
  onOutput?: (text: string) => void;
  /** One line for the output channel (what the cancel did). */
  log?: (line: string) => void;
  /** Given by the tests, to find the run's sessions; a fresh one otherwise. */
  appName?: string;
}

export interface GuardedRunResult extends RunResult {
  /** What the cancel did on the server, when the run was cancelled and a connection was known. */
  cancelReport?: CancelReport;
}

/** How long the cancel's own connection and queries may take, and how long a cancelled session may linger. */
const CANCEL_TIMEOUT_MS = 5000;
const CANCEL_GRACE_MS = 2000;

export async function runGuarded(command: MigrationCommand, action: MigrationAction, o: GuardedRunOptions): Promise<GuardedRunResult> {
  const appName = o.appName ?? newRunAppName();
  const env = boundedRunEnv(o.env, o.bounds, appName);
  const kill = new AbortController();
  let cancelling: Promise<CancelReport> | undefined;
  const onAbort = (): void => {
    // The server side first: a backend waiting for a lock outlives its killed client.
    if (o.pg) cancelling = cancelRunBackends(o.pg, appName, { timeoutMs: CANCEL_TIMEOUT_MS, graceMs: CANCEL_GRACE_MS, ...(o.allowCleartext === false ? { allowCleartext: false } : {}) });
    kill.abort();
  };
  if (o.signal?.aborted) onAbort();
  else o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result: GuardedRunResult = await runMigrationCommand(command, action, {
      env,
      signal: kill.signal,
      ...(o.onOutput ? { onOutput: o.onOutput } : {}),
    });
    if (cancelling) {
      result.cancelReport = await cancelling;
      o.log?.(cancelLine(result.cancelReport));
    }
    const hint = !result.ok && result.error ? boundHint(result.error, o.bounds, o.env) : undefined;
    if (hint) result.error = `${result.error}: ${hint}`;
    return result;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
}

function cancelLine(report: CancelReport): string {
  if (report.error) return `Could not cancel the run's database sessions: ${report.error}`;
  if (report.found === 0) return 'The run had no session left on the database.';
  const parts = [`${report.cancelled} of the run's ${report.found} database session${report.found === 1 ? '' : 's'} cancelled`];
  if (report.terminated) parts.push(`${report.terminated} terminated`);
  if (report.remaining) parts.push(`${report.remaining} still there (the role may not signal them)`);
  return `${parts.join(', ')}.`;
}
