// Which Python runs a project's migrations: the candidates in their order, the first that can import Alembic (and
// the database driver the URL needs), and the words that say which one and why. The extension and, later,
// `alembic-lint verify` both search with this module, each with its own probe (running a program is not pure);
// the probe's script and the reading of its output are here so that both probe alike.
import * as path from 'node:path';

export type CandidateKind = 'setting' | 'python-extension' | 'venv' | 'path' | 'system';

export interface InterpreterCandidate {
  kind: CandidateKind;
  /** What runs: an absolute path, or the bare name when nothing on PATH has it (the probe then says "not found"). */
  executable: string;
  /** Where it came from, in words: "alembic.pythonPath", "python3 on PATH", ".venv beside the project". */
  origin: string;
}

export interface CandidateOptions {
  /** The alembic.pythonPath setting. */
  setting?: string;
  /** The interpreter selected in the Python extension, when it is installed. */
  pythonExtension?: string;
  /** The folder of alembic.ini. */
  projectDir: string;
  /** The workspace folder, for `${workspaceFolder}` in the setting and a virtualenv at the workspace root. */
  workspaceDir?: string;
  home?: string;
  exists: (file: string) => boolean;
  /** The file a bare name (python3) runs, from PATH; undefined when no folder on PATH has it. */
  onPath: (name: string) => string | undefined;
  platform?: NodeJS.Platform;
}

/** Debian's and most Linux distributions' own Python, where system packages (python3-alembic) install. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/**
 * The setting alone when it is set: it is the user's choice, used even when it cannot import alembic. Otherwise, in
 * order: the Python extension's interpreter, a virtualenv beside the project (.venv, then venv; then the same at the
 * workspace root), python3 and python on PATH, and /usr/bin/python3. The same file is listed once.
 */
export function interpreterCandidates(o: CandidateOptions): InterpreterCandidate[] {
  const platform = o.platform ?? process.platform;
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  const setting = o.setting?.trim();
  if (setting) {
    const expanded = expandSetting(setting, o, platform);
    const bare = !hasSeparator(expanded, platform);
    return [{ kind: 'setting', executable: bare ? (o.onPath(expanded) ?? expanded) : expanded, origin: 'alembic.pythonPath' }];
  }
  const found: InterpreterCandidate[] = [];
  const add = (candidate: InterpreterCandidate): void => {
    if (!found.some((c) => c.executable === candidate.executable)) found.push(candidate);
  };
  if (o.pythonExtension) add({ kind: 'python-extension', executable: o.pythonExtension, origin: "the Python extension's interpreter" });
  const relative = platform === 'win32' ? ['Scripts', 'python.exe'] : ['bin', 'python'];
  const roots: { dir: string; where: string }[] = [{ dir: o.projectDir, where: 'beside the project' }];
  if (o.workspaceDir && pathApi.resolve(o.workspaceDir) !== pathApi.resolve(o.projectDir)) roots.push({ dir: o.workspaceDir, where: 'at the workspace root' });
  for (const root of roots) {
    for (const venv of ['.venv', 'venv']) {
      const executable = pathApi.join(root.dir, venv, ...relative);
      if (o.exists(executable)) add({ kind: 'venv', executable, origin: `${venv} ${root.where}` });
    }
  }
  const names = platform === 'win32' ? ['python', 'python3'] : ['python3', 'python'];
  for (const name of names) {
    const executable = o.onPath(name);
    if (executable) add({ kind: 'path', executable, origin: `${name} on PATH` });
  }
  if (platform !== 'win32' && o.exists(SYSTEM_PYTHON)) add({ kind: 'system', executable: SYSTEM_PYTHON, origin: 'the system Python' });
  // Nothing at all: the message then says that python3 was not found, rather than that nothing was tried.
  if (found.length === 0) found.push({ kind: 'path', executable: names[0] ?? 'python3', origin: `${names[0] ?? 'python3'} on PATH` });
  return found;
}

