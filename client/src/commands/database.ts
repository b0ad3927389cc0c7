// Connect, Disconnect, Refresh, Forget Password, and the embedded development database.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { SETTING_SOURCE } from '../database/resolve-connection';
import type { RunnableProject } from '../projects/project-entries';
import { pickProject, projectKeyOf } from './pick';

/** The project named by the argument, or every project (Connect / Disconnect from the palette act on all). */
function projectsOf(ctx: Ctx, arg: unknown): RunnableProject[] {
  const key = projectKeyOf(arg);
  const all = ctx.runnableProjects;
  return key === undefined ? all : all.filter((p) => p.key === key);
}

export async function connect(ctx: Ctx, arg: unknown): Promise<void> {
  for (const entry of projectsOf(ctx, arg)) {
    const state = await ctx.connect(entry);
    if (state.kind !== 'failed') continue;
    const retry = 'Re-enter Password';
    const offerRetry = state.failure === 'auth' && state.source === SETTING_SOURCE;
    const choice = await vscode.window.showErrorMessage(`Alembic: ${entry.name}: ${state.message}`, ...(offerRetry ? [retry] : []));
    if (choice === retry) {
      await ctx.connections.forgetPassword(entry);
      await ctx.connect(entry);
    }
  }
}

export function disconnect(ctx: Ctx, arg: unknown): void {
  for (const entry of projectsOf(ctx, arg)) ctx.disconnect(entry);
}

export async function refresh(ctx: Ctx): Promise<void> {
  // Also after installing Alembic into an interpreter, which nothing else notices.
  ctx.interpreters.clear();
  await ctx.reloadProjects();
  await ctx.refreshDatabases(false);
}

export async function forgetPassword(ctx: Ctx, arg: unknown): Promise<void> {
  const entry = await pickProject(ctx, arg);
  if (!entry) return;
  const forgot = await ctx.connections.forgetPassword(entry);
  void vscode.window.showInformationMessage(
    forgot ? `Alembic: the password for ${entry.name}'s database is forgotten; Connect asks for it again.` : `Alembic: no password is stored for ${entry.name} (only alembic.databaseUrl's password is kept).`,
  );
  if (forgot) ctx.disconnect(entry);
}

/** Forgets which servers may get a credential from outside the workspace, or a clear-text password: Connect asks again. */
export async function forgetAgreedServers(ctx: Ctx): Promise<void> {
  const count = await ctx.connections.forgetAgreements();
  void vscode.window.showInformationMessage(
    count === 0 ? 'Alembic: no server was agreed to.' : `Alembic: ${count} agreed ${count === 1 ? 'server is' : 'servers are'} forgotten; Connect asks again before sending a credential from outside the workspace.`,
  );
  // A connection that was let through by a forgotten agreement asks again at the next read.
  if (count > 0) await ctx.refreshDatabases(false);
}

export async function startEmbeddedDatabase(ctx: Ctx, arg: unknown): Promise<void> {
  const key = projectKeyOf(arg);
  const fromProject = key === undefined ? undefined : ctx.project(key)?.folder;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = fromProject ?? (folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Start the embedded database for which folder?' }));
  if (!folder) return;
  try {
    await ctx.startEmbedded(folder);
  } catch (error) {
    void vscode.window.showErrorMessage(`Alembic: the embedded database did not start: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  void vscode.window.showInformationMessage(`Alembic: the embedded database is running for ${folder.name}; migrations run against it until you stop it.`);
}

export async function stopEmbeddedDatabase(ctx: Ctx): Promise<void> {
  if (!ctx.embedded.isRunning) {
    void vscode.window.showInformationMessage('Alembic: the embedded database is not running.');
    return;
  }
  await ctx.stopEmbedded();
}
