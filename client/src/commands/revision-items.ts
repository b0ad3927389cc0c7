// The Migrations view's context menu on a revision: Upgrade to Here, Downgrade to Here, Show SQL, Copy Revision ID,
// Reveal in Explorer.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { stepSqlRange } from './revision-targets';
import type { RunnableProject } from '../projects/project-entries';
import { downgrade, showSql, upgrade } from './migrations';
import { revisionElement } from './pick';

type RevisionElement = NonNullable<ReturnType<typeof revisionElement>>;

/** The element and its project; explains itself when run from elsewhere (a keybinding, the palette). */
function target(ctx: Ctx, arg: unknown, needsIni: boolean): { element: RevisionElement; revision: string; entry: RunnableProject | undefined } | undefined {
  const element = revisionElement(arg);
  const revision = element?.model.revision;
  if (!element || !revision) {
    void vscode.window.showInformationMessage('Alembic: run this from a revision in the Migrations view.');
    return undefined;
  }
  const entry = ctx.runnableProjects.find((p) => p.key === element.key);
  if (needsIni && !entry) {
    void vscode.window.showWarningMessage(`Alembic: ${revision} is in a folder without alembic.ini: there is no migration command to run.`);
    return undefined;
  }
  return { element, revision, entry };
}

export async function upgradeToHere(ctx: Ctx, arg: unknown): Promise<void> {
  const t = target(ctx, arg, true);
  if (!t?.entry) return;
  if (t.element.model.state === 'applied' || t.element.model.state === 'current') {
    void vscode.window.showInformationMessage(`Alembic: ${t.revision} is already applied.`);
    return;
  }
  await upgrade(ctx, t.entry, t.revision);
}

export async function downgradeToHere(ctx: Ctx, arg: unknown): Promise<void> {
  const t = target(ctx, arg, true);
  if (t?.entry) await downgrade(ctx, t.entry, { kind: 'revision', revision: t.revision });
}

export async function showStepSql(ctx: Ctx, arg: unknown): Promise<void> {
  const t = target(ctx, arg, true);
  if (t?.entry) await showSql(ctx, t.entry, stepSqlRange(t.element.location, t.revision), `SQL of ${t.revision}`);
}

export async function copyRevisionId(ctx: Ctx, arg: unknown): Promise<void> {
  const t = target(ctx, arg, false);
  if (!t) return;
  await vscode.env.clipboard.writeText(t.revision);
  vscode.window.setStatusBarMessage(`Copied ${t.revision}`, 3000);
}

export async function revealRevision(ctx: Ctx, arg: unknown): Promise<void> {
  const t = target(ctx, arg, false);
  if (t?.element.model.file) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(t.element.model.file));
}
