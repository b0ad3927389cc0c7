// The client's `alembic.*` settings: their defaults and typed getters over the `alembic` section read for a
// project's folder (multi-root workspaces can configure each folder). package.json's contributes.configuration is
// what VS Code shows; test/unit/client/package-json.test.ts holds these defaults to it. Imports no vscode, so the
// tests import the real values.

/** The defaults of the settings the client reads, by key under `alembic.`. */
export const CLIENT_SETTING_DEFAULTS = {
  /** A URL without a password. */
  databaseUrl: '',
  pythonPath: '',
  /** The command that runs migrations, as an argument array. */
  command: [] as readonly string[],
  versionTable: 'alembic_version',
  versionTableSchema: '',
  connectTimeoutMs: 5000,
} as const;

/** The `alembic.*` settings someone else reads: their defaults live with their reader. */
export const OTHER_READERS = {
  'lint.enable': 'the language server (server/src/lsp/settings.ts)',
  'lint.rules': 'the language server (server/src/lsp/settings.ts)',
  'trace.server': 'vscode-languageclient',
} as const;

export type ClientSettingKey = keyof typeof CLIENT_SETTING_DEFAULTS;

export interface ClientSettings {
  /** '' when unset. */
  databaseUrl: string;
  pythonPath: string;
  /** Empty when unset. */
  command: string[];
  versionTable: string;
  versionTableSchema: string;
  connectTimeoutMs: number;
}

/** What clientSettings reads: a vscode.WorkspaceConfiguration, or a stand-in in the tests. */
export interface SettingsSection {
  get(key: string): unknown;
}

/** Typed values; anything unset or malformed falls back to the default (a user's "" included, for versionTable). */
export function clientSettings(config: SettingsSection): ClientSettings {
  const defaults = CLIENT_SETTING_DEFAULTS;
  const text = (key: ClientSettingKey): string => {
    const value: unknown = config.get(key);
    return typeof value === 'string' ? value.trim() : '';
  };
  const command: unknown = config.get('command');
  const timeout: unknown = config.get('connectTimeoutMs');
  return {
    databaseUrl: text('databaseUrl') || defaults.databaseUrl,
    pythonPath: text('pythonPath') || defaults.pythonPath,
    command: Array.isArray(command) ? command.filter((part): part is string => typeof part === 'string') : [...defaults.command],
    versionTable: text('versionTable') || defaults.versionTable,
    versionTableSchema: text('versionTableSchema') || defaults.versionTableSchema,
    connectTimeoutMs: typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0 ? timeout : defaults.connectTimeoutMs,
  };
}

/** The settings that change which database a project uses or how its version table is read. */
export const CONNECTION_SETTINGS = (['databaseUrl', 'versionTable', 'versionTableSchema', 'connectTimeoutMs'] as const satisfies readonly ClientSettingKey[]).map(
  (key) => `alembic.${key}`,
);
