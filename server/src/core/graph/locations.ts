// Where the migrations of a project live: script locations declared by alembic.ini (or [tool.alembic] in
// pyproject.toml, Alembic >= 1.16), then any versions/ folder holding migration files, then the folder given.
import * as path from 'node:path';
import { parseToml } from '../config';
import type { FileSystem } from '../fs';
import { expandHere, iniGet, iniSections, parseIni, type IniFile } from '../ini';
import { isRevisionFileName } from '../../../../common/revision-files';
import { declaresRevision } from '../migration/recognize';
import { isWithin } from '../../../../common/paths';
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

export function findScriptLocations(roots: string[], fs: FileSystem): ScriptLocation[] {
  const declared = new Map<string, ScriptLocation>();
  const versionsFolders: string[] = [];
  const visited = new Set<string>();

  const walk = (dir: string, root: string, depth: number): void => {
    if (visited.has(dir)) return;
    visited.add(dir);
    const entries = fs.readDir(dir);
    const names = new Set(entries.filter((e) => !e.isDirectory).map((e) => e.name));
    const fromIni = names.has('alembic.ini') ? locationsFromIni(path.join(dir, 'alembic.ini'), root, fs) : [];
    // configparser settings win over [tool.alembic]: only look at pyproject.toml when the ini declared nothing.
    const found = fromIni.length > 0 || !names.has('pyproject.toml') ? fromIni : locationsFromPyproject(path.join(dir, 'pyproject.toml'), root, fs);
    for (const location of found) if (!declared.has(location.path)) declared.set(location.path, location);
    if (path.basename(dir) === 'versions') versionsFolders.push(dir);
    if (depth >= MAX_DEPTH) return;
    for (const entry of entries) {
      if (entry.isDirectory && !isSkippedDir(entry.name)) walk(path.join(dir, entry.name), root, depth + 1);
    }
  };
  const normalizedRoots = roots.map((r) => path.resolve(r));
  for (const root of normalizedRoots) {
    walk(root, root, 0);
    // `alembic-lint check backend/migrations/versions`: the ini that declares the folder sits above the root.
    for (const location of enclosingDeclarations(root, fs)) {
      if (!declared.has(location.path)) declared.set(location.path, location);
    }
  }

  const locations = [...declared.values()];
  for (const folder of versionsFolders) {
    const parent = path.dirname(folder);
    if (declared.has(parent) || locationForFile(folder, locations) || !holdsMigration(folder, fs)) continue;
    const location: ScriptLocation = { path: parent, versionDirs: [folder] };
    declared.set(parent, location);
    locations.push(location);
  }
  // A folder of migrations given directly (not named versions/, no alembic.ini): the folder is the location.
  for (const root of normalizedRoots) {
    if (locations.some((l) => isWithin(l.path, root) || isWithin(root, l.path)) || declared.has(root)) continue;
    if (!holdsMigration(root, fs)) continue;
    const location = adHocLocation(root);
    declared.set(root, location);
    locations.push(location);
  }
  return locations.sort((a, b) => compareStrings(a.path, b.path));
}

const MAX_LEVELS_UP = 4;

function enclosingDeclarations(root: string, fs: FileSystem): ScriptLocation[] {
  const found: ScriptLocation[] = [];
  let dir = root;
  for (let level = 0; level < MAX_LEVELS_UP; level++) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
    const ini = path.join(dir, 'alembic.ini');
    if (!fs.exists(ini)) continue;
    for (const location of locationsFromIni(ini, dir, fs)) {
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

function holdsMigration(dir: string, fs: FileSystem): boolean {
  return fs.readDir(dir).some((e) => !e.isDirectory && isRevisionFileName(e.name) && declaresRevision(fs.readFile(path.join(dir, e.name)) ?? ''));
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
function locationsFromIni(iniFile: string, root: string, fs: FileSystem): ScriptLocation[] {
  const text = fs.readFile(iniFile);
  if (text === undefined) return [];
  const here = path.dirname(iniFile);
  const ini = parseIni(text, { here });
  const sections = iniSections(ini).sort((a, b) => Number(b === 'alembic') - Number(a === 'alembic'));
  const locations: ScriptLocation[] = [];
  for (const section of sections) {
    const scriptLocation = iniGet(ini, section, 'script_location')?.trim();
    if (!scriptLocation) continue;
    const separator = iniGet(ini, section, 'path_separator') ?? iniGet(ini, section, 'version_path_separator');
    const versionLocations = splitVersionLocations(iniGet(ini, section, 'version_locations') ?? '', separator);
    const location = makeLocation(scriptLocation, versionLocations, here, root, fs);
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

function locationsFromPyproject(file: string, root: string, fs: FileSystem): ScriptLocation[] {
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
  const location = makeLocation(expand(alembic['script_location']), versionLocations, here, root, fs);
  return location ? [{ ...location, iniFile: file, ...besideIniFacts(here, fs) }] : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function makeLocation(scriptLocation: string, versionLocations: string[], configDir: string, root: string, fs: FileSystem): ScriptLocation | undefined {
  const dir = resolveConfiguredPath(scriptLocation, configDir, root, fs);
  const versionDirs = versionLocations.length > 0 ? versionLocations.map((v) => resolveConfiguredPath(v, configDir, root, fs)) : [path.join(dir, 'versions')];
  // A stale ini pointing nowhere has nothing to lint.
  if (!fs.exists(dir) && !versionDirs.some((v) => fs.exists(v))) return undefined;
  return { path: dir, versionDirs: [...new Set(versionDirs)] };
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
