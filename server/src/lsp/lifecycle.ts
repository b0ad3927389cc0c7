// Loading the workspace once the parsers are ready, and rebuilding it when folders or settings change.
import { performance } from 'node:perf_hooks';
import { refreshBases } from './base';
import { applyDocument } from './documents';
import { loadingProjects, openProjects, reconfigureProjects } from './workspace-folders';
import { parsedWhere, readsOf } from '../host/project';
import { publishAll, publishPaths } from './publish';
import { parseSettings } from './settings';
import { progressWithoutWaiting, type ServerState } from './state';
import { watchedFilesChanged } from './watched-files';

/**
 * How long the server reads files before it handles other messages (progress, a shutdown, the client's requests):
 * short enough to stay responsive, long enough that the yields cost nothing measurable.
 */
const SLICE_MS = 50;

/**
 * Builds a project per workspace folder, syncs the open documents and publishes for every migration file. The files
 * are read in slices with window progress; the projects replace the old ones only when all are read, and a newer
 * load (folders changed meanwhile) supersedes this one.
 */
export async function loadWorkspace(state: ServerState, sliceMs = SLICE_MS): Promise<void> {
  const load = ++state.loads;
  const started = performance.now();
  state.changesDuringLoad ??= [];
  const progress = progressWithoutWaiting(state.sink.progress('Alembic'));
  try {
    const opened = openProjects(state);
    // Worker threads read and parse the files (when there are enough); this thread answers the editor between batches.
    const ahead = state.parseAhead && (await state.parseAhead(readsOf(opened.map((o) => o.plan)), (done, total) => progress.report(`indexing ${total} migrations`, (100 * done) / total)));
    if (load !== state.loads) return;
    for (const problem of ahead?.problems ?? []) state.sink.error(`Loading the workspace: ${problem}`);
    const loading = loadingProjects(state, opened, ahead?.files);
    let slice = performance.now();
    let step = loading.next();
    while (!step.done) {
      if (performance.now() - slice >= sliceMs) {
        const { done, total } = step.value;
        progress.report(`indexing ${total} migrations`, total > 0 ? (100 * done) / total : undefined);
        await new Promise((resolve) => setImmediate(resolve));
        if (load !== state.loads) return;
        slice = performance.now();
      }
      step = loading.next();
    }
    const read = performance.now();
    state.projects = step.value;
    state.looseProjects.clear();
    state.ready = true;
    for (const file of [...state.documents.keys()]) applyDocument(state, file);
    const changes = state.changesDuringLoad.splice(0);
    state.changesDuringLoad = undefined;
    if (changes.length > 0) watchedFilesChanged(state, changes);
    publishFirst(state);
    state.sink.info(indexedMessage(state, { started, read, published: performance.now() }, ahead ? parsedWhere(ahead) : ''));
  } finally {
    progress.done();
    // A load that failed half way must not leave changes on disk queueing for ever.
    if (load === state.loads) state.changesDuringLoad = undefined;
  }
}

/**
 * The first diagnostics of a load. The git bases (a git process per project) wait until every file is published
 * when they only add applied-migration-modified findings; the `changed` and `pending` scopes need them first.
 */
function publishFirst(state: ServerState): void {
  if (state.settings.lint.scope !== 'all') {
    refreshBases(state);
    publishAll(state);
    return;
  }
  publishAll(state);
  publishPaths(state, refreshBases(state));
}

/** The new folders; a load already started gives way to a new one (returned), none before the first. */
export function workspaceFoldersChanged(state: ServerState, roots: string[]): Promise<void> | undefined {
  state.roots = roots;
  return state.loads > 0 ? loadWorkspace(state) : undefined;
}

/** New `alembic` settings (the section as the client sends it). */
export function settingsChanged(state: ServerState, section: unknown): void {
  const settings = parseSettings(section);
  // The same settings again (the pull after initialize, which carried them): nothing to redo.
  const same = JSON.stringify(settings) === JSON.stringify(state.settings);
  state.settings = settings;
  if (!state.ready || same) return;
  reconfigureProjects(state);
  refreshBases(state);
  publishAll(state);
}

/**
 * What a load did and where the time went, for the output channel; the first load also against the extension's
 * activation (what a user waits for: the server's start and the parsers' load included).
 */
function indexedMessage(state: ServerState, times: { started: number; read: number; published: number }, where: string): string {
  const files = state.projects.reduce((sum, project) => sum + project.workspace.paths().length, 0);
  const folders = state.projects.length === 1 ? '1 workspace folder' : `${state.projects.length} workspace folders`;
  const parts = `reading and parsing ${ms(times.read - times.started)}${where === '' ? '' : ` ${where}`}, checking ${ms(times.published - times.read)}`;
  const sinceActivation =
    state.loads === 1 && state.activatedAt !== undefined
      ? `; diagnostics ${ms(Date.now() - state.activatedAt)} after the extension activated (the server started ${ms(performance.timeOrigin - state.activatedAt)} after it)`
      : '';
  return `Indexed ${files} migration files in ${folders} in ${ms(times.published - times.started)} (${parts})${sinceActivation}`;
}

function ms(value: number): string {
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`;
}
