// The command line: `alembic-lint check [PATH...] [options]`, `alembic-lint graph [PATH...] [--format text|json]`,
// `alembic-lint schema PATH [--revision REV] [--format text|json]`, `alembic-lint verify PATH [options]`.
import { parseArgs } from 'node:util';
import { looksLikeGitRef, type RuleSetting } from '../core/config';
import { UsageError } from './errors';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export const GRAPH_FORMATS = ['text', 'json'] as const;
export const SCHEMA_FORMATS = GRAPH_FORMATS;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export interface CheckCommand {
  command: 'check';
  paths: string[];
  format: CheckFormat;
  configFile?: string;
  rules: Record<string, RuleSetting>;
  color: boolean;
  /** `--base REF`: compare with the merge base of REF and HEAD (wins over `base` in pyproject.toml). */
  base?: string;
  /** `--only-changed`: report only files added or changed since the base (true also when pyproject.toml says so). */
  onlyChanged: boolean;
  /** `--verbose`: say which base was used (or why there is none) and how the files were parsed. */
  verbose: boolean;
}

export interface GraphCommand {
  command: 'graph';
  paths: string[];
  format: GraphFormat;
}

export interface SchemaCommand {
  command: 'schema';
  path: string;
  /** A revision id (or a unique prefix of one), `head` or `base`; undefined: the one head. */
  revision?: string;
  format: GraphFormat;
}

export interface VerifyCommand {
  command: 'verify';
  path: string;
  /** `--database-url URL`: a scratch database on that server; `--server`: on the server the project's own sources name. */
  database: { kind: 'embedded' } | { kind: 'url'; url: string } | { kind: 'server' };
  /** Verify from the base up to this revision. */
  revision?: string;
  /** Apply this revision without verifying it, then verify what comes after it. */
  from?: string;
  /** Apply this revision's parents, then verify it alone. */
  only?: string;
  format: GraphFormat;
  python?: string;
  /** `--alembic-command JSON`: runs Alembic instead of the interpreter's migrate.py or `-m alembic` (no search). */
  alembicCommand?: string[];
  /** Alembic's version_table and version_table_schema when env.py sets them (default alembic_version in public). */
  versionTable?: string;
  versionTableSchema?: string;
  /** `--progress json`: a VerifyProgressJson line on stderr as each step starts. */
  progress?: 'json';
}

export type Command = CheckCommand | GraphCommand | SchemaCommand | VerifyCommand | { command: 'help' } | { command: 'version' };

export const HELP = `Usage:
  alembic-lint check [PATH...] [options]   lint Alembic migrations (PATH: a project folder, a versions folder or files; default .)
  alembic-lint graph [PATH...] [--format text|json]   print the revision history of each script location
  alembic-lint schema PATH [--revision REV] [--format text|json]
                                           print the schema the migrations build, as modelled, at a revision
                                           (default: the head; with several heads, name one with --revision)
  alembic-lint verify PATH [--database-url URL | --server] [--revision REV | --from REV | --only REV]
                    [--format text|json] [--python PATH | --alembic-command JSON] [--progress json]
                                           run the migrations on a throwaway database: for each revision, upgrade,
                                           downgrade (compared with the schema before), upgrade again, re-run
  alembic-lint --help | --version

Options for check:
  --format text|json|sarif|github   output format (default text)
  --config FILE                     settings file to use instead of the nearest pyproject.toml with [tool.alembic-lint]
  --rule ID=SEVERITY                set a rule's severity: error, warning, info, hint or off (repeatable)
  --no-color                        no ANSI colours (also off when NO_COLOR is set or the output is not a terminal)
  --base REF                        compare with git: the merge base of REF and HEAD (default: the branch's
                                    upstream, else origin/HEAD, else main or master); applied-migration-modified
                                    reports migrations of the base whose code changed
  --only-changed                    report only files added or changed since the base (every file is still read)
  -v, --verbose                     say which base was used (or why there is none) and how the files were parsed

Options for verify (docs/verify.md):
  --database-url URL                a scratch database created on this server for the run and dropped after it
                                    (default: the embedded PGlite, in a temporary folder); the URL's own database
                                    is only used to create and drop it
  --server                          the same, on the server DATABASE_URL or POSTGRES_* name (environment, else the
                                    .env beside alembic.ini)
  --revision REV                    verify from the base up to REV
  --from REV                        apply up to REV without verifying it, then verify the revisions after it
  --only REV                        apply REV's parents without verifying them, then verify REV alone
  --python PATH                     the interpreter (default: .venv or venv beside the project, python3 or python
                                    on PATH, /usr/bin/python3: the first that imports alembic and psycopg2)
  --alembic-command JSON            the program that runs Alembic or migrate.py instead, as a JSON array of its
                                    arguments (the extension's alembic.command): '["poetry", "run", "alembic"]'
  --version-table NAME              the table Alembic records revisions in, when env.py names another than
                                    alembic_version (version_table); --version-table-schema NAME its schema
  --progress json                   one JSON line on stderr as each step starts (for the editor)

Exit status: 0 no error-level finding, 1 at least one (or an alembic.ini Alembic would refuse), 2 usage error
(a bad flag or --config file, a PATH that does not exist or cannot be read; for schema, a revision that is not
named when there are several heads, or that does not exist) or internal error. verify: 0 every revision ok (or
irreversible on purpose), 1 at least one is not, 2 verify cannot run (no interpreter with Alembic, no database). A base git cannot give (no git,
not a repository, a ref that does not exist, a shallow clone) is no error: a line on stderr says so, the rule is
skipped, and --only-changed reports every file.
`;

