// Files changed on disk (saved by another program, git checkout, created, deleted). Open documents keep
// the editor's text: their disk changes are ignored until they close.
import { refreshBases } from './base';
import * as path from 'node:path';
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import { isRevisionFileName } from '../../../common/revision-files';
import type { Project } from '../host/project';
import { projectFor, reconfigureProjects, reportNotices } from './workspace-folders';
import { publishAll, publishPaths } from './publish';
import { guarded, type ServerState } from './state';
import { uriToPath } from './uri';

/** The globs the server asks the client to watch. */
export const WATCHED_GLOBS = ['**/*.py', '**/alembic.ini', '**/pyproject.toml'];

/** A revision created in a versions/ folder no known location declares: the locations must be found again. */
function isInUnknownVersionsFolder(project: Project, file: string): boolean {
  const folder = path.dirname(file);
  return path.basename(folder) === 'versions' && !project.workspace.locations().some((l) => l.versionDirs.includes(folder));
}

export function watchedFilesChanged(state: ServerState, changes: FileEvent[]): void {
  // A load reading the files meanwhile may have read them before the change: it applies them when done.
  if (state.changesDuringLoad) return void state.changesDuringLoad.push(...changes);
  if (!state.ready) return;
  const affected = new Set<string>();
  const rescans = new Set<Project>();
  const reread = new Set<Project>();
  let configChanged = false;
  for (const change of changes) {
    const file = uriToPath(change.uri);
    if (!file) continue;
    const name = path.basename(file);
    // A pyproject.toml anywhere above a folder may hold its [tool.alembic-lint], or declare script locations.
    if (name === 'pyproject.toml') configChanged = true;
    const project = projectFor(state, file);
    if (!project) continue;
    if (name === 'pyproject.toml' || name === 'alembic.ini') rescans.add(project);
    else if (!isRevisionFileName(name) || state.documents.has(file)) continue;
    else if (change.type === FileChangeType.Created && isInUnknownVersionsFolder(project, file)) rescans.add(project);
    else {
      for (const p of guarded(state, `Reading ${file}`, () => project.workspace.update(file, undefined), new Set<string>())) affected.add(p);
      reread.add(project);
    }
  }
  for (const project of rescans) guarded(state, `Rescanning ${project.root}`, () => project.workspace.rescan(), undefined);
  // A link created since the scan is a notice too (those already shown are not shown again).
  for (const project of new Set([...rescans, ...reread])) reportNotices(state, project);
  if (configChanged) reconfigureProjects(state);
  if (configChanged || rescans.size > 0) refreshBases(state);
  // After a rescan, files of a location that went away must lose their diagnostics too: publish everything.
  if (configChanged || rescans.size > 0) publishAll(state);
  else publishPaths(state, affected);
}
