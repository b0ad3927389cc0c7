// Which database a project uses and where it stands: resolves the connection from the settings, SecretStorage,
// the environment, the project's .env, alembic.ini's sqlalchemy.url (sent by the server with the graph) and
// ~/.pgpass (resolve-connection.ts decides), then reads the version table. The password of `alembic.databaseUrl`
// is asked once and kept in SecretStorage, per URL. A credential from outside the workspace bound for a server the
// workspace names, and a clear-text password for a server elsewhere, wait for the user's agreement
// (credential-agreement.ts): asked only when the user connects, never by a background refresh.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveConnection, type ConnectionProblem, type ResolvedConnection } from './resolve-connection';
import type { ClientConfig } from 'pg';
import { forgetAgreements, readWithAgreement, silentConnection, type AgreementStore, type Question } from './credential-agreement';
import { pgpassPath, readPgpass } from './pgpass';
import type { DbState } from './db-state';
import { readCurrentRevisions } from './version-table';
import { readText, projectSettings, type ProjectEntry } from '../projects/project-entries';
import type { EmbeddedService } from '../embedded/embedded-service';

export type Resolution =
  | { kind: 'resolved'; connection: ResolvedConnection }
  | { kind: 'problem'; problem: ConnectionProblem }
  /** A password is needed and was not given (not asked, or the prompt was dismissed). */
  | { kind: 'needs-password'; connection: ResolvedConnection };

const SECRET_PREFIX = 'alembic.databasePassword:';

export class ConnectionService {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    /** Where agreements to send a credential are remembered: the extension's global state. */
    private readonly agreements: AgreementStore,
    private readonly embedded: EmbeddedService,
    private readonly log: (line: string) => void,
  ) {}

  /** `interactive`: ask for a missing password (commands do; background refreshes do not). */
  async resolve(entry: ProjectEntry, interactive: boolean): Promise<Resolution> {
    const embedded = this.embedded.connectionFor(entry.folder?.uri.fsPath);
    if (embedded) return { kind: 'resolved', connection: embedded };
    const setting = projectSettings(entry).databaseUrl;
    let resolved = await this.resolveFromSources(entry, setting);
    if ('problem' in resolved) return { kind: 'problem', problem: resolved };
    if (resolved.needsPassword && setting) {
      if (!interactive) return { kind: 'needs-password', connection: resolved };
      const password = await askPassword(resolved.display);
      if (password === undefined) return { kind: 'needs-password', connection: resolved };
      await this.secrets.store(secretKey(setting), password);
      resolved = await this.resolveFromSources(entry, setting);
      if ('problem' in resolved) return { kind: 'problem', problem: resolved };
    }
    return { kind: 'resolved', connection: resolved };
  }

  /** Resolves and reads the version table: the project's new database state. */
  async readState(entry: ProjectEntry, interactive: boolean): Promise<{ state: DbState; connection?: ResolvedConnection }> {
    const resolution = await this.resolve(entry, interactive);
    if (resolution.kind === 'problem') {
      const { problem } = resolution;
      return {
        state: problem.notConfigured
          ? { kind: 'unconfigured', problem: problem.problem }
          : { kind: 'failed', display: '(configuration problem)', source: 'configuration', failure: 'other', message: problem.problem },
      };
    }
    const { connection } = resolution;
    if (resolution.kind === 'needs-password') {
      return { state: { kind: 'needs-password', display: connection.display, source: connection.source }, connection };
    }
    const where = { display: connection.display, source: connection.source };
    const settings = projectSettings(entry);
    const read = await readWithAgreement(connection, this.agreements, interactive ? ask : undefined, (allowCleartext) =>
      readCurrentRevisions(connection.pg, {
        table: settings.versionTable,
        ...(settings.versionTableSchema ? { schema: settings.versionTableSchema } : {}),
        timeoutMs: settings.connectTimeoutMs,
        allowCleartext,
      }),
    );
    if ('waiting' in read) return { state: { kind: 'needs-agreement', ...where, reason: read.waiting }, connection };
    const state: DbState = read.ok ? { kind: 'connected', ...where, current: read.revisions } : { kind: 'failed', ...where, failure: read.kind, message: read.message };
    return { state, connection };
  }

  /** Forgets every server agreed to (credential-agreement.ts); how many there were. */
  forgetAgreements(): Promise<number> {
    return forgetAgreements(this.agreements);
  }

  /** The extension's own connection for a purpose that cannot stop to ask (credential-agreement.ts). */
  silentConnection(connection: ResolvedConnection): { pg: ClientConfig; allowCleartext: boolean } | undefined {
    return silentConnection(this.agreements, connection);
  }

  /** Forgets the stored password of the project's alembic.databaseUrl; false when none was stored. */
  async forgetPassword(entry: ProjectEntry): Promise<boolean> {
    const setting = projectSettings(entry).databaseUrl;
    if (!setting) return false;
    const key = secretKey(setting);
    const had = (await this.secrets.get(key)) !== undefined;
    await this.secrets.delete(key);
    return had;
  }

  private async resolveFromSources(entry: ProjectEntry, setting: string): Promise<ResolvedConnection | ConnectionProblem> {
    const settingPassword = setting ? await this.secrets.get(secretKey(setting)) : undefined;
    const dir = entry.ini?.dir ?? entry.locations[0]?.path;
    const home = os.homedir();
    const env = process.env;
    const pgpassFile = pgpassPath(env, home);
    const pgpass = pgpassFile ? readPgpass(pgpassFile) : {};
    if (pgpass.warning) this.log(pgpass.warning);
    const dotenvText = dir ? await readText(vscode.Uri.file(path.join(dir, '.env'))) : undefined;
    const sqlalchemyUrl = entry.ini?.sqlalchemyUrl;
    const pgpassShown = pgpassFile && home && pgpassFile.startsWith(home + path.sep) ? `~${pgpassFile.slice(home.length)}` : pgpassFile;
    return resolveConnection({
      ...(setting ? { setting } : {}),
      ...(settingPassword ? { settingPassword } : {}),
      env,
      ...(dotenvText !== undefined ? { dotenvText } : {}),
      ...(sqlalchemyUrl !== undefined ? { sqlalchemyUrl } : {}),
      ...(pgpass.text !== undefined ? { pgpassText: pgpass.text } : {}),
      ...(pgpassShown ? { pgpassFile: pgpassShown } : {}),
      home,
      readFile: readFileOrUndefined,
    });
  }
}

/** One secret per URL: two projects on the same database share it, another database asks again. */
function secretKey(setting: string): string {
  return SECRET_PREFIX + setting.trim();
}

async function ask(question: Question): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, question.agree);
  return choice === question.agree;
}

function askPassword(display: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Alembic: database password',
    prompt: `Password for ${display}. It is kept in VS Code's secret storage, never in settings.`,
    password: true,
    ignoreFocusOut: true,
  });
}

function readFileOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
