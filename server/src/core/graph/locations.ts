// Where the migrations of a project live: script locations declared by alembic.ini (or [tool.alembic] in
// pyproject.toml, Alembic >= 1.16), then any versions/ folder holding migration files, then the folder given.
import * as path from 'node:path';
import { parseToml } from '../config';
import type { FileSystem } from '../fs';
import { expandHere, iniGet, iniLine, iniSections, interpolationError, parseIni, type IniFile } from '../ini';
import { isRevisionFileName } from '../../../../common/revision-files';
import { declaresRevision } from '../migration/recognize';
import { isWithin } from '../../../../common/paths';
import type { ProjectNotice } from '../types';
import type { ScriptLocation } from './types';

/** Folders that never hold a project's own migrations and can be huge. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  '.git',
  '.venv',
  'venv',
  'env',
  '__pycache__',
  'site-packages',
  'dist',
  'build',
  '.tox',
  '.mypy_cache',
]);
const MAX_DEPTH = 8;

function isSkippedDir(name: string): boolean {
  // Other dot-folders (.idea, .pytest_cache, .ruff_cache, ...) are tool caches too.
  return SKIPPED_DIRS.has(name) || name.startsWith('.');
}

/**
 * `notices` receives what Alembic would stop on in a declaration (a broken `%(name)s`) and the folders a
 * declaration names outside the project, which are not read: the project is the root the declaration was found
 * under (or the folder of an alembic.ini found above it), and an untrusted one must not make us read /usr.
 */
export function findScriptLocations(roots: string[], fs: FileSystem, notices: ProjectNotice[] = []): ScriptLocation[] {
  const declared = new Map<string, ScriptLocation>();
  const versionsFolders: { folder: string; root: string }[] = [];
  const noticed = new Set<string>();
  const notice = (n: ProjectNotice): void => {
    const key = `${n.file}\0${n.line ?? ''}\0${n.message}`;
    if (noticed.has(key)) return;
    noticed.add(key);
    notices.push(n);
  };
  const visited = new Set<string>();

  const walk = (dir: string, root: string, depth: number): void => {
    if (visited.has(dir)) return;
    visited.add(dir);
    const entries = fs.readDir(dir);
    const names = new Set(entries.filter((e) => !e.isDirectory).map((e) => e.name));
    const fromIni = names.has('alembic.ini') ? locationsFromIni(path.join(dir, 'alembic.ini'), root, fs, notice) : [];
    // configparser settings win over [tool.alembic]: only look at pyproject.toml when the ini declared nothing.
    const found = fromIni.length > 0 || !names.has('pyproject.toml') ? fromIni : locationsFromPyproject(path.join(dir, 'pyproject.toml'), root, fs, notice);
    for (const location of found) if (!declared.has(location.path)) declared.set(location.path, location);
    if (path.basename(dir) === 'versions') versionsFolders.push({ folder: dir, root });
    if (depth >= MAX_DEPTH) return;
    for (const entry of entries) {
      if (entry.isDirectory && !isSkippedDir(entry.name)) walk(path.join(dir, entry.name), root, depth + 1);
    }
  };
  const normalizedRoots = roots.map((r) => path.resolve(r));
  for (const root of normalizedRoots) {
    walk(root, root, 0);
    // `alembic-lint check backend/migrations/versions`: the ini that declares the folder sits above the root.
    for (const location of enclosingDeclarations(root, fs, notice)) {
      if (!declared.has(location.path)) declared.set(location.path, location);
    }
  }

  const locations = [...declared.values()];
  for (const { folder, root } of versionsFolders) {
    const parent = path.dirname(folder);
    if (declared.has(parent) || locationForFile(folder, locations) || !holdsMigration(folder, root, fs)) continue;
    const location: ScriptLocation = { path: parent, versionDirs: [folder] };
    declared.set(parent, location);
    locations.push(location);
  }
  // A folder of migrations given directly (not named versions/, no alembic.ini): the folder is the location.
  for (const root of normalizedRoots) {
    if (locations.some((l) => isWithin(l.path, root) || isWithin(root, l.path)) || declared.has(root)) continue;
    if (!holdsMigration(root, root, fs)) continue;
    const location = adHocLocation(root);
    declared.set(root, location);
    locations.push(location);
  }
  return locations.sort((a, b) => compareStrings(a.path, b.path));
}

const MAX_LEVELS_UP = 4;

type Notify = (notice: ProjectNotice) => void;

function enclosingDeclarations(root: string, fs: FileSystem, notice: Notify): ScriptLocation[] {
  const found: ScriptLocation[] = [];
  let dir = root;
  for (let level = 0; level < MAX_LEVELS_UP; level++) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
    const ini = path.join(dir, 'alembic.ini');
    if (!fs.exists(ini)) continue;
    for (const location of locationsFromIni(ini, dir, fs, notice)) {
      if (isWithin(root, location.path) || location.versionDirs.some((v) => isWithin(root, v) || isWithin(v, root))) found.push(location);
    }
  }
  return found;
}

