// The palette's migration commands: create, upgrade, downgrade, stamp, merge, and the read-only show commands.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { commandFor, runAction } from '../alembic/run';
import type { Ctx } from '../ctx';
import { commandGrammar, type MigrationAction } from '../alembic/command';
import { downgradeConfirmation, planDowngrade, type DowngradeTarget } from '../graph/downgrade-plan';
import { locationOfRevision } from '../graph/revision-walk';
import { headsToMerge } from '../graph/heads-to-merge';
import { nextRevisionId } from '../alembic/revision-id';
import { pendingSqlRange } from './revision-targets';
import { addedFiles, listRevisionFiles, versionFolders } from '../alembic/new-revision-files';
import type { RunnableProject } from '../projects/project-entries';
import { BASE_CHOICE, HEADS_CHOICE, pickProject, pickRevision } from './pick';

export async function createRevision(ctx: Ctx, arg: unknown): Promise<void> {
  const entry = await pickProject(ctx, arg);
  if (!entry) return;
  const message = givenMessage(arg) ?? (await vscode.window.showInputBox({
    title: `Alembic: new revision in ${entry.name}`,
    prompt: 'What the migration does (it becomes the docstring and the file name)',
    placeHolder: 'add_orders_status',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'A message is needed' : undefined),
  }));
  if (message === undefined) return;
  const command = await commandFor(entry);
  // migrate.py numbers its own revisions; Alembic's CLI needs the next number handed over.
  const ids = entry.locations.flatMap((l) => l.revisions.map((r) => r.revision));
  const revId = command && commandGrammar(command) === 'alembic' ? nextRevisionId(ids) : undefined;
  await runCreatingFile(ctx, entry, { kind: 'revision', message: message.trim(), ...(revId ? { revId } : {}) }, `Creating a revision in ${entry.name}`);
}

/** `{ message }` in the command's argument (a keybinding's args, a test) is used without asking. */
function givenMessage(arg: unknown): string | undefined {
  const message = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>)['message'] : undefined;
  return typeof message === 'string' && message.trim() !== '' ? message : undefined;
}

export async function mergeHeads(ctx: Ctx, arg: unknown): Promise<void> {
  const entry = await pickProject(ctx, arg);
  if (!entry) return;
  const heads = entry.locations.map(headsToMerge).find((h) => h !== undefined);
  if (!heads) {
    void vscode.window.showInformationMessage(`Alembic: ${entry.name} has a single head; there is nothing to merge.`);
    return;
  }
  const message = await vscode.window.showInputBox({
    title: `Alembic: merge ${heads.join(', ')}`,
    prompt: 'Message of the merge revision',
    value: 'merge heads',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'A message is needed' : undefined),
  });
  if (message === undefined) return;
  await runCreatingFile(ctx, entry, { kind: 'merge', message: message.trim(), revisions: heads }, `Merging the heads of ${entry.name}`);
}

/** Runs revision / merge and opens the file it wrote: what appeared in the versions folders, else what Alembic printed. */
async function runCreatingFile(ctx: Ctx, entry: RunnableProject, action: MigrationAction, title: string): Promise<void> {
  const folders = entry.locations.flatMap(versionFolders);
  const before = listRevisionFiles(folders);
  const outcome = await runAction(ctx, entry, action, { title });
  if (!outcome?.result.ok) return;
  const created = addedFiles(before, listRevisionFiles(folders));
  const file = created[0] ?? outcome.result.generatedFiles?.[0];
  if (!file) {
    void vscode.window.showInformationMessage(`Alembic: done in ${entry.name}, but the new file was not found. See the Alembic output.`);
    return;
  }
  const resolved = path.resolve(entry.ini.dir, file);
  await vscode.window.showTextDocument(vscode.Uri.file(resolved));
}

export async function upgradeHead(ctx: Ctx, arg: unknown): Promise<void> {
  const entry = await pickProject(ctx, arg);
  if (entry) await upgrade(ctx, entry, 'heads');
}

export async function upgradeTo(ctx: Ctx, arg: unknown): Promise<void> {
  const entry = await pickProject(ctx, arg);
  if (!entry) return;
  const target = await pickRevision(ctx, entry, 'pending', 'Upgrade to which revision?', [HEADS_CHOICE]);
  if (target) await upgrade(ctx, entry, target);
}

export async function upgrade(ctx: Ctx, entry: RunnableProject, target: string): Promise<void> {
  await runAction(ctx, entry, { kind: 'upgrade', target }, { title: `Upgrading ${entry.name} to ${target}` });
}

export async function downgradeOne(ctx: Ctx, arg: unknown): Promise<void> {
  const entry = await pickProject(ctx, arg);
  if (entry) await downgrade(ctx, entry, { kind: 'one' });
}

