// Alembic: Verify Migrations (the pending ones or the whole history) and Verify This Migration (the code lens above
// `def upgrade(`, the Migrations view's context menu, the palette on the active revision file): `alembic-lint
// verify` in a child process (verify/verify-run.ts), progress with Cancel, the results as diagnostics and badges
// (verify/verify-service.ts), a summary in the Alembic output.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { projectSettings, type RunnableProject } from '../projects/project-entries';
import { revisionTitle } from '../graph/revision-walk';
import { verifyInvocation, type VerifyScope } from '../verify/verify-invocation';
import { verifyScopeChoices } from '../verify/verify-scope';
import { progressFraction, progressMessage } from '../verify/verify-progress';
import { runVerify, type VerifyOutcome } from '../verify/verify-run';
import { verifiedFiles } from '../verify/verify-diagnostics';
import { countsSentence, summaryLines, verifyCounts } from '../verify/verify-summary';
import { readyInterpreter } from './interpreter';
import { sayFinished } from './migrations';
import { activeEditorRevision, pickProject, revisionElement, revisionRefOf } from './pick';

const SHOW_PROBLEMS = 'Show Problems';
const SHOW_OUTPUT = 'Show Output';

export async function verifyMigrations(ctx: Ctx, arg: unknown): Promise<void> {
  const entry = await pickProject(ctx, arg);
  if (!entry) return;
  const scope = await chooseScope(ctx, entry);
  if (scope) await verify(ctx, entry, scope);
}

/** The pending migrations or the whole history, when there is a choice (verify/verify-scope.ts). */
async function chooseScope(ctx: Ctx, entry: RunnableProject): Promise<VerifyScope | undefined> {
  const choices = verifyScopeChoices(entry.locations, ctx.current(entry), (revision) => revisionTitle(entry.locations, revision));
  if (!choices) return { kind: 'all' };
  const picked = await vscode.window.showQuickPick(choices, {
    title: `Alembic: verify the migrations of ${entry.name}`,
    placeHolder: 'Which migrations? (never on the connected database: on a throwaway one)',
  });
  return picked?.scope;
}

export async function verifyMigration(ctx: Ctx, arg: unknown): Promise<void> {
  await ctx.projectsLoaded;
  const element = revisionElement(arg);
  const target = element?.model.revision ? { location: element.location.path, revision: element.model.revision } : (revisionRefOf(arg) ?? activeEditorRevision(ctx));
  if (!target) {
    void vscode.window.showInformationMessage('Alembic: open a migration file, or run this from a revision in the Migrations view.');
    return;
  }
  const entry = ctx.runnableProjects.find((p) => p.locations.some((l) => l.path === target.location));
  if (!entry) {
    void vscode.window.showWarningMessage(`Alembic: ${target.revision} is in a folder without alembic.ini: there is no migration command to verify it with.`);
    return;
  }
  await verify(ctx, entry, { kind: 'only', revision: target.revision });
}

async function verify(ctx: Ctx, entry: RunnableProject, scope: VerifyScope): Promise<void> {
  if (ctx.verify.running.has(entry.key)) {
    void vscode.window.showWarningMessage(`Alembic: ${entry.name} is being verified already; wait for it, or cancel it.`);
    return;
  }
  ctx.verify.running.add(entry.key);
  try {
    await verifyHolding(ctx, entry, scope);
  } finally {
    ctx.verify.running.delete(entry.key);
  }
}

