// Which project and which revision a command acts on: taken from the view item it was run on, else asked.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { projectOfFile } from '../projects/location-owners';
import { revisionStates } from '../views/migrations-tree-model';
import { revisionChoices, type ChoiceFilter, type RevisionChoice } from './revision-targets';
import type { RunnableProject } from '../projects/project-entries';
import type { MigrationsElement } from '../views/migrations-tree';
import type { RevisionRef } from '../graph-view/messages';
import { revisionOfFile } from '../graph-view/view-data';

/** The project key carried by a view element or a command argument. */
export function projectKeyOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const record = arg as Record<string, unknown>;
  if (typeof record['projectKey'] === 'string') return record['projectKey'];
  if (typeof record['key'] === 'string') return record['key'];
  return undefined;
}

/** The revision node a tree context-menu command was run on. */
export function revisionElement(arg: unknown): Extract<MigrationsElement, { type: 'node' }> | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const element = arg as Partial<MigrationsElement>;
  return element.type === 'node' && element.model?.revision ? (element as Extract<MigrationsElement, { type: 'node' }>) : undefined;
}

/** A code lens's argument: a revision of a script location. */
export function revisionRefOf(arg: unknown): RevisionRef | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const record = arg as Record<string, unknown>;
  const { location, revision } = record;
  return typeof location === 'string' && typeof revision === 'string' ? { location, revision } : undefined;
}

/** The revision the active editor's file declares, as the server's graph knows it. */
export function activeEditorRevision(ctx: Ctx): RevisionRef | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  if (uri?.scheme !== 'file') return undefined;
  return revisionOfFile(ctx.projects.flatMap((p) => p.locations), uri.fsPath);
}

/**
 * The project from the argument; else the only one; else the one of the active editor; else a quick pick.
 * undefined when there is none or the pick was dismissed.
 */
export async function pickProject(ctx: Ctx, arg: unknown): Promise<RunnableProject | undefined> {
  // A command run right after the window opens must not conclude there is no project before the first scan.
  await ctx.projectsLoaded;
  const runnable = ctx.runnableProjects;
  const key = projectKeyOf(arg);
  const given = key === undefined ? undefined : runnable.find((p) => p.key === key);
  if (given) return given;
  if (runnable.length === 0) {
    void vscode.window.showWarningMessage('Alembic: no alembic.ini in this workspace, so there is no migration project to run commands in.');
    return undefined;
  }
  if (runnable.length === 1) return runnable[0];
  const file = vscode.window.activeTextEditor?.document.uri;
  if (file?.scheme === 'file') {
    const fromEditor = projectOfFile(runnable.map((entry) => ({ entry, dir: entry.ini.dir })), file.fsPath);
    if (fromEditor) return fromEditor.entry;
  }
  const picked = await vscode.window.showQuickPick(
    runnable.map((entry) => ({ label: entry.name, description: vscode.workspace.asRelativePath(entry.ini.iniPath), entry })),
    { placeHolder: 'Which migration project?' },
  );
  return picked?.entry;
}

/**
 * A revision of the project, filtered by its state when connected; `extra` entries (heads, base) come first.
 * Returns the target string, or undefined when dismissed.
 */
export async function pickRevision(ctx: Ctx, entry: RunnableProject, filter: ChoiceFilter, placeHolder: string, extra: RevisionChoice[] = []): Promise<string | undefined> {
  const current = ctx.current(entry);
  const states = current ? new Map(entry.locations.flatMap((l) => [...revisionStates(l, current)])) : undefined;
  const choices = [...extra, ...revisionChoices(entry.locations, states, filter)];
  if (choices.length === 0) {
    void vscode.window.showInformationMessage(`Alembic: no revision of ${entry.name} to choose from.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    choices.map((choice) => ({ label: choice.label, description: choice.description, ...(choice.detail ? { detail: choice.detail } : {}), target: choice.target })),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.target;
}

export const HEADS_CHOICE: RevisionChoice = { label: 'heads', description: 'every head revision', target: 'heads' };
export const BASE_CHOICE: RevisionChoice = { label: 'base', description: 'before the first revision: an empty schema', target: 'base' };