export async function downgradeTo(ctx: Ctx, arg: unknown): Promise<void> {
  const entry = await pickProject(ctx, arg);
  if (!entry || !(await ensureConnected(ctx, entry, 'choose the revision to go back to'))) return;
  const target = await pickRevision(ctx, entry, 'applied', 'Downgrade to which revision? (it stays applied; everything above it is reverted)', [BASE_CHOICE]);
  if (target) await downgrade(ctx, entry, target === 'base' ? { kind: 'base' } : { kind: 'revision', revision: target });
}

/** Confirms with the list of what will be reverted and what it destroys, then runs. */
export async function downgrade(ctx: Ctx, entry: RunnableProject, target: DowngradeTarget): Promise<void> {
  const current = await ensureConnected(ctx, entry, 'see what the downgrade reverts');
  if (!current) return;
  const anchor = target.kind === 'revision' ? target.revision : current[0];
  const location = (anchor ? locationOfRevision(entry.locations, anchor) : undefined) ?? entry.locations[0];
  if (!location) {
    void vscode.window.showErrorMessage(`Alembic: ${entry.name} has no migrations to downgrade.`);
    return;
  }
  const plan = planDowngrade(location, current, target);
  if (!plan.ok) {
    void vscode.window.showWarningMessage(`Alembic: ${plan.problem}`);
    return;
  }
  const label = target.kind === 'revision' ? target.revision : target.kind === 'base' ? 'base' : `the revision before ${current.join(', ')}`;
  const confirmation = downgradeConfirmation(plan.steps, label);
  const proceed = 'Downgrade';
  const choice = await vscode.window.showWarningMessage(confirmation.message, { modal: true, detail: confirmation.detail }, proceed);
  if (choice !== proceed) return;
  await runAction(ctx, entry, { kind: 'downgrade', target: plan.cliTarget }, { title: `Downgrading ${entry.name} to ${label}` });
}

/** The current revisions, connecting first if needed; undefined (after telling why) when they cannot be read. */
async function ensureConnected(ctx: Ctx, entry: RunnableProject, purpose: string): Promise<string[] | undefined> {
  const known = ctx.current(entry);
  if (known) return known;
  const state = await ctx.connect(entry);
  if (state.kind === 'connected') return state.current;
  const reason = state.kind === 'failed' ? state.message : state.kind === 'unconfigured' ? state.problem : 'not connected';
  void vscode.window.showErrorMessage(`Alembic: connect to the database of ${entry.name} to ${purpose} (${reason}).`);
  return undefined;
}

export async function stamp(ctx: Ctx, arg: unknown): Promise<void> {
  const entry = await pickProject(ctx, arg);
  if (!entry) return;
  const target = await pickRevision(ctx, entry, 'all', 'Record which revision as applied? (no migration runs)', [HEADS_CHOICE, BASE_CHOICE]);
  if (!target) return;
  const proceed = 'Stamp';
  const choice = await vscode.window.showWarningMessage(
    `Stamp ${entry.name}'s database as ${target}?`,
    { modal: true, detail: 'The version table is set to this revision without running any migration. Use it when the schema already matches.' },
    proceed,
  );
  if (choice === proceed) await runAction(ctx, entry, { kind: 'stamp', target }, { title: `Stamping ${entry.name} as ${target}` });
}

export function showCommand(kind: 'current' | 'history' | 'heads'): (ctx: Ctx, arg: unknown) => Promise<void> {
  return async (ctx, arg) => {
    const entry = await pickProject(ctx, arg);
    if (entry) await runAction(ctx, entry, { kind }, { title: `${kind} of ${entry.name}`, revealOutput: true });
  };
}

export async function showPendingSql(ctx: Ctx, arg: unknown): Promise<void> {
  const entry = await pickProject(ctx, arg);
  if (!entry) return;
  const current = await ensureConnected(ctx, entry, 'know which migrations are pending');
  if (!current) return;
  const range = pendingSqlRange(current);
  if (!range) {
    void vscode.window.showWarningMessage(`Alembic: the database is at several revisions (${current.join(', ')}); use Show SQL on a revision in the Migrations view.`);
    return;
  }
  await showSql(ctx, entry, range, `SQL of the pending migrations of ${entry.name}`);
}

/** Offline `upgrade --sql <range>`; the SQL opens in an editor. */
export async function showSql(ctx: Ctx, entry: RunnableProject, range: string, title: string): Promise<void> {
  const outcome = await runAction(ctx, entry, { kind: 'sql', range }, { title });
  if (outcome?.result.ok) await ctx.sqlPreviews.show(title, outcome.result.stdout);
}