/**
 * A location for files outside any known location: the folder itself holds the revisions, its subfolders do not
 * (a workspace root that happens to hold one migration must not turn every Python file below it into one).
 */
export function adHocLocation(dir: string): ScriptLocation {
  const resolved = path.resolve(dir);
  return { path: resolved, versionDirs: [resolved], recursive: false };
}

/** The location whose version folders contain the file (subfolders count unless not recursive); the innermost folder wins. */
export function locationForFile(file: string, locations: readonly ScriptLocation[]): ScriptLocation | undefined {
  const target = path.resolve(file);
  let best: ScriptLocation | undefined;
  let bestLength = -1;
  for (const location of locations) {
    for (const dir of location.versionDirs) {
      const inside = location.recursive === false ? path.dirname(target) === dir || target === dir : isWithin(target, dir);
      if (dir.length > bestLength && inside) {
        best = location;
        bestLength = dir.length;
      }
    }
  }
  return best;
}

/** Every .py file in the location's version folders (and their subfolders), __init__.py and dotfiles excluded, sorted. */
export function listMigrationFiles(location: ScriptLocation, fs: FileSystem): string[] {
  const files = new Set<string>();
  const walk = (dir: string, depth: number): void => {
    for (const entry of fs.readDir(dir)) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory) {
        if (location.recursive !== false && depth < MAX_DEPTH && !isSkippedDir(entry.name)) walk(full, depth + 1);
      } else if (isRevisionFileName(entry.name)) {
        files.add(full);
      }
    }
  };
  for (const dir of location.versionDirs) walk(dir, 0);
  return [...files].sort(compareStrings);
}

function holdsMigration(dir: string, root: string, fs: FileSystem): boolean {
  return fs.readDir(dir).some((e) => {
    if (e.isDirectory || !isRevisionFileName(e.name)) return false;
    const file = path.join(dir, e.name);
    return staysWithin(file, root, fs) && declaresRevision(fs.readFile(file) ?? '');
  });
}

