// What the test files share: the extension under test and its test API, polling with a deadline, the
// workspace's files, the Migrations view's revision rows and the database the runner started.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Client } from 'pg';
import type { AlembicTestApi, MigrationRow } from '../../../client/src/test-api';
import { TRUST_REQUIRED } from '../../../client/src/commands/command-ids';

export const EXTENSION_ID = 'alembic-tools.alembic-migrations';
export const VERSIONS_DIR = 'database_migrations/versions';
export const DIAGNOSTIC_SOURCE = 'alembic-lint';

/**
 * Polls `probe` until it returns something other than undefined or false; fails after `timeoutMs` with
 * `what` and the last thing `describe` reports, so a timeout says what was seen instead.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, options: { timeoutMs?: number; describe?: () => string } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${(options.timeoutMs ?? 30_000) / 1000} s waiting for ${what}${options.describe ? `; last seen: ${options.describe()}` : ''}`);
    }
    await sleep(100);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function extension(): vscode.Extension<AlembicTestApi> {
  const found = vscode.extensions.getExtension<AlembicTestApi>(EXTENSION_ID);
  if (!found) throw new Error(`${EXTENSION_ID} is not installed in this window`);
  return found;
}

/** The test API once the extension has activated by itself (the tests never activate it: that would hide a broken activation event). */
export async function activeApi(): Promise<AlembicTestApi> {
  const ext = extension();
  await waitFor('the extension to activate', () => ext.isActive, { timeoutMs: 60_000 });
  return ext.exports;
}

/** The one migration project of the workspace (examples/backend), once the language server has sent its graph. */
export async function theProject(api: AlembicTestApi): Promise<{ key: string; name: string }> {
  const projects = await waitFor('the project of alembic.ini', () => api.projects().length > 0 && api.projects(), { describe: () => JSON.stringify(api.projects()) });
  if (projects.length !== 1) throw new Error(`expected one project, got ${JSON.stringify(projects)}`);
  return projects[0] as { key: string; name: string };
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no folder is open');
  return folder;
}

export function workspaceUri(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceFolder().uri.fsPath, relative));
}

export function lintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** `rule@line:column` of each of the extension's diagnostics for the file (1-based): what a failed wait prints. */
export function describeDiagnostics(uri: vscode.Uri): string {
  return JSON.stringify(lintDiagnostics(uri).map((d) => `${ruleOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`));
}

export type RevisionRow = MigrationRow & { element: Extract<MigrationRow['element'], { type: 'node' }> };

/** The Migrations view's revision rows (not the problem rows), newest first as the view lists them. */
export function revisionRows(api: AlembicTestApi): RevisionRow[] {
  return api.migrationRows().filter((row): row is RevisionRow => row.element.type === 'node' && row.element.model.kind === 'revision');
}

/** Each revision row as `<id>:<contextValue>`, the revision's state as the view's menus see it. */
export function rowStates(api: AlembicTestApi): string[] {
  return revisionRows(api).map((row) => `${row.element.model.revision ?? '?'}:${row.item.contextValue ?? ''}`);
}

export function rowOf(api: AlembicTestApi, revision: string): RevisionRow {
  const row = revisionRows(api).find((r) => r.element.model.revision === revision);
  if (!row) throw new Error(`no row for revision ${revision} in ${JSON.stringify(rowStates(api))}`);
  return row;
}

/** A client of the database the runner started (DATABASE_URL, which the extension reads too). */
export async function connectDatabase(): Promise<Client> {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set: the runner passes the database it started');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000, query_timeout: 10_000 });
  await client.connect();
  return client;
}

/** The version table's rows, or undefined when there is no version table yet. */
export async function versionRows(client: Client): Promise<string[] | undefined> {
  const exists = await client.query<{ table: string | null }>(`SELECT to_regclass('alembic_version')::text AS "table"`);
  if (!exists.rows[0]?.table) return undefined;
  const rows = await client.query<{ version_num: string }>('SELECT version_num FROM alembic_version ORDER BY version_num');
  return rows.rows.map((r) => r.version_num);
}

/** Runs a command and fails if it has not finished within `timeoutMs`. */
export async function runCommand(id: string, arg?: unknown, timeoutMs = 60_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${id} did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([vscode.commands.executeCommand(id, arg), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface ContributedCommand {
  command: string;
  title: string;
}

/** The commands the installed package.json contributes. */
export function contributedCommands(): ContributedCommand[] {
  const manifest = extension().packageJSON as { contributes: { commands: ContributedCommand[] } };
  return manifest.contributes.commands;
}

/** Those the extension refuses in Restricted Mode (they run Python or connect), contributed by the package. */
export function trustRequiringCommands(): string[] {
  return contributedCommands()
    .map((c) => c.command)
    .filter((id) => (TRUST_REQUIRED as ReadonlySet<string>).has(id));
}

/**
 * The text of the extension's "Alembic" output channel, while it is shown: VS Code keeps a shown channel as a text
 * document (output:extension-output-<extension id>-#<n>-<channel name>).
 */
export function alembicOutput(): string | undefined {
  const channel = new RegExp(`^extension-output-${EXTENSION_ID.replace(/\./g, '\\.')}-#\\d+-Alembic$`);
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && channel.test(d.uri.path))?.getText();
}

/** The test API, the project's key and a client of the database: what the database-minded test files start from. */
export async function openProjectAndDatabase(): Promise<{ api: AlembicTestApi; key: string; db: Client }> {
  const api = await activeApi();
  const { key } = await theProject(api);
  return { api, key, db: await connectDatabase() };
}
