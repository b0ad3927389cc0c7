// PATH arguments -> the folders to load (each with its own configuration) and, for file arguments, the only
// files to report: a file is linted in the context of its folder (its siblings make the revision graph).
import * as path from 'node:path';
import type { ConfigProblem } from '../core/config';
import type { FileSystem } from '../core/fs';
import { UsageError } from './errors';
import type { ParseAheadOptions, ParsedAhead } from '../host/parse/parse-pool';
import { loadProjects, parsedWhere, type Project, type ProjectOptions } from '../host/project';

export interface Target {
  root: string;
  /** Files to report; undefined: every migration file under the root. */
  files?: Set<string>;
}

export function resolveTargets(fs: FileSystem, paths: string[], cwd: string): Target[] {
  const targets = new Map<string, Target>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const stat = fs.stat(absolute);
    if (!stat) throw new UsageError(`no such file or folder: ${given}`);
    const isDirectory = stat.isDirectory;
    const root = isDirectory ? absolute : path.dirname(absolute);
    const target = targets.get(root) ?? { root, files: new Set<string>() };
    targets.set(root, target);
    if (isDirectory) delete target.files;
    else target.files?.add(absolute);
  }
  return [...targets.values()];
}

export interface LoadedTarget {
  target: Target;
  project: Project;
}

/** Loads every target's folder; a large one's files are parsed in worker threads (host/parse/parse-pool.ts). */
export async function loadTargets(
  fs: FileSystem,
  targets: Target[],
  options: ProjectOptions,
  parsing: ParseAheadOptions = {},
): Promise<{ loaded: LoadedTarget[]; problems: ConfigProblem[]; parsed: ParsedAhead }> {
  const { loaded, parsed } = await loadProjects(fs, targets.map((target) => target.root), options, parsing);
  return { loaded: loaded.map(({ project }, i) => ({ target: targets[i]!, project })), problems: loaded.flatMap((result) => result.problems), parsed };
}

/** For --verbose: how the files were parsed, and what went wrong with a worker thread (the result is the same). */
export function parsingNotes(parsed: ParsedAhead): string[] {
  const files = parsed.files.size === 1 ? '1 file' : `${parsed.files.size} files`;
  return parsed.workers === 0 ? [] : [`parsed ${files} ${parsedWhere(parsed)}`, ...parsed.problems];
}

/** The files to report: every migration of a folder argument, the file arguments themselves; each once. */
export function reportedFiles(loaded: LoadedTarget[]): { file: string; project: Project }[] {
  const seen = new Set<string>();
  const result: { file: string; project: Project }[] = [];
  for (const { target, project } of loaded) {
    for (const file of target.files ?? project.workspace.paths()) {
      if (seen.has(file)) continue;
      seen.add(file);
      result.push({ file, project });
    }
  }
  return result.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