/** Flags only `verify` takes (--revision is schema's too). */
const VERIFY_ONLY_FLAGS = ['database-url', 'server', 'from', 'only', 'python', 'alembic-command', 'version-table', 'version-table-schema', 'progress'] as const;

/** Flags only `check` takes. */
const CHECK_ONLY_FLAGS = ['config', 'rule', 'no-color', 'base', 'only-changed', 'verbose'] as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, flag: string): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

function parseRuleFlags(values: string[]): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  for (const value of values) {
    const match = /^([^=\s]+)=([^=\s]+)$/.exec(value.trim());
    if (!match) throw new UsageError(`--rule expects ID=SEVERITY (got "${value}")`);
    // Rule ids and values are checked by the configuration resolver, which knows the rules.
    rules[match[1]!] = match[2]!.toLowerCase() as RuleSetting;
  }
  return rules;
}

export function parseCommandLine(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        rule: { type: 'string', multiple: true },
        'no-color': { type: 'boolean' },
        base: { type: 'string' },
        'only-changed': { type: 'boolean' },
        verbose: { type: 'boolean', short: 'v' },
        revision: { type: 'string', short: 'r' },
        'database-url': { type: 'string' },
        server: { type: 'boolean' },
        from: { type: 'string' },
        only: { type: 'string' },
        python: { type: 'string' },
        'alembic-command': { type: 'string' },
        'version-table': { type: 'string' },
        'version-table-schema': { type: 'string' },
        progress: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [command, ...rest] = positionals;
  const paths = rest.length > 0 ? rest : ['.'];
  if (command !== 'schema' && command !== 'verify' && values.revision !== undefined) throw new UsageError(`--revision is an option of schema and verify only`);
  if (command !== 'verify') {
    for (const flag of VERIFY_ONLY_FLAGS) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} is an option of verify only`);
    }
  }
  if (command === 'check') {
    if (values.base !== undefined && !looksLikeGitRef(values.base)) throw new UsageError(`--base expects a git ref such as origin/main (got "${values.base}")`);
    return {
      command,
      paths,
      format: oneOf(values.format, CHECK_FORMATS, 'text', '--format'),
      ...(values.config !== undefined ? { configFile: values.config } : {}),
      rules: parseRuleFlags(values.rule ?? []),
      color: !values['no-color'],
      ...(values.base !== undefined ? { base: values.base } : {}),
      onlyChanged: values['only-changed'] === true,
      verbose: values.verbose === true,
    };
  }
  if (command === 'graph' || command === 'schema' || command === 'verify') {
    for (const flag of CHECK_ONLY_FLAGS) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} is not an option of ${command}`);
    }
  }
  if (command === 'graph') return { command, paths, format: oneOf(values.format, GRAPH_FORMATS, 'text', '--format') };
  if (command === 'schema') {
    if (rest.length > 1) throw new UsageError('schema takes one PATH (a project folder or a script location)');
    return { command, path: paths[0]!, ...(values.revision !== undefined ? { revision: values.revision } : {}), format: oneOf(values.format, SCHEMA_FORMATS, 'text', '--format') };
  }
  if (command === 'verify') return verifyCommand(rest, values);
  throw new UsageError(command === undefined ? 'a command is required: check, graph, schema or verify' : `unknown command "${command}" (expected check, graph, schema or verify)`);
}

function verifyCommand(rest: string[], values: { [flag in (typeof VERIFY_ONLY_FLAGS)[number] | 'revision' | 'format']?: string | boolean }): VerifyCommand {
  if (rest.length !== 1) throw new UsageError('verify takes one PATH (a project folder or a script location)');
  const text = (flag: string): string | undefined => {
    const value = values[flag as keyof typeof values];
    if (value === '') throw new UsageError(`--${flag} needs a value`);
    return typeof value === 'string' ? value : undefined;
  };
  const url = text('database-url');
  if (url !== undefined && values.server === true) throw new UsageError('--database-url and --server both name a server: give one');
  const scopes = (['revision', 'from', 'only'] as const).filter((flag) => text(flag) !== undefined);
  if (scopes.includes('only') && scopes.length > 1) throw new UsageError('--only verifies one revision: it goes with neither --revision nor --from');
  const alembicCommand = commandArray(text('alembic-command'));
  if (alembicCommand !== undefined && text('python') !== undefined) throw new UsageError('--python and --alembic-command both say what runs Alembic: give one');
  const progress = text('progress');
  if (progress !== undefined && progress !== 'json') throw new UsageError(`--progress must be json (got "${progress}")`);
  const optional = <K extends 'revision' | 'from' | 'only' | 'python'>(key: K): { [P in K]?: string } => {
    const value = text(key);
    return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
  };
  return {
    command: 'verify',
    path: rest[0]!,
    database: url !== undefined ? { kind: 'url', url } : values.server === true ? { kind: 'server' } : { kind: 'embedded' },
    ...optional('revision'),
    ...optional('from'),
    ...optional('only'),
    format: oneOf(text('format'), SCHEMA_FORMATS, 'text', '--format'),
    ...optional('python'),
    ...(alembicCommand !== undefined ? { alembicCommand } : {}),
    ...(text('version-table') !== undefined ? { versionTable: text('version-table')! } : {}),
    ...(text('version-table-schema') !== undefined ? { versionTableSchema: text('version-table-schema')! } : {}),
    ...(progress === 'json' ? { progress } : {}),
  };
}

/** `--alembic-command '["poetry", "run", "alembic"]'`: a JSON array, so no shell ever splits it. */
function commandArray(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((part) => typeof part === 'string' && part !== '')) {
    throw new UsageError(`--alembic-command expects a JSON array of the program and its arguments, e.g. '["poetry", "run", "alembic"]' (got ${value})`);
  }
  return parsed as string[];
}
