// How the editor runs `alembic-lint verify`: the bundled CLI under the extension host's own runtime (PGlite's ~500 MB
// live in that child, never in the extension host), an argument array, and a database that is never the connected
// one: the embedded PGlite in a temporary folder, or a scratch database the CLI creates on the connected server and
// drops. The server's credentials reach the child only through its environment, never its arguments. Pure.
import type { ChildCommand } from '../alembic/runner';
import type { VerifyDatabase } from '../config';

/** What to verify: every revision; the revisions after `from` (the connected database's, i.e. the pending ones); one. */
export type VerifyScope = { kind: 'all' } | { kind: 'from'; revision: string } | { kind: 'only'; revision: string };

export interface VerifyInvocationInput {
  /** dist/cli.js of the installed extension. */
  cliPath: string;
  /** The extension host's runtime: desktop VS Code's is Electron (run as node through ELECTRON_RUN_AS_NODE). */
  runtime: string;
  /** The folder of alembic.ini. */
  projectDir: string;
  /** The working directory: the workspace folder (the JSON's file paths are relative to it). */
  cwd: string;
  /** What runs Alembic: the interpreter the extension chose (it can import Alembic), or alembic.command as set. */
  runs: { python: string } | { alembicCommand: readonly string[] };
  scope: VerifyScope;
  database: VerifyDatabase;
  /** alembic.versionTable and alembic.versionTableSchema ('' : the default), so verify stamps where Alembic looks. */
  versionTable?: { name: string; schema: string };
  /** The extension host's environment. */
  baseEnv: Readonly<Record<string, string | undefined>>;
  /** scratch: the connected server (DATABASE_URL, POSTGRES_*), as the runs get it. */
  connectionEnv?: Readonly<Record<string, string>>;
}

/** Variables through which a child could reach a real server: the embedded run gets none of them. */
const CONNECTION_VARIABLE = /^(?:DATABASE_URL|POSTGRES_\w+|PG\w+)$/;

export function verifyInvocation(input: VerifyInvocationInput): { command: ChildCommand; env: Record<string, string> } {
  const scratch = input.database === 'scratch';
  if (scratch && !input.connectionEnv) throw new Error('a scratch database needs the connected server');
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.baseEnv)) {
    if (value !== undefined && (scratch || !CONNECTION_VARIABLE.test(name))) env[name] = value;
  }
  Object.assign(env, scratch ? input.connectionEnv : {}, { ELECTRON_RUN_AS_NODE: '1' });
  const args = [input.cliPath, 'verify', input.projectDir, '--format', 'json', '--progress', 'json', ...runsArgs(input.runs), ...versionTableArgs(input.versionTable), ...scopeArgs(input.scope), ...(scratch ? ['--server'] : [])];
  return { command: { file: input.runtime, args, cwd: input.cwd }, env };
}

/** alembic.command goes as one JSON argument: the CLI never splits it, and neither does a shell. */
function runsArgs(runs: VerifyInvocationInput['runs']): string[] {
  return 'python' in runs ? ['--python', runs.python] : ['--alembic-command', JSON.stringify(runs.alembicCommand)];
}

function versionTableArgs(table: VerifyInvocationInput['versionTable']): string[] {
  if (!table) return [];
  return [...(table.name && table.name !== 'alembic_version' ? ['--version-table', table.name] : []), ...(table.schema ? ['--version-table-schema', table.schema] : [])];
}

function scopeArgs(scope: VerifyScope): string[] {
  switch (scope.kind) {
    case 'all':
      return [];
    case 'from':
      return ['--from', scope.revision];
    case 'only':
      return ['--only', scope.revision];
  }
}
