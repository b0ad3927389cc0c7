// A folder linted with its own configuration: the Workspace over it and the pyproject.toml nearest to its
// migrations. Shared by the CLI (one per PATH folder) and the server (one per workspace folder).
import { findNearestPyproject, resolveConfig, type ConfigProblem, type LintConfig } from '../core/config';
import type { FileSystem } from '../core/fs';
import { ruleDefaults } from '../core/rules';
import type { ParsedFiles, ReadMigration, ReadRequest } from '../core/migration/read-migration';
import { Workspace, type LoadPlan, type LoadProgress } from '../core/workspace';
import { parseAhead, type ParseAheadOptions, type ParsedAhead } from './parse/parse-pool';

export interface Project {
  /** Absolute folder the workspace scans. */
  root: string;
  workspace: Workspace;
  config: LintConfig;
  /** The pyproject.toml (or --config file) the configuration came from. */
  pyproject?: string;
}

export interface ProjectOptions {
  /** VS Code settings or CLI flags: they win over the file. */
  overrides?: Partial<LintConfig>;
  /** A file to use instead of the nearest pyproject.toml (`--config`). */
  configFile?: string;
  /** Rule defaults for the editor (a rule's editorSeverity) rather than the CLI's. */
  editor?: boolean;
}

export function loadProject(fs: FileSystem, root: string, options: ProjectOptions): { project: Project; problems: ConfigProblem[] } {
  const { project, loading } = openProject(fs, root, options);
  for (const _ of loading);
  return { project, problems: configureProject(fs, project, options) };
}

/**
 * loadProject in steps (the editor reads a large folder between other messages): the files are read as `loading`
 * is iterated; configure the project once it is done.
 */
export function openProject(fs: FileSystem, root: string, options: ProjectOptions): { project: Project; loading: Generator<LoadProgress, void, void> } {
  const defaults = resolveConfig({}, ruleDefaults(options.editor ? 'editor' : 'cli')).config;
  const workspace = new Workspace(fs, [root], defaults);
  return { project: { root, workspace, config: defaults }, loading: workspace.loading() };
}

/**
 * loadProject for each folder, with all their files read and parsed at once in worker threads when there are enough
 * of them (host/parse/parse-pool.ts): the CLI's commands. The result is the same as loadProject's.
 */
export async function loadProjects(
  fs: FileSystem,
  roots: readonly string[],
  options: ProjectOptions,
  parsing: ParseAheadOptions = {},
): Promise<{ loaded: { project: Project; problems: ConfigProblem[] }[]; parsed: ParsedAhead }> {
  const opened = roots.map((root) => {
    const { project } = openProject(fs, root, options);
    return { project, plan: project.workspace.plan() };
  });
  const ahead = await parseAhead(readsOf(opened.map((o) => o.plan)), parsing);
  const parsed = parsedPerPlan(opened.map((o) => o.plan), ahead.files);
  const loaded = opened.map(({ project, plan }, i) => {
    for (const _ of project.workspace.loading(plan, parsed[i]));
    return { project, problems: configureProject(fs, project, options) };
  });
  return { loaded, parsed: ahead };
}

/** For the log and --verbose: where the files were parsed ('' when no worker thread was started). */
export function parsedWhere(parsed: ParsedAhead): string {
  if (parsed.workers === 0) return '';
  const threads = parsed.workers === 1 ? '1 worker thread' : `${parsed.workers} worker threads`;
  return parsed.inMainThread > 0 ? `in ${threads} and the main thread` : `in ${threads}`;
}

/** The files the plans read, each once (nested folders share files). */
export function readsOf(plans: readonly LoadPlan[]): ReadRequest[] {
  const seen = new Set<string>();
  return plans.flatMap((plan) => plan.reads.filter((read) => !seen.has(read.path) && seen.add(read.path)));
}

/**
 * The parsed files each plan takes: a file is handed to the first plan that reads it, and the others parse their
 * own, so that no MigrationFile object is shared by two workspaces.
 */
export function parsedPerPlan(plans: readonly LoadPlan[], files: ParsedFiles): ParsedFiles[] {
  const handed = new Set<string>();
  return plans.map((plan) => {
    const own = new Map<string, ReadMigration>();
    for (const { path } of plan.reads) {
      if (handed.has(path) || !files.has(path)) continue;
      handed.add(path);
      own.set(path, files.get(path));
    }
    return own;
  });
}

/**
 * (Re)reads the project's configuration and hands it to its workspace. The search starts at the first script
 * location, so `backend/pyproject.toml` applies when the folder opened is the repository above `backend/`.
 */
export function configureProject(fs: FileSystem, project: Project, options: ProjectOptions): ConfigProblem[] {
  const start = project.workspace.locations()[0]?.path ?? project.root;
  const file = options.configFile ?? findNearestPyproject(start, undefined, fs);
  const text = file === undefined ? undefined : fs.readFile(file);
  const pyproject = file !== undefined && text !== undefined ? { path: file, text } : undefined;
  const { config, problems } = resolveConfig({ pyproject, overrides: options.overrides }, ruleDefaults(options.editor ? 'editor' : 'cli'));
  project.workspace.setConfig(config);
  project.config = config;
  project.pyproject = file;
  return problems;
}
