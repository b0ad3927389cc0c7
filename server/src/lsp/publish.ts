// Publishing diagnostics: for open documents with their version, for every other migration file so that
// graph problems show where nobody is looking, for the files the projects' notices are about (alembic.ini, a link
// not followed), and an empty list once for files that no longer have any.
import type { Diagnostic } from 'vscode-languageserver';
import type { ProjectNotice } from '../core/types';
import { findingToDiagnostic, noticeToDiagnostic } from './diagnostics';
import { allProjects, projectFor } from './workspace-folders';
import { guarded, type ServerState } from './state';
import { pathToUri } from './uri';

/**
 * Diagnostics of one file: a migration's findings, and the projects' notices about it (a broken alembic.ini on its
 * line, a link not followed). Undefined when it is neither (or linting is off).
 */
export function diagnosticsFor(state: ServerState, file: string): Diagnostic[] | undefined {
  if (!state.settings.lint.enable) return undefined;
  const notices = noticesOf(state, file).map((notice) => noticeToDiagnostic(notice, notice.line === undefined ? undefined : state.fs.readFile(file)));
  const workspace = projectFor(state, file)?.workspace;
  const migration = workspace?.file(file);
  if (!workspace || !migration || !workspace.isMigrationPath(file)) return notices.length > 0 ? notices : undefined;
  return [...notices, ...workspace.findings(file).map((finding) => findingToDiagnostic(finding, migration.lineStarts))];
}

function noticesOf(state: ServerState, file: string): ProjectNotice[] {
  return allProjects(state).flatMap((project) => project.workspace.notices().filter((notice) => notice.file === file));
}

function publishPath(state: ServerState, file: string): void {
  const document = state.documents.get(file);
  // The document changed after the workspace last saw it: these results would be stale. The pending throttled
  // run for the newer version publishes instead.
  if (document && state.syncedVersions.get(file) !== document.version) return;
  const diagnostics = guarded(state, `Linting ${file}`, () => diagnosticsFor(state, file), []);
  const hadSome = state.published.has(file);
  // Open migrations always get an answer (with its version); other files only when something must be cleared.
  if (!hadSome && (diagnostics === undefined || (diagnostics.length === 0 && !document))) return;
  const uri = document?.uri ?? state.published.get(file) ?? pathToUri(file);
  if (diagnostics && diagnostics.length > 0) state.published.set(file, uri);
  else state.published.delete(file);
  state.sink.publishDiagnostics(uri, diagnostics ?? [], document?.version);
}

export function publishPaths(state: ServerState, files: Iterable<string>): void {
  for (const file of files) publishPath(state, file);
  announceGraphChanges(state);
}

/** Every update ends in a publish: the place to tell the client, once, that a graph changed shape. */
function announceGraphChanges(state: ServerState): void {
  const version = allProjects(state).reduce((sum, project) => sum + project.workspace.graphVersion, 0);
  if (version === state.announcedGraphVersion) return;
  state.announcedGraphVersion = version;
  state.sink.graphChanged();
}

/** Every migration file, every open document, and every file that still shows diagnostics. */
export function publishAll(state: ServerState): void {
  const files = new Set<string>(state.published.keys());
  for (const project of allProjects(state)) {
    for (const file of project.workspace.paths()) files.add(file);
    for (const notice of project.workspace.notices()) files.add(notice.file);
  }
  for (const file of state.documents.keys()) files.add(file);
  publishPaths(state, files);
}
