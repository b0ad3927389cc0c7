// Publishing diagnostics: for open documents with their version, for every other migration file so that
// graph problems show where nobody is looking, for the files the projects' notices are about (alembic.ini, a link
// not followed), and an empty list once for files that no longer have any.
import type { Diagnostic } from 'vscode-languageserver';
import type { ProjectNotice } from '../core/types';
import { findingToDiagnostic, noticeToDiagnostic } from './diagnostics';
import { allProjects, projectFor } from './workspace-folders';
import { inScope } from './scope';
import { guarded, type ServerState } from './state';
import { pathToUri } from './uri';

/**
 * Diagnostics of one file: a migration's findings, and the projects' notices about it (a broken alembic.ini on its
 * line, a link not followed). Undefined when it is neither (or linting is off).
 */
export function diagnosticsFor(state: ServerState, file: string, notices: NoticesByFile = noticesByFile(state)): Diagnostic[] | undefined {
  if (!state.settings.lint.enable) return undefined;
  const own = notices.get(file) ?? [];
  // The file's text only for a notice on a line (to underline the whole line): never a link's target.
  const text = own.some((notice) => notice.line !== undefined) ? state.fs.readFile(file) : undefined;
  const noticeDiagnostics = own.map((notice) => noticeToDiagnostic(notice, text));
  const workspace = projectFor(state, file)?.workspace;
  const migration = workspace?.file(file);
  if (!workspace || !migration || !workspace.isMigrationPath(file)) return noticeDiagnostics.length > 0 ? noticeDiagnostics : undefined;
  const findings = inScope(state, workspace, file, workspace.findings(file));
  return [...noticeDiagnostics, ...findings.map((finding) => findingToDiagnostic(finding, migration.lineStarts))];
}

type NoticesByFile = ReadonlyMap<string, readonly ProjectNotice[]>;

/** Every project's notices by the file they are about: gathered once per publish, not once per file. */
function noticesByFile(state: ServerState): NoticesByFile {
  const byFile = new Map<string, ProjectNotice[]>();
  for (const project of allProjects(state)) {
    for (const notice of project.workspace.notices()) byFile.set(notice.file, [...(byFile.get(notice.file) ?? []), notice]);
  }
  return byFile;
}

function publishPath(state: ServerState, file: string, notices: NoticesByFile): void {
  const document = state.documents.get(file);
  // The document changed after the workspace last saw it: these results would be stale. The pending throttled
  // run for the newer version publishes instead.
  if (document && state.syncedVersions.get(file) !== document.version) return;
  const diagnostics = guarded(state, `Linting ${file}`, () => diagnosticsFor(state, file, notices), []);
  const hadSome = state.published.has(file);
  // Open migrations always get an answer (with its version); other files only when something must be cleared.
  if (!hadSome && (diagnostics === undefined || (diagnostics.length === 0 && !document))) return;
  const uri = document?.uri ?? state.published.get(file) ?? pathToUri(file);
  if (diagnostics && diagnostics.length > 0) state.published.set(file, uri);
  else state.published.delete(file);
  state.sink.publishDiagnostics(uri, diagnostics ?? [], document?.version);
}

export function publishPaths(state: ServerState, files: Iterable<string>, notices: NoticesByFile = noticesByFile(state)): void {
  for (const file of files) publishPath(state, file, notices);
  announceGraphChanges(state);
  if (allProjects(state).some((project) => project.workspace.upgradeEdited)) scheduleSchemaFollowUp(state);
}

/** How long typing must pause before the revisions built on an edited upgrade are re-judged. */
export const SCHEMA_FOLLOW_UP_MS = 300;

/**
 * An edited upgrade changes the schema every later revision starts from. The edited file is published at once;
 * the files built on it (thousands, in a long history) once typing pauses, so keystrokes are not held up.
 */
function scheduleSchemaFollowUp(state: ServerState): void {
  if (state.schemaFollowUp !== undefined) clearTimeout(state.schemaFollowUp);
  state.schemaFollowUp = setTimeout(() => {
    state.schemaFollowUp = undefined;
    const stale = allProjects(state).flatMap((project) => guarded(state, 'Re-judging the revisions after an edit', () => project.workspace.staleSchemaFiles(), []));
    if (stale.length > 0) publishPaths(state, stale);
  }, SCHEMA_FOLLOW_UP_MS);
}

/** Every update ends in a publish: the place to tell the client, once, that a graph changed shape. */
function announceGraphChanges(state: ServerState): void {
  const version = allProjects(state).reduce((sum, project) => sum + project.workspace.graphVersion, 0);
  if (version === state.announcedGraphVersion) return;
  state.announcedGraphVersion = version;
  state.sink.graphChanged();
}

/** Every migration file, every file a notice is about, every open document, and every file that still shows diagnostics. */
export function publishAll(state: ServerState): void {
  const files = new Set<string>(state.published.keys());
  for (const project of allProjects(state)) for (const file of project.workspace.paths()) files.add(file);
  const notices = noticesByFile(state);
  for (const file of notices.keys()) files.add(file);
  for (const file of state.documents.keys()) files.add(file);
  publishPaths(state, files, notices);
}