/** `${workspaceFolder}` and `~` expanded; a relative path with a separator is relative to the workspace (or project). */
function expandSetting(setting: string, o: CandidateOptions, platform: NodeJS.Platform): string {
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  const base = o.workspaceDir ?? o.projectDir;
  let value = setting.replace(/\$\{workspaceFolder\}/g, base);
  if (o.home && (value === '~' || value.startsWith('~/'))) value = pathApi.join(o.home, value.slice(1));
  return hasSeparator(value, platform) && !pathApi.isAbsolute(value) ? pathApi.resolve(base, value) : value;
}

function hasSeparator(value: string, platform: NodeJS.Platform): boolean {
  return value.includes('/') || (platform === 'win32' && value.includes('\\'));
}

// ---------------------------------------------------------------------------------------------
// The probe: one run per interpreter, `<python> -c PROBE_SCRIPT`, which prints one line of JSON.

/** Alembic and every driver a PostgreSQL URL may name, imported in one run. */
export const PROBE_MODULES = ['alembic', 'psycopg2', 'psycopg', 'asyncpg', 'pg8000'] as const;

/**
 * Imports each module (an import, not a lookup: a driver whose C library is missing fails here as it would in the
 * run) and prints the versions found and why alembic was not. Python 2 runs it too, to say it has no alembic.
 */
export const PROBE_SCRIPT = [
  'import json, sys',
  'found = {}',
  'errors = {}',
  `for name in (${PROBE_MODULES.map((m) => `"${m}"`).join(', ')}):`,
  '    try:',
  '        module = __import__(name)',
  '        found[name] = str(getattr(module, "__version__", "")).split(" ")[0]',
  '    except Exception as error:',
  '        errors[name] = "%s: %s" % (type(error).__name__, error)',
  'print(json.dumps({"python": sys.version.split()[0], "executable": sys.executable, "modules": found, "errors": errors}))',
].join('\n');

export type ProbeResult =
  | {
      ran: true;
      /** The interpreter's version: "3.11.2". */
      python: string;
      /** Module name -> version ('' when the module has none), for the modules that imported. */
      modules: Record<string, string>;
      /** Why alembic did not import: "ModuleNotFoundError: No module named 'alembic'". */
      alembicError?: string;
    }
  /** `problem`: what went wrong, as the rest of a sentence about the interpreter ("is not found"). */
  | { ran: false; problem: string; timedOut?: boolean };

/** What the probe printed (its last line), or why it is not the probe's answer. */
export function parseProbeOutput(stdout: string): ProbeResult {
  const line = stdout.trim().split(/\r?\n/).pop() ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { ran: false, problem: `did not answer as a Python interpreter${line ? ` (printed "${line.slice(0, 80)}")` : ''}` };
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const modules: Record<string, string> = {};
  const rawModules = record['modules'];
  if (typeof rawModules === 'object' && rawModules !== null) {
    for (const [name, version] of Object.entries(rawModules)) if (typeof version === 'string') modules[name] = version;
  }
  const python = typeof record['python'] === 'string' ? record['python'] : '';
  const errors = record['errors'];
  const alembicError = typeof errors === 'object' && errors !== null ? (errors as Record<string, unknown>)['alembic'] : undefined;
  return { ran: true, python, modules, ...(typeof alembicError === 'string' && modules['alembic'] === undefined ? { alembicError } : {}) };
}

export function hasModule(result: ProbeResult, module: string): boolean {
  return result.ran && result.modules[module] !== undefined;
}

// ---------------------------------------------------------------------------------------------
// The driver a database URL needs.

export interface DriverNeed {
  /** The module the project's Python imports: psycopg2. */
  module: string;
  /** What pip installs for it: psycopg2-binary. */
  pipPackage: string;
  /** The URL's scheme, which named it: postgresql+asyncpg. */
  scheme: string;
}

const DRIVERS: Record<string, { module: string; pipPackage: string }> = {
  psycopg2: { module: 'psycopg2', pipPackage: 'psycopg2-binary' },
  psycopg: { module: 'psycopg', pipPackage: 'psycopg[binary]' },
  asyncpg: { module: 'asyncpg', pipPackage: 'asyncpg' },
  pg8000: { module: 'pg8000', pipPackage: 'pg8000' },
};

