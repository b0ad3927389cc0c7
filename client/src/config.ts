// Typed getters for the client's `alembic.*` settings, read for a project's folder (multi-root workspaces can
// configure each folder). The linting settings (alembic.lint.*) belong to the server.
import * as vscode from 'vscode';

export interface ClientSettings {
  /** A URL without a password; '' when unset. */
  databaseUrl: string;
  pythonPath: string;
  /** The command that runs migrations, as an argument array; empty when unset. */
  command: string[];
  versionTable: string;
  versionTableSchema: string;
  connectTimeoutMs: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

export function clientSettings(scope: vscode.Uri | undefined): ClientSettings {
  const config = vscode.workspace.getConfiguration('alembic', scope);
  const text = (key: string): string => {
    const value = config.get<unknown>(key);
    return typeof value === 'string' ? value.trim() : '';
  };
  const command = config.get<unknown>('command');
  const timeout = config.get<unknown>('connectTimeoutMs');
  return {
    databaseUrl: text('databaseUrl'),
    pythonPath: text('pythonPath'),
    command: Array.isArray(command) ? command.filter((part): part is string => typeof part === 'string') : [],
    versionTable: text('versionTable') || 'alembic_version',
    versionTableSchema: text('versionTableSchema'),
    connectTimeoutMs: typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_CONNECT_TIMEOUT_MS,
  };
}

/** The settings that change which database a project uses or how its version table is read. */
export const CONNECTION_SETTINGS = ['alembic.databaseUrl', 'alembic.versionTable', 'alembic.versionTableSchema', 'alembic.connectTimeoutMs'];
