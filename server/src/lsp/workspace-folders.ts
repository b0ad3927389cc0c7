// Which project a path belongs to: one per workspace folder (with its configuration), and one per folder of a
// migration opened outside them all.
import * as path from 'node:path';
import { configureProject, loadProject, openProject, parsedPerPlan, type Project, type ProjectOptions } from '../host/project';
import type { ParsedFiles } from '../core/migration/read-migration';
import type { LoadPlan, LoadProgress } from '../core/workspace';
import type { ConfigProblem } from '../core/config';
import { declaresRevision } from '../core/migration/recognize';
import { isWithin } from '../../../common/paths';
import { settingsOverrides } from './settings';
import { guarded, type ServerState } from './state';

/** A workspace folder's project, its files not read yet: what the load will read. */
export interface OpenedProject {
  root: string;
  project: Project;
  plan: LoadPlan;
}

/** One project per workspace folder, with its plan (script locations found, files listed, none read). */
export function openProjects(state: ServerState): OpenedProject[] {
  return state.roots.flatMap((root) => {
    const opened = guarded(
      state,
      `Loading ${root}`,
      () => {
        const { project } = openProject(state.fs, root, projectOptions(state));
        return { root, project, plan: project.workspace.plan() };
      },
      undefined,
    );
    return opened ? [opened] : [];
  });
}

/**
 * The opened projects read in steps (lifecycle.ts spreads them between other messages): yields the files read of all
 * the folders' files, and returns the projects, configured, once every file is read. `parsed`: the files read and
 * parsed ahead in worker threads; the others are read and parsed here.
 */
export function* loadingProjects(state: ServerState, projects: OpenedProject[], parsed?: ParsedFiles): Generator<LoadProgress, Project[], void> {
  const handed = parsed && parsedPerPlan(projects.map((p) => p.plan), parsed);
  const opened = projects.map(({ root, project, plan }, i) => ({ root, project, loading: project.workspace.loading(plan, handed?.[i]), failed: false }));
  /** One file of the project read; undefined when all are, or when reading failed (logged; the project is left out). */
  const step = (o: (typeof opened)[number]): LoadProgress | undefined => {
    const next = o.failed ? undefined : guarded<IteratorResult<LoadProgress, void> | 'failed'>(state, `Loading ${o.root}`, () => o.loading.next(), 'failed');
    if (next === 'failed') o.failed = true;
    return next === undefined || next === 'failed' || next.done ? undefined : next.value;
  };
  // The first step of each finds its script locations: then the total is known.
  const total = opened.reduce((sum, o) => sum + (step(o)?.total ?? 0), 0);
  let done = 0;
  for (const o of opened) while (step(o) !== undefined) yield { done: ++done, total };
  return opened
    .filter((o) => !o.failed)
    .map(({ project }) => {
      reportConfigProblems(state, guarded(state, `Reading the configuration of ${project.root}`, () => configureProject(state.fs, project, projectOptions(state)), []));
      reportNotices(state, project);
      return project;
    });
}

function newProject(state: ServerState, root: string): Project | undefined {
  return guarded(
    state,
    `Loading ${root}`,
    () => {
      const { project, problems } = loadProject(state.fs, root, projectOptions(state));
      reportConfigProblems(state, problems);
      reportNotices(state, project);
      return project;
    },
    undefined,
  );
}

function projectOptions(state: ServerState): ProjectOptions {
  return { overrides: settingsOverrides(state.settings), editor: true };
}

/** The project of the innermost workspace folder holding the path, else the loose project of its folder. */
export function projectFor(state: ServerState, file: string): Project | undefined {
  let best: Project | undefined;
  for (const project of state.projects) {
    if (isWithin(file, project.root) && (!best || project.root.length > best.root.length)) best = project;
  }
  return best ?? state.looseProjects.get(path.dirname(file));
}

/** The project for an open document, creating one for a migration opened outside every workspace folder. */
export function projectForDocument(state: ServerState, file: string, text: string): Project | undefined {
  const existing = projectFor(state, file);
  // Only a file that declares a revision, opened outside every folder, gets a project of its own.
  if (existing || !declaresRevision(text)) return existing;
  const project = newProject(state, path.dirname(file));
  if (project) state.looseProjects.set(project.root, project);
  return project;
}

/** Forgets the loose project of a folder once none of its files is open. */
export function releaseLooseProject(state: ServerState, file: string): void {
  const folder = path.dirname(file);
  if (!state.looseProjects.has(folder)) return;
  for (const open of state.documents.keys()) if (path.dirname(open) === folder) return;
  state.looseProjects.delete(folder);
}

export function allProjects(state: ServerState): Project[] {
  return [...state.projects, ...state.looseProjects.values()];
}

/** Re-reads every project's configuration (settings or a pyproject.toml changed). */
export function reconfigureProjects(state: ServerState): void {
  for (const project of allProjects(state)) {
    const problems = guarded(state, `Reading the configuration of ${project.root}`, () => configureProject(state.fs, project, projectOptions(state)), []);
    reportConfigProblems(state, problems);
  }
}

/**
 * Shows what the project's scan found besides findings (a link not followed, a broken alembic.ini), each notice
 * once per server: a rescan or a new folder must not show the same message again.
 */
export function reportNotices(state: ServerState, project: Project): void {
  const fresh: string[] = [];
  for (const notice of project.workspace.notices()) {
    const where = notice.line === undefined ? notice.file : `${notice.file}:${notice.line}`;
    const message = `Alembic: ${where}: ${notice.message}`;
    if (state.shownNotices.has(message)) continue;
    state.shownNotices.add(message);
    fresh.push(message);
  }
  // A folder of a thousand links out of the project must not open a thousand message boxes.
  for (const message of fresh.slice(0, MAX_NOTICES_SHOWN)) state.sink.warn(message);
  if (fresh.length > MAX_NOTICES_SHOWN) {
    state.sink.warn(`Alembic: ${fresh.length - MAX_NOTICES_SHOWN} more notices like these in ${project.root} (alembic-lint check lists them all)`);
  }
}

const MAX_NOTICES_SHOWN = 5;

function reportConfigProblems(state: ServerState, problems: ConfigProblem[]): void {
  for (const problem of problems) {
    const where = problem.line === undefined ? problem.source : `${problem.source}:${problem.line}`;
    state.sink.warn(`Alembic lint configuration: ${where}: ${problem.message}`);
  }
}
