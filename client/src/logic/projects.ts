// Migration projects: one per alembic.ini, each owning the script locations of the server's graph that it
// declares (or, failing that, that lie in its folder). The client cannot import the server's core, so the
// ini is read here only as far as `script_location` goes.
import * as path from 'node:path';
import type { GraphLocation } from '../../../protocol';

export interface IniFile {
  iniPath: string;
  /** undefined when the file could not be read. */
  text: string | undefined;
}

export interface ProjectModel {
  iniPath: string;
  /** The folder of alembic.ini: where the migration command runs. */
  dir: string;
  locations: GraphLocation[];
}

export interface MatchedProjects {
  projects: ProjectModel[];
  /** Locations no alembic.ini declares or holds (a bare versions/ folder): shown, but nothing can run on them. */
  orphans: GraphLocation[];
}

const PACKAGE_RESOURCE = /^[A-Za-z_][\w.]*:(?![\\/])/;

/** Every `script_location` of the ini (one per section: multi-database projects have several), as absolute paths. */
export function declaredScriptLocations(iniText: string, iniDir: string): string[] {
  const found: string[] = [];
  for (const line of iniText.split(/\r?\n/)) {
    const match = /^script_location\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (!match || !match[1]) continue;
    const value = match[1].replace(/%%|%\(here\)s/g, (m) => (m === '%%' ? '%' : iniDir));
    // `package:folder` resolves through the installed package: the folder test in matchProjects covers it.
    if (PACKAGE_RESOURCE.test(value) && !path.isAbsolute(value)) continue;
    found.push(path.resolve(iniDir, value));
  }
  return found;
}

function isWithin(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export function matchProjects(inis: readonly IniFile[], locations: readonly GraphLocation[]): MatchedProjects {
  const projects: ProjectModel[] = [...inis]
    .sort((a, b) => (a.iniPath < b.iniPath ? -1 : a.iniPath > b.iniPath ? 1 : 0))
    .map((ini) => ({ iniPath: ini.iniPath, dir: path.dirname(ini.iniPath), locations: [] }));
  const declared = new Map<string, ProjectModel>();
  for (const project of projects) {
    const text = inis.find((i) => i.iniPath === project.iniPath)?.text;
    for (const location of text === undefined ? [] : declaredScriptLocations(text, project.dir)) {
      if (!declared.has(location)) declared.set(location, project);
    }
  }
  const orphans: GraphLocation[] = [];
  for (const location of locations) {
    const owner = declared.get(path.resolve(location.path)) ?? projectOfFile(projects, location.path);
    if (owner) owner.locations.push(location);
    else orphans.push(location);
  }
  return { projects, orphans };
}

export interface FolderRef {
  name: string;
  path: string;
}

/**
 * How a project is named in the views: its folder relative to its workspace folder ("backend"), prefixed with the
 * workspace folder's name in a multi-root workspace; the workspace folder's name when the ini sits at its root.
 */
export function projectLabel(dir: string, folders: readonly FolderRef[]): string {
  let owner: FolderRef | undefined;
  for (const folder of folders) if (isWithin(dir, folder.path) && (!owner || folder.path.length > owner.path.length)) owner = folder;
  if (!owner) return dir;
  const relative = path.relative(owner.path, dir).split(path.sep).join('/');
  if (relative === '') return owner.name;
  return folders.length > 1 ? `${owner.name}/${relative}` : relative;
}

/** The project whose folder holds the file (innermost), e.g. the one of the active editor. */
export function projectOfFile<P extends { dir: string }>(projects: readonly P[], file: string): P | undefined {
  let best: P | undefined;
  for (const project of projects) if (isWithin(file, project.dir) && (!best || project.dir.length > best.dir.length)) best = project;
  return best;
}

/** The folders that hold revision files: where a new revision appears after `revision`. */
export function versionFolders(location: GraphLocation): string[] {
  const folders = new Set(location.revisions.map((r) => path.dirname(r.file)));
  if (folders.size === 0) folders.add(path.join(location.path, 'versions'));
  return [...folders].sort();
}

/** The location holding a revision id (the first that declares it). */
export function locationOfRevision(locations: readonly GraphLocation[], revision: string): GraphLocation | undefined {
  return locations.find((l) => l.revisions.some((r) => r.revision === revision));
}