/** A file whose links, if any, lead inside `root` (checked on real paths: the root itself may be a link). */
function staysWithin(file: string, root: string, fs: FileSystem): boolean {
  const real = fs.realPath?.(file);
  return real === undefined || real === file || isWithin(real, fs.realPath?.(root) ?? root);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// alembic.ini and [tool.alembic]

/**
 * Every section declaring script_location ([alembic] first): multi-database projects keep one section per
 * database in a single ini and pick it with `alembic -n <name>`.
 */
function locationsFromIni(iniFile: string, root: string, fs: FileSystem, notice: Notify): ScriptLocation[] {
  const text = fs.readFile(iniFile);
  if (text === undefined) return [];
  const here = path.dirname(iniFile);
  const ini = parseIni(text, { here });
  const sections = iniSections(ini).sort((a, b) => Number(b === 'alembic') - Number(a === 'alembic'));
  const locations: ScriptLocation[] = [];
  for (const section of sections) {
    const scriptLocation = iniGet(ini, section, 'script_location')?.trim();
    if (!scriptLocation) continue;
    const report = (severity: ProjectNotice['severity'], key: string, message: string): void => {
      const line = iniLine(ini, section, key);
      notice({ severity, file: iniFile, ...(line === undefined ? {} : { line }), message: `[${section}] ${message}` });
    };
    // The options Alembic reads to find the revisions: configparser refuses a broken one, and Alembic stops.
    for (const key of ['script_location', 'version_locations', 'path_separator', 'version_path_separator']) {
      const error = interpolationError(ini, section, key);
      if (error) report('error', key, `${key}: ${error}: Alembic stops with an interpolation error`);
    }
    const problem = (key: string, message: string): void => report('warning', key, message);
    const separator = iniGet(ini, section, 'path_separator') ?? iniGet(ini, section, 'version_path_separator');
    const versionLocations = splitVersionLocations(iniGet(ini, section, 'version_locations') ?? '', separator);
    const location = makeLocation(scriptLocation, versionLocations, here, root, fs, problem);
    if (location) locations.push({ ...location, iniFile, ...alembicIniFacts(iniFile, ini) });
  }
  return locations;
}

/** What the client reads from the ini it runs `alembic -c` with (no --name: the [alembic] section). */
function alembicIniFacts(iniFile: string, ini: IniFile): Pick<ScriptLocation, 'alembicIni' | 'sqlalchemyUrl'> {
  const url = iniGet(ini, 'alembic', 'sqlalchemy.url');
  return url === undefined ? { alembicIni: iniFile } : { alembicIni: iniFile, sqlalchemyUrl: url };
}

/** Alembic >= 1.16 with [tool.alembic]: the alembic.ini beside pyproject.toml still holds sqlalchemy.url and logging. */
function besideIniFacts(dir: string, fs: FileSystem): Pick<ScriptLocation, 'alembicIni' | 'sqlalchemyUrl'> {
  const iniFile = path.join(dir, 'alembic.ini');
  const text = fs.readFile(iniFile);
  return text === undefined ? {} : alembicIniFacts(iniFile, parseIni(text, { here: dir }));
}

function locationsFromPyproject(file: string, root: string, fs: FileSystem, notice: Notify): ScriptLocation[] {
  const text = fs.readFile(file);
  if (text === undefined || !/^\s*\[tool\.alembic\]/m.test(text)) return [];
  const parsed = parseToml(text);
  if (!('value' in parsed)) return [];
  const tool = parsed.value['tool'];
  const alembic = isRecord(tool) ? tool['alembic'] : undefined;
  if (!isRecord(alembic) || typeof alembic['script_location'] !== 'string') return [];
  const here = path.dirname(file);
  const expand = (value: string): string => expandHere(value, here);
  const rawVersions = alembic['version_locations'];
  const versionLocations = Array.isArray(rawVersions) ? rawVersions.filter((v): v is string => typeof v === 'string').map(expand) : [];
  const problem = (_key: string, message: string): void => notice({ severity: 'warning', file, message: `[tool.alembic] ${message}` });
  const location = makeLocation(expand(alembic['script_location']), versionLocations, here, root, fs, problem);
  return location ? [{ ...location, iniFile: file, ...besideIniFacts(here, fs) }] : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `problem(key, message)`: a folder the declaration names outside the project, which is not read. */
function makeLocation(
  scriptLocation: string,
  versionLocations: string[],
  configDir: string,
  root: string,
  fs: FileSystem,
  problem: (key: string, message: string) => void,
): ScriptLocation | undefined {
  const dir = resolveConfiguredPath(scriptLocation, configDir, root, fs);
  const key = versionLocations.length > 0 ? 'version_locations' : 'script_location';
  const configured = versionLocations.length > 0 ? versionLocations.map((v) => resolveConfiguredPath(v, configDir, root, fs)) : [path.join(dir, 'versions')];
  const versionDirs = [...new Set(configured)].filter((v) => {
    if (!isWithin(v, root)) {
      if (fs.exists(v)) problem(key, `${key} names ${v}, outside the project (${root}): its files are not read`);
      return false;
    }
    // `migrations -> /usr/lib/python3`: inside by name, outside on disk.
    if (staysWithin(v, root, fs)) return true;
    problem(key, `${key} names ${v}, a symbolic link to ${fs.realPath?.(v) ?? v} outside the project (${root}): its files are not read`);
    return false;
  });
  // A stale ini pointing nowhere has nothing to lint.
  if (versionDirs.length === 0 || (!fs.exists(dir) && !versionDirs.some((v) => fs.exists(v)))) return undefined;
  return { path: dir, versionDirs };
}

const SEPARATORS: Record<string, string> = { space: ' ', newline: '\n', os: path.delimiter, ':': ':', ';': ';' };

/**
 * version_locations split as Alembic does: by `path_separator` (1.16) or `version_path_separator`, else the
 * legacy split on spaces and commas. Newlines also split in the legacy mode: a path cannot contain one.
 */
export function splitVersionLocations(value: string, separator: string | undefined): string[] {
  const char = separator === undefined ? undefined : SEPARATORS[separator.trim()];
  const parts = char === undefined ? value.split(/, *| +|\n/) : value.split(char);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

const WINDOWS_DRIVE = /^[A-Za-z]:[\\/]/;
const PACKAGE_RESOURCE = /^([A-Za-z_][\w.]*):(.*)$/;

/**
 * A script_location / version_locations entry as a folder. Alembic resolves relative paths against the current
 * directory (where people run `alembic`: next to the ini) and `package:path` through the installed package;
 * without Python we look for the package's folder under the config's folder, the root and root/src.
 */
function resolveConfiguredPath(value: string, configDir: string, root: string, fs: FileSystem): string {
  if (path.isAbsolute(value) || WINDOWS_DRIVE.test(value)) return path.resolve(value);
  const resource = PACKAGE_RESOURCE.exec(value);
  const relative = resource ? path.join(...(resource[1] ?? '').split('.'), resource[2] ?? '') : value;
  const candidates = [path.resolve(configDir, relative), path.resolve(root, relative), path.resolve(root, 'src', relative)];
  return candidates.find((c) => fs.exists(c)) ?? candidates[0]!;
}
