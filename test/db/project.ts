// A copy of examples/backend driven through the extension's own modules: command resolution, the runner,
// connection resolution and the version-table reader.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveCommand, type MigrationAction, type MigrationCommand } from '../../common/alembic-command';
import { resolveConnection, type ConnectionSources, type ResolvedConnection } from '../../client/src/database/resolve-connection';
import { runMigrationCommand, type RunOptions, type RunResult } from '../../client/src/alembic/runner';
import { readCurrentRevisions } from '../../client/src/database/version-table';
import { ALEMBIC_PYTHON, cleanEnv, copyExample } from './harness';

export interface ExampleProject {
  dir: string;
  iniPath: string;
  versionsDir: string;
  command: MigrationCommand;
}

/** The example project, run through migrate.py (as found) or, with style 'alembic', as if migrate.py were absent. */
export function exampleProject(style: 'migrate.py' | 'alembic' = 'migrate.py', dir = copyExample()): ExampleProject {
  const iniPath = path.join(dir, 'alembic.ini');
  const exists = style === 'migrate.py' ? fs.existsSync : (file: string) => path.basename(file) !== 'migrate.py' && fs.existsSync(file);
  const command = resolveCommand({ iniPath, dir }, { python: ALEMBIC_PYTHON, exists });
  if (command.style !== style) throw new Error(`expected a ${style} command, resolved ${command.style}`);
  return { dir, iniPath, versionsDir: path.join(dir, 'database_migrations', 'versions'), command };
}

export const CLI_TIMEOUT_MS = 60_000;

/** Runs an action with a clean environment plus `env` (the resolved connection's, usually). */
export function cli(project: ExampleProject, action: MigrationAction, env: Record<string, string>, o: Omit<RunOptions, 'env'> = {}): Promise<RunResult> {
  return runMigrationCommand(project.command, action, { timeoutMs: CLI_TIMEOUT_MS, ...o, env: cleanEnv(env) });
}

export function resolved(sources: ConnectionSources): ResolvedConnection {
  const result = resolveConnection(sources);
  if ('problem' in result) throw new Error(result.problem);
  return result;
}

/** The revisions the database is at, or a thrown error with the reader's message. */
export async function current(connection: ResolvedConnection): Promise<string[]> {
  const result = await readCurrentRevisions(connection.pg, { timeoutMs: 10_000 });
  if (!result.ok) throw new Error(`${result.kind}: ${result.message}`);
  return result.revisions;
}

/** Fails the test with the CLI's own output when a command that should succeed does not. */
export function assertOk(result: RunResult, what: string): void {
  if (!result.ok) throw new Error(`${what} failed: ${result.error ?? ''}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
}

export interface RevisionSpec {
  id: string;
  down: string | string[];
  message: string;
  upgrade: string[];
  downgrade: string[];
}

/** Writes a raw-SQL migration the way the SOP shows them. */
export function writeRevision(project: ExampleProject, spec: RevisionSpec): string {
  const down = Array.isArray(spec.down) ? `(${spec.down.map((id) => JSON.stringify(id)).join(', ')})` : JSON.stringify(spec.down);
  const body = (sql: string[]): string => (sql.length ? sql.map((statement) => `    op.execute(${JSON.stringify(statement)})`).join('\n') : '    pass');
  const text = [
    `"""${spec.message}`,
    '',
    `Revision ID: ${spec.id}`,
    `Revises: ${Array.isArray(spec.down) ? spec.down.join(', ') : spec.down}`,
    '',
    '"""',
    'from alembic import op',
    '',
    `revision = ${JSON.stringify(spec.id)}`,
    `down_revision = ${down}`,
    'branch_labels = None',
    'depends_on = None',
    '',
    '',
    'def upgrade() -> None:',
    body(spec.upgrade),
    '',
    '',
    'def downgrade() -> None:',
    body(spec.downgrade),
    '',
  ].join('\n');
  const file = path.join(project.versionsDir, `${spec.id}_${spec.message.replace(/\W+/g, '_')}.py`);
  fs.writeFileSync(file, text);
  return file;
}

/** Revision ids declared in the versions folder (`revision = "..."`). */
export function revisionIds(project: ExampleProject): string[] {
  return fs
    .readdirSync(project.versionsDir)
    .filter((name) => name.endsWith('.py'))
    .map((name) => /^revision\s*=\s*["']([^"']+)["']/m.exec(fs.readFileSync(path.join(project.versionsDir, name), 'utf8'))?.[1])
    .filter((id): id is string => id !== undefined)
    .sort();
}
