// The command that runs a project's migrations, and the argument vector for each action.
// Everything is an argument array for execFile/spawn: a message is one argv element whatever it contains.
import * as path from 'node:path';

export interface MigrationProject {
  iniPath: string;
  /** The folder of alembic.ini: the working directory of every command. */
  dir: string;
}

export interface MigrationCommand {
  file: string;
  baseArgs: string[];
  cwd: string;
  style: 'setting' | 'migrate.py' | 'alembic';
}

export type MigrationAction =
  | { kind: 'upgrade'; target: string }
  | { kind: 'downgrade'; target: string }
  | { kind: 'current' }
  | { kind: 'history' }
  | { kind: 'heads' }
  /** revId: the id to use when Alembic would otherwise make one up (migrate.py picks its own). */
  | { kind: 'revision'; message: string; revId?: string }
  | { kind: 'stamp'; target: string }
  /** revisions: what to merge; migrate.py always merges all heads. */
  | { kind: 'merge'; message: string; revisions: string[] }
  /** Offline SQL: range 'from:to' ('0004:0005'); direction defaults to upgrade. */
  | { kind: 'sql'; range: string; direction?: 'upgrade' | 'downgrade' };

export interface CommandOptions {
  /** The alembic.command setting: an argument array (["poetry", "run", "alembic"]). */
  commandSetting?: string[];
  python: string;
  exists: (file: string) => boolean;
}

export const MIGRATE_SCRIPT = 'migrate.py';

/** Setting alembic.command, else `<python> migrate.py` beside alembic.ini, else `<python> -m alembic -c alembic.ini`. */
export function resolveCommand(project: MigrationProject, o: CommandOptions): MigrationCommand {
  const [file, ...rest] = (o.commandSetting ?? []).filter((part) => part !== '');
  if (file !== undefined) return { file, baseArgs: rest, cwd: project.dir, style: 'setting' };
  if (o.exists(path.join(project.dir, MIGRATE_SCRIPT))) {
    return { file: o.python, baseArgs: [MIGRATE_SCRIPT], cwd: project.dir, style: 'migrate.py' };
  }
  return { file: o.python, baseArgs: ['-m', 'alembic', '-c', path.basename(project.iniPath)], cwd: project.dir, style: 'alembic' };
}

/**
 * Which grammar the command speaks. A setting that runs a migrate.py (["uv", "run", "migrate.py"]) speaks
 * migrate.py's; any other setting is taken to be Alembic's own command line (alembic, poetry run alembic, ...).
 */
export function commandGrammar(command: MigrationCommand): 'migrate.py' | 'alembic' {
  if (command.style !== 'setting') return command.style;
  const parts = [command.file, ...command.baseArgs];
  return parts.some((part) => path.basename(part) === MIGRATE_SCRIPT) ? 'migrate.py' : 'alembic';
}

/** The full argument vector after `command.file`. */
export function argsFor(command: MigrationCommand, action: MigrationAction): string[] {
  return [...command.baseArgs, ...actionArgs(commandGrammar(command), action)];
}

/**
 * examples/backend/migrate.py takes positional arguments and picks revision ids itself; Alembic's own
 * command line (`alembic -c alembic.ini <command> ...`) takes `-m`, `--rev-id` and the revisions to merge.
 */
function actionArgs(grammar: 'migrate.py' | 'alembic', action: MigrationAction): string[] {
  switch (action.kind) {
    case 'upgrade':
    case 'downgrade':
    case 'stamp':
      return [action.kind, ...positional(action.target)];
    case 'current':
    case 'history':
    case 'heads':
      return [action.kind];
    case 'sql':
      return [action.direction ?? 'upgrade', '--sql', ...positional(action.range)];
    case 'revision':
      if (grammar === 'migrate.py') return ['revision', ...positional(action.message)];
      return ['revision', ...messageOption(action.message), ...(action.revId ? ['--rev-id', action.revId] : [])];
    case 'merge':
      if (grammar === 'migrate.py') return ['merge', ...positional(action.message)];
      return ['merge', ...messageOption(action.message), ...positional(...(action.revisions.length ? action.revisions : ['heads']))];
  }
}

/**
 * argparse reads an argument that starts with '-' as an option ("-1" is fine, a negative number):
 * `--` ends the options, so "--force everything" stays a message and "-1" stays a relative target.
 */
function positional(...values: string[]): string[] {
  return values.some((value) => value.startsWith('-') && !/^-\d+$/.test(value)) ? ['--', ...values] : values;
}

/** `-m message`; a message that starts with '-' goes as one `--message=...` element so it is not taken for an option. */
function messageOption(message: string): string[] {
  return message.startsWith('-') ? [`--message=${message}`] : ['-m', message];
}

/** The command line as a user would type it in a POSIX shell, for the output channel; never executed. */
export function displayCommandLine(command: MigrationCommand, args: string[]): string {
  return [command.file, ...args].map(shellQuote).join(' ');
}

function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