/**
 * SQLAlchemy's reading of the scheme: `postgresql+<driver>://`, and psycopg2 for a plain `postgresql://` (and
 * `postgres://`, which projects' env.py files commonly rewrite to it). undefined when the URL is unknown or names a
 * driver we do not know: unknown is not wrong.
 */
export function driverForUrl(url: string | undefined): DriverNeed | undefined {
  const scheme = url ? /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url.trim())?.[1] : undefined;
  if (!scheme) return undefined;
  const [dialect, driver] = scheme.toLowerCase().split('+', 2);
  if (dialect !== 'postgresql' && dialect !== 'postgres') return undefined;
  const known = DRIVERS[driver ?? 'psycopg2'];
  return known ? { ...known, scheme } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Choosing.

export interface Probed {
  candidate: InterpreterCandidate;
  result: ProbeResult;
}

export interface InterpreterChoice {
  /**
   * What runs the migrations: the setting when it is set; else the first candidate that imports alembic and the
   * driver, else the first that imports alembic; undefined when none does.
   */
  chosen?: Probed;
  /** The candidates probed, in order (the search stops at the first that has everything). */
  probed: Probed[];
  /** The driver the database URL needs, when the URL is known. */
  driver?: DriverNeed;
  /** 'ready': the chosen one imports alembic and the driver (or the driver is unknown). */
  status: 'ready' | 'no-alembic' | 'no-driver';
}

export async function chooseInterpreter(
  candidates: readonly InterpreterCandidate[],
  probe: (candidate: InterpreterCandidate) => Promise<ProbeResult>,
  driver?: DriverNeed,
): Promise<InterpreterChoice> {
  const probed: Probed[] = [];
  const base = driver ? { driver } : {};
  const complete = (p: Probed): boolean => hasModule(p.result, 'alembic') && (!driver || hasModule(p.result, driver.module));
  const first = candidates[0];
  if (first?.kind === 'setting') {
    const chosen = { candidate: first, result: await probe(first) };
    const status = !hasModule(chosen.result, 'alembic') ? 'no-alembic' : complete(chosen) ? 'ready' : 'no-driver';
    return { chosen, probed: [chosen], ...base, status };
  }
  let withAlembic: Probed | undefined;
  for (const candidate of candidates) {
    const p = { candidate, result: await probe(candidate) };
    probed.push(p);
    if (complete(p)) return { chosen: p, probed, ...base, status: 'ready' };
    if (!withAlembic && hasModule(p.result, 'alembic')) {
      withAlembic = p;
      // Without a known driver, alembic is everything: the first one wins.
      if (!driver) break;
    }
  }
  return withAlembic ? { chosen: withAlembic, probed, ...base, status: 'no-driver' } : { probed, ...base, status: 'no-alembic' };
}

// ---------------------------------------------------------------------------------------------
// The words.

/** "alembic 1.8.1, psycopg2 2.9.5" / "no alembic (No module named 'alembic')" / "is not found". */
export function probeSummary(result: ProbeResult): string {
  if (!result.ran) return result.problem;
  const versioned = (name: string): string => (result.modules[name] ? `${name} ${result.modules[name]}` : name);
  const drivers = PROBE_MODULES.filter((m) => m !== 'alembic' && result.modules[m] !== undefined).map(versioned);
  if (result.modules['alembic'] === undefined) {
    const why = result.alembicError?.replace(/^ModuleNotFoundError: /, '');
    return `no alembic${why ? ` (${why})` : ''}`;
  }
  return [versioned('alembic'), ...drivers].join(', ');
}

/** How a candidate is named in sentences: "python3 on PATH (/usr/local/bin/python3)"; the system Python by its path. */
export function candidateName(candidate: InterpreterCandidate): string {
  return candidate.kind === 'system' ? candidate.executable : `${candidate.origin} (${candidate.executable})`;
}

