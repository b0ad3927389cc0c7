// Quick fixes: the fixes the core computed for each finding under the cursor, and suppression comments.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Range as LspRange } from 'vscode-languageserver';
import type { MigrationFile, TextEdit } from '../core/types';
import { findingToDiagnostic, toLspEdit } from './diagnostics';
import { flushDocument } from './documents';
import { projectFor } from './workspace-folders';
import { guarded, type ServerState } from './state';
import { suppressFileEdit, suppressLineEdit } from './suppress';
import { uriToPath } from './uri';
import { appliedMigrationModified } from '../core/rules/applied-migration-modified';
import { CREATE_REVISION_COMMAND, type CreateRevisionArgument } from '../../../protocol';

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function overlaps(a: LspRange, b: LspRange): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function sameRange(a: LspRange, b: LspRange): boolean {
  return !before(a.start, b.start) && !before(b.start, a.start) && !before(a.end, b.end) && !before(b.end, a.end);
}

function wantsQuickFixes(only: string[] | undefined): boolean {
  return !only || only.some((kind) => kind === '' || CodeActionKind.QuickFix === kind || CodeActionKind.QuickFix.startsWith(`${kind}.`));
}

function action(title: string, uri: string, file: MigrationFile, edits: TextEdit[], diagnostic: Diagnostic, isPreferred?: boolean): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [uri]: edits.map((edit) => toLspEdit(file.lineStarts, edit)) } },
    ...(isPreferred ? { isPreferred } : {}),
  };
}

/** Findings whose change belongs in a new revision: the client's Create Revision, opened beside the file. */
const NEEDS_NEW_REVISION: ReadonlySet<string> = new Set([appliedMigrationModified.meta.id]);

function newRevisionAction(uri: string, diagnostic: Diagnostic): CodeAction {
  const title = 'Create a new revision with this change';
  const argument: CreateRevisionArgument = { beside: uri };
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: CREATE_REVISION_COMMAND, arguments: [argument] } };
}

export function codeActions(state: ServerState, params: CodeActionParams): CodeAction[] {
  const file = uriToPath(params.textDocument.uri);
  if (!file || !state.ready || !state.settings.lint.enable || !wantsQuickFixes(params.context.only)) return [];
  // Fix offsets must refer to the text the client has, not to a version still waiting to be analysed.
  flushDocument(state, file);
  return guarded(state, `Code actions for ${file}`, () => actionsFor(state, file, params), []);
}

function actionsFor(state: ServerState, file: string, params: CodeActionParams): CodeAction[] {
  const workspace = projectFor(state, file)?.workspace;
  const migration = workspace?.file(file);
  if (!workspace || !migration || !workspace.isMigrationPath(file)) return [];
  const uri = params.textDocument.uri;
  const fixes: CodeAction[] = [];
  const suppressions = new Map<string, CodeAction>();
  for (const finding of workspace.findings(file)) {
    const diagnostic = findingToDiagnostic(finding, migration.lineStarts);
    const requested = params.context.diagnostics.some((d) => d.code === finding.rule && sameRange(d.range, diagnostic.range));
    if (!requested && !overlaps(diagnostic.range, params.range)) continue;
    for (const fix of finding.fixes) fixes.push(action(fix.title, uri, migration, fix.edits, diagnostic, finding.fixes.length === 1));
    if (NEEDS_NEW_REVISION.has(finding.rule)) fixes.push(newRevisionAction(uri, diagnostic));
    const lineEdit = suppressLineEdit(migration, finding);
    const lineTitle = `Suppress ${finding.rule} for this line`;
    if (lineEdit && !suppressions.has(lineTitle)) suppressions.set(lineTitle, action(lineTitle, uri, migration, [lineEdit], diagnostic));
    const fileTitle = `Suppress ${finding.rule} in this file`;
    if (!suppressions.has(fileTitle)) suppressions.set(fileTitle, action(fileTitle, uri, migration, [suppressFileEdit(migration, finding.rule)], diagnostic));
  }
  return [...fixes, ...suppressions.values()];
}
