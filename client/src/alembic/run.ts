// Runs one migration action in a project: the project's own CLI (command.ts), in its folder, with the
// resolved database in the environment and its waits bounded (guarded-run.ts); one run per project at a time
// (run-lock.ts); output streamed to the "Alembic" channel (runner.ts masks passwords), a progress notification
// with Cancel (which also ends the run's database sessions), and the CLI's own error message when it fails.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { argsFor, displayCommandLine, type MigrationAction, type MigrationCommand } from '../../../common/alembic-command';
import { maskAll, secretsInEnv } from '../mask-secrets';
import type { RunResult } from './runner';
import { runGuarded } from './guarded-run';
import { busyMessage, type RunTicket } from './run-lock';
import { isRunnable, projectSettings, type ProjectEntry } from '../projects/project-entries';
import { readyCommand } from '../commands/interpreter';

export interface RunRequest {
  /** The progress title: "Upgrading backend to head". */
  title: string;
  /** Reveal the output channel (show commands whose output is the point). */
  revealOutput?: boolean;
  /**
   * The project's run ticket, when the caller took it before deciding what to run (a confirmation, an id read
   * from disk); runAction releases it. Without one, runAction takes it, or refuses when another run holds it.
   */
  ticket?: RunTicket;
}

export interface RunOutcome {
  result: RunResult;
  command: MigrationCommand;
}

/** undefined when nothing ran (busy, no alembic.ini, no interpreter that can run it, the password prompt dismissed). The views refresh afterwards either way. */
export async function runAction(ctx: Ctx, entry: ProjectEntry, action: MigrationAction, request: RunRequest): Promise<RunOutcome | undefined> {
  if (!request.ticket && READ_ONLY.has(action.kind)) return runHolding(ctx, entry, action, request);
  const ticket = request.ticket ?? takeRunTicket(ctx, entry, request.title);
  if (!ticket) return undefined;
  try {
    return await runHolding(ctx, entry, action, request);
  } finally {
    ticket.release();
  }
}

/** Actions that change neither the files nor the database: they may run beside another run. */
const READ_ONLY = new Set<MigrationAction['kind']>(['current', 'history', 'heads', 'sql']);

/** The project's run ticket, or undefined after telling the user which run holds it. */
export function takeRunTicket(ctx: Ctx, entry: ProjectEntry, title: string): RunTicket | undefined {
  const acquired = ctx.runs.acquire(entry.key, title);
  if (acquired.ok) return acquired.ticket;
  void vscode.window.showWarningMessage(`Alembic: ${busyMessage(entry.name, acquired.busyWith, acquired.elsewhere)}`);
  return undefined;
}

async function runHolding(ctx: Ctx, entry: ProjectEntry, action: MigrationAction, request: RunRequest): Promise<RunOutcome | undefined> {
  if (!isRunnable(entry)) {
    void vscode.window.showErrorMessage(`${entry.name} has no alembic.ini: there is no migration command to run.`);
    return undefined;
  }
  // Before the password prompt: nothing is asked for a run that cannot start.
  const command = await readyCommand(ctx, entry);
  if (!command) return undefined;
  const connection = await ctx.childConnection(entry);
  if (!connection) return undefined;
  const { env, pg, allowCleartext } = connection;
  const settings = projectSettings(entry);
  const args = argsFor(command, action);
  // The arguments hold no secret (the database goes through the environment); masked all the same.
  const mask = (text: string): string => maskAll(text, secretsInEnv(env));
  const output = ctx.output;
  output.appendLine('');
  output.appendLine(`[${new Date().toLocaleTimeString()}] ${entry.name}: ${mask(displayCommandLine(command, args))}  (in ${command.cwd})`);
  if (request.revealOutput) output.show(true);

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Alembic: ${request.title}`, cancellable: true },
    async (_progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      try {
        return await runGuarded(command, action, {
          env,
          ...(pg ? { pg, allowCleartext: allowCleartext ?? false } : {}),
          bounds: { connectTimeoutMs: settings.commandConnectTimeoutMs, lockTimeoutMs: settings.commandLockTimeoutMs },
          signal: abort.signal,
          onOutput: (text) => output.append(text),
          log: (line) => output.appendLine(mask(line)),
        });
      } finally {
        subscription.dispose();
      }
    },
  );
  output.appendLine(outcomeLine(result));
  // The environment changed under the cached probes (a package removed, a virtualenv rebuilt): ask again next time.
  if (!result.ok && /ModuleNotFoundError|No module named/.test(result.stderr)) ctx.interpreters.clear('a run could not import a module');
  await ctx.refreshAfterRun(entry);
  if (!result.ok) void reportFailure(ctx, request.title, result);
  return { result, command };
}

function outcomeLine(result: RunResult): string {
  if (result.ok) return 'Done.';
  if (result.cancelled) return 'Cancelled.';
  if (result.timedOut) return 'Timed out.';
  return `Failed (${result.signal ? `signal ${result.signal}` : `exit code ${String(result.exitCode)}`}).`;
}

/** RunResult's texts are masked by the runner already. */
async function reportFailure(ctx: Ctx, title: string, result: RunResult): Promise<void> {
  if (result.cancelled) {
    void vscode.window.showWarningMessage(`Alembic: ${title} was cancelled. The views show the database as it is now.`);
    return;
  }
  const where = result.failedRevision ? ` at revision ${result.failedRevision}` : '';
  const why = result.error ?? `exit code ${String(result.exitCode)}`;
  const choice = await vscode.window.showErrorMessage(`Alembic: ${title} failed${where}: ${why}`, 'Show Output');
  if (choice === 'Show Output') ctx.output.show(true);
}
