// Every command the client registers, and whether it runs the project's code or connects to a database:
// those are refused in an untrusted workspace (commands/table.ts) and hidden from the views' menus (package.json).
// The commands table is typed by this list, and test/unit/client/package-json.test.ts checks package.json against it.

/** 'runs': runs Python (the project's migrate.py / alembic) or opens a database connection. */
const COMMANDS = {
  'alembic.createRevision': 'runs',
  'alembic.upgradeHead': 'runs',
  'alembic.upgradeTo': 'runs',
  'alembic.downgradeOne': 'runs',
  'alembic.downgradeTo': 'runs',
  'alembic.showCurrent': 'runs',
  'alembic.showHistory': 'runs',
  'alembic.showHeads': 'runs',
  'alembic.mergeHeads': 'runs',
  'alembic.stamp': 'runs',
  'alembic.showPendingSql': 'runs',
  'alembic.connect': 'runs',
  'alembic.disconnect': 'safe',
  'alembic.refresh': 'safe',
  'alembic.forgetPassword': 'safe',
  'alembic.forgetAgreedServers': 'safe',
  'alembic.upgradeToHere': 'runs',
  'alembic.downgradeToHere': 'runs',
  'alembic.showSql': 'runs',
  'alembic.copyRevisionId': 'safe',
  'alembic.revealRevision': 'safe',
  'alembic.startEmbeddedDatabase': 'runs',
  'alembic.stopEmbeddedDatabase': 'safe',
  // Probing an interpreter runs it: a workspace may name its own program.
  'alembic.selectInterpreter': 'runs',
  'alembic.showGraph': 'safe',
  'alembic.showInGraph': 'safe',
  // Verify runs the project's migrations (on a throwaway database, never the connected one).
  'alembic.verifyMigrations': 'runs',
  'alembic.verifyMigration': 'runs',
} as const satisfies Record<string, 'runs' | 'safe'>;

export type CommandId = keyof typeof COMMANDS;

export const COMMAND_IDS = Object.keys(COMMANDS) as CommandId[];

export const TRUST_REQUIRED: ReadonlySet<CommandId> = new Set(COMMAND_IDS.filter((id) => COMMANDS[id] === 'runs'));

/** Context keys the client sets for package.json `when` / `enablement` clauses. */
export const CONTEXT_KEYS = {
  multipleHeads: 'alembic.multipleHeads',
  embeddedRunning: 'alembic.embeddedRunning',
  anyConnected: 'alembic.connected',
  hasProjects: 'alembic.hasProjects',
} as const;

export const VIEW_CONTAINER_ID = 'alembic';
export const MIGRATIONS_VIEW_ID = 'alembic.migrations';
export const DATABASE_VIEW_ID = 'alembic.database';
