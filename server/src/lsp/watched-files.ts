// Files changed on disk (saved by another program, git checkout, created, deleted). Open documents keep
// the editor's text: their disk changes are ignored until they close.
import { refreshBases } from './base';
import * as path from 'node:path';
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import { isRevisionFileName } from '../../../common/revision-files';
import { parsedPerPlan, readsOf, type Project } from '../host/project';
import { projectFor, reconfigureProjects, reportNotices } from './workspace-folders';
import { publishAll, publishPaths } from './publish';
import { describeError, guarded, type ServerState } from './state';
import { uriToPath } from './uri';

/** The globs the server asks the client to watch. */
export const WATCHED_GLOBS = ['**/*.py', '**/alembic.ini', '**/pyproject.toml'];

/** A revision created in a versions/ folder no known location declares: the locations must be found again. */
function isInUnknownVersionsFolder(project: Project, file: string): boolean {
  const folder = path.dirname(file);
  return path.basename(folder) === 'versions' && !project.workspace.locations().some((l) => l.versionDirs.includes(folder));
}

/** Returns the rescan when it waits for worker threads (tests await it; the server need not). */
export function watchedFilesChanged(state: ServerState, changes: FileEvent[]): Promise<void> | undefined {
  // A load reading the files meanwhile may have read them before the change: it applies them when done.
  if (state.changesDuringLoad) return void state.changesDuringLoad.push(...changes);
  if (!state.ready) return undefined;
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
  const changed = { affected, rescans, reread, configChanged };
  if (rescans.size > 0 && state.parseAhead) return rescanAhead(state, changed, state.parseAhead);
  for (const project of rescans) guarded(state, `Rescanning ${project.root}`, () => project.workspace.rescan(), undefined);
  afterChanges(state, changed);
  return undefined;
}

interface Changed {
  affected: Set<string>;
  rescans: Set<Project>;
  reread: Set<Project>;
  configChanged: boolean;
}

function afterChanges(state: ServerState, { affected, rescans, reread, configChanged }: Changed): void {
  // A link created since the scan is a notice too (those already shown are not shown again).
  for (const project of new Set([...rescans, ...reread])) reportNotices(state, project);
  if (configChanged) reconfigureProjects(state);
  if (configChanged || rescans.size > 0) refreshBases(state);
  // After a rescan, files of a location that went away must lose their diagnostics too: publish everything.
  if (configChanged || rescans.size > 0) publishAll(state);
  else publishPaths(state, affected);
}

/**
 * The rescans with their files parsed ahead in worker threads, as a load does. Changes on disk meanwhile queue up
 * and are applied after it, as during a load; a load started meanwhile supersedes it (and takes over the queue).
 */
async function rescanAhead(state: ServerState, changed: Changed, parseAhead: NonNullable<ServerState['parseAhead']>): Promise<void> {
  const loads = state.loads;
  state.changesDuringLoad = [];
  try {
    const rescans = [...changed.rescans].flatMap((project) => {
      const plan = guarded(state, `Rescanning ${project.root}`, () => project.workspace.plan(), undefined);
      return plan ? [{ project, plan }] : [];
    });
    const ahead = await parseAhead(readsOf(rescans.map((r) => r.plan)), () => {});
    if (state.loads !== loads) return;
    for (const problem of ahead.problems) state.sink.error(`Rescanning: ${problem}`);
    const parsed = parsedPerPlan(rescans.map((r) => r.plan), ahead.files);
    for (const [i, { project, plan }] of rescans.entries()) guarded(state, `Rescanning ${project.root}`, () => project.workspace.rescan(plan, parsed[i]), undefined);
    afterChanges(state, changed);
  } catch (error) {
    state.sink.error(`Rescanning failed: ${describeError(error)}`);
  } finally {
    if (state.loads === loads) {
      const queued = state.changesDuringLoad?.splice(0) ?? [];
      state.changesDuringLoad = undefined;
      if (queued.length > 0) await watchedFilesChanged(state, queued);
    }
  }
}
