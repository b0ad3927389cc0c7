// The palette's migration commands: create, upgrade, downgrade, stamp, merge, and the read-only show commands.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runAction, takeRunTicket } from '../alembic/run';
import { readyCommand } from './interpreter';
import type { Ctx } from '../ctx';
import type { MigrationAction } from '../../../common/alembic-command';
import { downgradeDialog, type DowngradeTarget } from '../graph/downgrade-plan';
import { revisionTitle } from '../graph/revision-walk';
import { revisionsToApply } from '../graph/upgrade-plan';
import { DIAGNOSTIC_SOURCE } from '../../../protocol';
import { finishedMessage, FINISHED_MESSAGE_MS, type Finished } from './finished-message';
import { upgradeWarning } from './upgrade-warning';
import { headsToMerge } from '../graph/heads-to-merge';
import { revisionAction } from '../alembic/revision-on-disk';
import type { RunTicket } from '../alembic/run-lock';
import { confirmAgainstFreshState, type Built } from './fresh-confirmation';
import { stampDialog } from './stamp-confirmation';
import { pendingSqlRange } from './revision-targets';
import { addedFiles, listRevisionFiles, versionFolders } from '../alembic/new-revision-files';
import type { RunnableProject } from '../projects/project-entries';
import { BASE_CHOICE, HEADS_CHOICE, pickProject, pickRevision } from './pick';
import type { CreateRevisionArgument } from '../../../protocol';

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
  const title = `Creating a revision in ${entry.name}`;
  // Held from reading the ids on disk to the file being written: a second Create Revision meanwhile is refused.
  const ticket = takeRunTicket(ctx, entry, title);
  if (!ticket) return;
  try {
    const command = await readyCommand(ctx, entry);
    if (!command) return;
    const folders = entry.locations.flatMap(versionFolders);
    const action = revisionAction(command, folders, message.trim());
    const beside = besideOf(arg);
    await runCreatingFile(ctx, entry, action, title, ticket, beside);
  } finally {
    ticket.release();
  }
}