async function verifyHolding(ctx: Ctx, entry: RunnableProject, scope: VerifyScope): Promise<void> {
  const settings = projectSettings(entry);
  // alembic.command names its own program, as for the runs: no interpreter is checked.
  const alembicCommand = settings.command;
  const python = alembicCommand.length > 0 ? undefined : await readyInterpreter(ctx, entry);
  if (alembicCommand.length === 0 && python === undefined) return;
  const database = settings['verify.database'];
  const connectionEnv = database === 'scratch' ? await scratchServer(ctx, entry) : undefined;
  if (database === 'scratch' && !connectionEnv) return;
  const cwd = entry.folder?.uri.fsPath ?? entry.ini.dir;
  const { command, env } = verifyInvocation({
    cliPath: ctx.extension.asAbsolutePath('dist/cli.js'),
    runtime: process.execPath,
    projectDir: entry.ini.dir,
    cwd,
    runs: python !== undefined ? { python } : { alembicCommand },
    scope,
    database,
    versionTable: { name: settings.versionTable, schema: settings.versionTableSchema },
    baseEnv: process.env,
    ...(connectionEnv ? { connectionEnv } : {}),
  });
  const output = ctx.output;
  const what = scope.kind === 'all' ? 'the whole history' : scope.kind === 'from' ? `the migrations after ${scope.revision}` : scope.revision;
  output.appendLine('');
  // The arguments hold no secret: the scratch database's server is in the environment only.
  output.appendLine(`[${new Date().toLocaleTimeString()}] ${entry.name}: verifying ${what} on ${database === 'scratch' ? 'a scratch database' : 'the embedded database'}: alembic-lint ${command.args.slice(1).join(' ')}  (in ${cwd})`);
  const started = Date.now();
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Alembic: verifying ${entry.name}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      let done = 0;
      try {
        return await runVerify(command, {
          env,
          signal: abort.signal,
          onProgress: (step) => {
            const fraction = progressFraction(step);
            progress.report({ message: progressMessage(step), increment: Math.max(0, fraction - done) * 100 });
            done = Math.max(done, fraction);
          },
          onMessage: (line) => output.appendLine(line),
        });
      } finally {
        subscription.dispose();
      }
    },
  );
  await report(ctx, entry, outcome, cwd, (Date.now() - started) / 1000);
}

/**
 * The connected server's connection, for the CLI's scratch database (created and dropped on that server, never the
 * database itself): only once connected, so the credential agreements and the password prompt have happened.
 */
async function scratchServer(ctx: Ctx, entry: RunnableProject): Promise<Record<string, string> | undefined> {
  const connect = 'Connect';
  if (ctx.dbState(entry).kind !== 'connected') {
    const choice = await vscode.window.showWarningMessage(
      `Alembic: alembic.verify.database is "scratch": connect ${entry.name} to its server first; verify creates a scratch database there and drops it after.`,
      connect,
    );
    if (choice === connect) await vscode.commands.executeCommand('alembic.connect', entry.key);
    return undefined;
  }
  const resolution = await ctx.connections.resolve(entry, true);
  return resolution.kind === 'resolved' ? resolution.connection.env : undefined;
}

async function report(ctx: Ctx, entry: RunnableProject, outcome: VerifyOutcome, cwd: string, seconds: number): Promise<void> {
  const output = ctx.output;
  switch (outcome.kind) {
    case 'cancelled':
      output.appendLine('Verify cancelled.');
      void vscode.window.showInformationMessage('Alembic: Verify cancelled.');
      return;
    case 'cannot-run':
    case 'failed': {
      output.appendLine(`Verify ${outcome.kind === 'cannot-run' ? 'cannot run' : 'failed'}: ${outcome.message}`);
      const choice = await vscode.window.showErrorMessage(`Alembic: verify ${outcome.kind === 'cannot-run' ? 'cannot run' : 'failed'}: ${outcome.message}`, SHOW_OUTPUT);
      if (choice === SHOW_OUTPUT) output.show(true);
      return;
    }
    case 'verified': {
      ctx.verify.apply(verifiedFiles(outcome.json, cwd, readText));
      for (const line of summaryLines(outcome.json, seconds, (revision) => revisionTitle(entry.locations, revision))) output.appendLine(line);
      const counts = verifyCounts(outcome.json);
      if (counts.failed === 0) {
        sayFinished({ kind: 'verify', project: entry.name, counts });
        return;
      }
      const choice = await vscode.window.showWarningMessage(`Alembic: ${countsSentence(counts, entry.name)}.`, SHOW_PROBLEMS, SHOW_OUTPUT);
      if (choice === SHOW_PROBLEMS) await vscode.commands.executeCommand('workbench.actions.view.problems');
      else if (choice === SHOW_OUTPUT) output.show(true);
      return;
    }
  }
}

/** The file as verify ran it: on disk (an unsaved editor's text is not what ran). */
function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
