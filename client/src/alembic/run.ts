// Runs one migration action in a project: the project's own CLI (command.ts), in its folder, with the
// resolved database in the environment; output streamed to the "Alembic" channel (runner.ts masks
// passwords), a progress notification with Cancel, and the CLI's own error message when it fails.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { argsFor, displayCommandLine, resolveCommand, type MigrationAction, type MigrationCommand } from './command';
import { maskAll, secretsInEnv } from '../mask-secrets';
import { runMigrationCommand, type RunResult } from './runner';
import { projectSettings, type ProjectEntry } from '../projects/project-entries';
import { pythonFor } from './interpreter';

export interface RunRequest {
  /** The progress title: "Upgrading backend to head". */
  title: string;
  /** Reveal the output channel (show commands whose output is the point). */
  revealOutput?: boolean;
}

export interface RunOutcome {
  result: RunResult;
  command: MigrationCommand;
}

/** The command a project runs, for callers that need its style (Create Revision's id). */
export async function commandFor(entry: ProjectEntry): Promise<MigrationCommand | undefined> {
  if (!entry.ini) return undefined;
  const python = await pythonFor(entry, entry.ini.dir);
  const setting = projectSettings(entry).command;
  return resolveCommand(entry.ini, { ...(setting.length > 0 ? { commandSetting: setting } : {}), python, exists: (file) => fs.existsSync(file) });
}

/** undefined when nothing ran (no alembic.ini, the password prompt dismissed). The views refresh afterwards either way. */
export async function runAction(ctx: Ctx, entry: ProjectEntry, action: MigrationAction, request: RunRequest): Promise<RunOutcome | undefined> {
  const command = await commandFor(entry);
  if (!command) {
    void vscode.window.showErrorMessage(`${entry.name} has no alembic.ini: there is no migration command to run.`);
    return undefined;
  }
  const env = await ctx.childEnv(entry);
  if (!env) return undefined;
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
        return await runMigrationCommand(command, action, { env, signal: abort.signal, onOutput: (text) => output.append(text) });
      } finally {
        subscription.dispose();
      }
    },
  );
  output.appendLine(outcomeLine(result));
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
