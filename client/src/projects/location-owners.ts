// Migration projects: one per alembic.ini, each owning the script locations of the server's graph that it
// declares (the graph names each location's ini) or, failing that, that lie in its folder; its sqlalchemy.url is the
// one the server read from it.
import * as path from 'node:path';
import { isWithin } from '../../../common/paths';
import type { GraphIni, GraphLocation } from '../../../protocol';

export interface ProjectModel {
  iniPath: string;
  /** The folder of alembic.ini: where the migration command runs. */
  dir: string;
  locations: GraphLocation[];
  /** sqlalchemy.url of the ini as the server read it: it may hold a password. */
  sqlalchemyUrl: string | undefined;
}

export interface MatchedProjects {
  projects: ProjectModel[];
  /** Locations no alembic.ini declares or holds (a bare versions/ folder): shown, but nothing can run on them. */
  orphans: GraphLocation[];
}

export function matchProjects(iniPaths: readonly string[], locations: readonly GraphLocation[], inis: readonly GraphIni[]): MatchedProjects {
  const urls = new Map(inis.map((ini) => [path.resolve(ini.path), ini.sqlalchemy_url ?? undefined]));
  const projects: ProjectModel[] = [...new Set(iniPaths)]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((iniPath) => ({ iniPath, dir: path.dirname(iniPath), locations: [], sqlalchemyUrl: urls.get(path.resolve(iniPath)) }));
  const byIni = new Map(projects.map((p) => [path.resolve(p.iniPath), p]));
  const orphans: GraphLocation[] = [];
  for (const location of locations) {
    const declaring = location.ini === null ? undefined : byIni.get(path.resolve(location.ini));
    const owner = declaring ?? projectOfFile(projects, location.path);
    if (!owner) {
      orphans.push(location);
      continue;
    }
    owner.locations.push(location);
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