/** `{ beside: <uri> }` (the quick fix of an edited applied migration): the document to open the new file beside. */
function besideOf(arg: unknown): vscode.Uri | undefined {
  const beside = typeof arg === 'object' && arg !== null ? (arg as CreateRevisionArgument).beside : undefined;
  if (typeof beside !== 'string') return undefined;
  try {
    return vscode.Uri.parse(beside, true);
  } catch {
    return undefined;
  }
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
async function runCreatingFile(ctx: Ctx, entry: RunnableProject, action: MigrationAction, title: string, ticket?: RunTicket, beside?: vscode.Uri): Promise<void> {
  const folders = entry.locations.flatMap(versionFolders);
  const before = listRevisionFiles(folders);
  const outcome = await runAction(ctx, entry, action, { title, ...(ticket ? { ticket } : {}) });
  if (!outcome?.result.ok) return;
  const created = addedFiles(before, listRevisionFiles(folders));
  const file = created[0] ?? outcome.result.generatedFiles?.[0];
  if (!file) {
    void vscode.window.showInformationMessage(`Alembic: done in ${entry.name}, but the new file was not found. See the Alembic output.`);
    return;
  }
  const resolved = path.resolve(entry.ini.dir, file);
  sayFinished({ kind: action.kind === 'merge' ? 'merge' : 'revision', project: entry.name, file: path.basename(resolved) });
  if (!beside) {
    await vscode.window.showTextDocument(vscode.Uri.file(resolved));
    return;
  }
  // Both files: the one whose change belongs in a new revision, and the new revision next to it.
  const left = await vscode.window.showTextDocument(beside, { preview: false });
  await vscode.window.showTextDocument(vscode.Uri.file(resolved), { viewColumn: left.viewColumn === undefined ? vscode.ViewColumn.Beside : left.viewColumn + 1, preview: false });
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
  if (!(await agreedDespiteErrors(ctx, entry, target))) return;
  const outcome = await runAction(ctx, entry, { kind: 'upgrade', target }, { title: `Upgrading ${entry.name} to ${target}` });
  if (outcome?.result.ok) sayFinished({ kind: 'upgrade', project: entry.name, at: titlesNow(ctx, entry, target === 'heads' ? entry.locations.flatMap((l) => l.heads) : [target]) });
}

/**
 * Before an upgrade: the error-level findings of the revisions it would apply, and the user's word to go on despite
 * them. Unconnected, which revisions are pending is unknown, so nothing is asked (Alembic decides what it applies).
 */
async function agreedDespiteErrors(ctx: Ctx, entry: RunnableProject, target: string): Promise<boolean> {
  const current = ctx.current(entry);
  if (!current) return true;
  const revisions = revisionsToApply(entry.locations, current, target).map((revision) => ({
    title: revisionTitle(entry.locations, revision.revision),
    errors: vscode.languages.getDiagnostics(vscode.Uri.file(revision.file)).filter((d) => d.source === DIAGNOSTIC_SOURCE && d.severity === vscode.DiagnosticSeverity.Error).length,
  }));
  const warning = upgradeWarning(revisions);
  if (!warning) return true;
  const show = 'Show Problems';
  const proceed = 'Upgrade Anyway';
  const choice = await vscode.window.showWarningMessage(warning.message, { modal: true, detail: warning.detail }, show, proceed);
  if (choice === show) await vscode.commands.executeCommand('workbench.actions.view.problems');
  return choice === proceed;
}

/** The database's revisions after a run, as titles; `expected` (what the command aimed at) when it cannot be read. */
function titlesNow(ctx: Ctx, entry: RunnableProject, expected: readonly string[]): string[] {
  return (ctx.current(entry) ?? expected).map((id) => revisionTitle(entry.locations, id));
}

export function sayFinished(finished: Finished): void {
  vscode.window.setStatusBarMessage(finishedMessage(finished), FINISHED_MESSAGE_MS);
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

/**
 * Confirms with the list of what will be reverted and what it destroys, written for the version table as it is when
 * the dialog opens (never the views' cached state), read again once the user agrees: if it changed, the user is told
 * and asked again. The project's run ticket is held throughout, so no run of ours changes it meanwhile.
 */
export async function downgrade(ctx: Ctx, entry: RunnableProject, target: DowngradeTarget): Promise<void> {
  const ticket = takeRunTicket(ctx, entry, `Downgrading ${entry.name}`);
  if (!ticket) return;
  try {
    const outcome = await confirmFresh(ctx, entry, 'see what the downgrade reverts', 'Downgrade', (current) => downgradeDialog(entry.name, entry.locations, current, target));
    if (!outcome) return;
    const run = await runAction(ctx, entry, { kind: 'downgrade', target: outcome.cliTarget }, { title: `Downgrading ${entry.name} to ${outcome.label}`, ticket });
    // The confirmation read the database, so it is read again after the run: the label is only a fallback.
    if (run?.result.ok) sayFinished({ kind: 'downgrade', project: entry.name, at: ctx.current(entry)?.map((id) => revisionTitle(entry.locations, id)) ?? [outcome.label] });
  } finally {
    ticket.release();
  }
}

/** The plan the user agreed to against the database as it is; undefined (after saying why) when nothing is to run. */
async function confirmFresh<P>(
  ctx: Ctx,
  entry: RunnableProject,
  purpose: string,
  proceed: string,
  build: (current: readonly string[]) => Built<P>,
  first?: { ok: true; current: string[] },
): Promise<P | undefined> {
  const shown = ctx.current(entry);
  const outcome = await confirmAgainstFreshState({
    read: async () => {
      const read = await ctx.readCurrentNow(entry);
      return read.ok ? read : { ok: false, problem: `connect to the database of ${entry.name} to ${purpose} (${read.problem}).` };
    },
    ...(shown ? { shown } : {}),
    ...(first ? { first } : {}),
    build,
    ask: async (message, detail) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, proceed)) === proceed,
  });
  if (outcome.kind === 'problem') {
    void vscode.window.showWarningMessage(`Alembic: ${outcome.problem}`);
    return undefined;
  }
  return outcome.kind === 'proceed' ? outcome.plan : undefined;
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
  const ticket = takeRunTicket(ctx, entry, `Stamping ${entry.name}`);
  if (!ticket) return;
  try {
    // Stamp needs no reading of the database to run: a project whose database only its env.py knows is still
    // stamped, with a dialog that says its state could not be read (the fresh read protects everyone else).
    const readable = await ctx.readCurrentNow(entry);
    const plan = readable.ok
      ? await confirmFresh(ctx, entry, 'see what it is at', 'Stamp', (current) => stampDialog(entry.name, current, target), readable)
      : await confirmUnread(entry.name, target, readable.problem);
    if (!plan) return;
    const run = await runAction(ctx, entry, { kind: 'stamp', target: plan.target }, { title: `Stamping ${entry.name} as ${target}`, ticket });
    const expected = plan.target === 'heads' ? entry.locations.flatMap((l) => l.heads) : plan.target === 'base' ? [] : [plan.target];
    if (run?.result.ok) sayFinished({ kind: 'stamp', project: entry.name, at: titlesNow(ctx, entry, expected) });
  } finally {
    ticket.release();
  }
}

/** The Stamp dialog when the extension cannot read the version table (the project's env.py may still reach it). */
async function confirmUnread(project: string, target: string, problem: string): Promise<{ target: string } | undefined> {
  const dialog = stampDialog(project, undefined, target, problem);
  return (await vscode.window.showWarningMessage(dialog.message, { modal: true, detail: dialog.detail }, 'Stamp')) === 'Stamp' ? dialog.plan : undefined;
}

export function showCommand(kind: 'current' | 'history' | 'heads'): (ctx: Ctx, arg: unknown) => Promise<void> {
  return async (ctx, arg) => {
    const entry = await pickProject(ctx, arg);
    if (!entry) return;
    const run = await runAction(ctx, entry, { kind }, { title: `${kind} of ${entry.name}`, revealOutput: true });
    // History and heads are their output, shown in the channel; current is one line worth saying.
    if (run?.result.ok && kind === 'current') sayFinished({ kind, project: entry.name, at: ctx.current(entry)?.map((id) => revisionTitle(entry.locations, id)) });
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