/** The Database view's row: "/usr/bin/python3 (alembic 1.8.1)". */
export function choiceDescription(choice: InterpreterChoice): string {
  if (!choice.chosen) return 'none can import alembic';
  const alembic = choice.chosen.result.ran ? choice.chosen.result.modules['alembic'] : undefined;
  const what = alembic !== undefined ? `alembic ${alembic}`.trim() : choice.chosen.result.ran ? 'no alembic' : choice.chosen.result.problem;
  return `${choice.chosen.candidate.executable} (${what})`;
}

/**
 * Why this interpreter: "python3 on PATH (/usr/local/bin/python3) cannot import alembic; /usr/bin/python3 can."
 * One clause per candidate passed over, then what was chosen.
 */
export function choiceReason(choice: InterpreterChoice): string {
  const { chosen, driver } = choice;
  if (chosen?.candidate.kind === 'setting') {
    const problem = problemSentence(choice);
    return `alembic.pythonPath names ${chosen.candidate.executable}: it is used as set${problem ? `, but ${problem.replace(/^alembic\.pythonPath \([^)]*\) /, 'it ')}` : ''}.`;
  }
  const passed = choice.probed.filter((p) => p.candidate !== chosen?.candidate).map((p) => `${candidateName(p.candidate)} ${cannotText(p.result, driver)}`);
  if (!chosen) return `No interpreter can import alembic: ${passed.join('; ')}.`;
  const name = passed.length === 0 ? candidateName(chosen.candidate) : chosen.candidate.executable;
  const what = driver ? `alembic and ${driver.module}` : 'alembic';
  const can =
    choice.status === 'ready'
      ? passed.length === 0 ? `${name} can import ${what}` : `${name} can`
      : `${name} can import alembic but not ${driver?.module ?? 'the driver'}`;
  return `${[...passed, can].join('; ')}.`;
}

function cannotText(result: ProbeResult, driver: DriverNeed | undefined): string {
  if (!result.ran) return result.problem;
  if (result.modules['alembic'] === undefined) return 'cannot import alembic';
  return `cannot import ${driver?.module ?? 'the driver'}`;
}

/** What stands in the way, for the notification; undefined when ready. */
export function problemSentence(choice: InterpreterChoice): string | undefined {
  if (choice.status === 'ready') return undefined;
  const { chosen, driver } = choice;
  if (choice.status === 'no-driver' && chosen && driver) {
    return `${chosen.candidate.executable} cannot import ${driver.module}, the driver ${driver.scheme}:// URLs need`;
  }
  if (chosen?.candidate.kind === 'setting') {
    const result = chosen.result;
    if (!result.ran) return `alembic.pythonPath (${chosen.candidate.executable}) ${result.problem}`;
    return `alembic.pythonPath (${chosen.candidate.executable}) cannot import alembic${result.alembicError ? ` (${result.alembicError})` : ''}`;
  }
  const tried = choice.probed.map((p) => candidateName(p.candidate)).join(', ');
  return `no Python interpreter found here can import alembic (tried ${tried})`;
}

export interface InstallHint {
  /** The interpreter to install into. */
  python: string;
  /** The pip packages: alembic and the driver, or what is missing of them. */
  packages: string[];
  /** The command line, quoted for a POSIX shell: `/usr/bin/python3 -m pip install alembic psycopg2-binary`. */
  command: string;
}

/**
 * `<python> -m pip install ...`, into the interpreter that runs (or, when none can, the first that ran at all):
 * `-m pip` installs into exactly that interpreter, whatever `pip` on PATH is.
 */
export function installHint(choice: InterpreterChoice): InstallHint {
  const target = choice.chosen ?? choice.probed.find((p) => p.result.ran) ?? choice.probed[0];
  const python = target?.candidate.executable ?? 'python3';
  const driverPackage = choice.driver?.pipPackage ?? 'psycopg2-binary';
  const driverModule = choice.driver?.module ?? 'psycopg2';
  const has = (module: string): boolean => (target ? hasModule(target.result, module) : false);
  const packages = [...(has('alembic') ? [] : ['alembic']), ...(has(driverModule) ? [] : [driverPackage])];
  if (packages.length === 0) packages.push('alembic', driverPackage);
  return { python, packages, command: [python, '-m', 'pip', 'install', ...packages].map(shellQuote).join(' ') };
}

function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
