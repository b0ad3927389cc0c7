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
  /** The project's command: libpq's connect_timeout (PGCONNECT_TIMEOUT), rounded up to whole seconds. */
  commandConnectTimeoutMs: 10000,
  /** The project's command: PostgreSQL's lock_timeout (PGOPTIONS); 0 waits as long as it takes, as PostgreSQL does. */
  commandLockTimeoutMs: 0,
  /** Where Verify runs the migrations: never the connected database. */
  'verify.database': 'embedded' as VerifyDatabase,
} as const;

/** `alembic.verify.database`'s values, in the order package.json lists them. */
export const VERIFY_DATABASES = ['embedded', 'scratch'] as const;
export type VerifyDatabase = (typeof VERIFY_DATABASES)[number];

/** The `alembic.*` settings someone else reads: their defaults live with their reader. */
export const OTHER_READERS = {
  'lint.enable': 'the language server (server/src/lsp/settings.ts)',
  'lint.rules': 'the language server (server/src/lsp/settings.ts)',
  'lint.scope': 'the language server (server/src/lsp/settings.ts)',
  'lint.baseRef': 'the language server (server/src/lsp/settings.ts)',
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
  commandConnectTimeoutMs: number;
  /** 0: off. */
  commandLockTimeoutMs: number;
  'verify.database': VerifyDatabase;
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
  /** A finite number >= min, else the default. */
  const number = (key: 'connectTimeoutMs' | 'commandConnectTimeoutMs' | 'commandLockTimeoutMs', min: number): number => {
    const value: unknown = config.get(key);
    return typeof value === 'number' && Number.isFinite(value) && value >= min ? value : defaults[key];
  };
  return {
    databaseUrl: text('databaseUrl') || defaults.databaseUrl,
    pythonPath: text('pythonPath') || defaults.pythonPath,
    command: Array.isArray(command) ? command.filter((part): part is string => typeof part === 'string') : [...defaults.command],
    versionTable: text('versionTable') || defaults.versionTable,
    versionTableSchema: text('versionTableSchema') || defaults.versionTableSchema,
    connectTimeoutMs: number('connectTimeoutMs', Number.MIN_VALUE),
    commandConnectTimeoutMs: number('commandConnectTimeoutMs', Number.MIN_VALUE),
    commandLockTimeoutMs: number('commandLockTimeoutMs', 0),
    'verify.database': VERIFY_DATABASES.find((value) => value === text('verify.database')) ?? defaults['verify.database'],
  };
}

/** The settings that change which database a project uses or how its version table is read. */
export const CONNECTION_SETTINGS = (['databaseUrl', 'versionTable', 'versionTableSchema', 'connectTimeoutMs'] as const satisfies readonly ClientSettingKey[]).map(
  (key) => `alembic.${key}`,
);
