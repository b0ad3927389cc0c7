// Starts the language server for Python files (linting works in every workspace, trusted or not), then the
// client's views, status bar and commands around one Ctx. The server decides which Python files are
// migrations, so the selector stays broad.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands/table';
import { Ctx } from './ctx';
import { RevisionCodeLens } from './graph-view/code-lens';
import { GraphPanel } from './graph-view/graph-panel';
import { DATABASE_VIEW_ID, MIGRATIONS_VIEW_ID } from './commands/command-ids';
import { StatusBar } from './status-bar';
import { createTestApi, type AlembicTestApi } from './test-api';
import { DatabaseTreeProvider } from './views/database-tree';
import { MigrationsTreeProvider } from './views/migrations-tree';
import { SERVER_EXEC_ARGV, type ServerInitializationOptions } from '../../protocol';

let client: LanguageClient | undefined;
let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<AlembicTestApi> {
  client = startLanguageClient(context, Date.now());
  try {
    await client.start();
  } catch (error) {
    // The views and commands still come up: they show the failure instead of "command not found".
    void vscode.window.showErrorMessage(`Alembic: the language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  }

  ctx = new Ctx(context, client);
  const migrations = new MigrationsTreeProvider(ctx);
  const database = new DatabaseTreeProvider(ctx);
  const statusBar = new StatusBar(ctx);
  context.subscriptions.push(
    ctx,
    migrations,
    database,
    statusBar,
    vscode.window.createTreeView(MIGRATIONS_VIEW_ID, { treeDataProvider: migrations, showCollapseAll: false }),
    vscode.window.createTreeView(DATABASE_VIEW_ID, { treeDataProvider: database }),
    ctx.onDidChange(() => {
      migrations.refresh();
      database.refresh();
      statusBar.update();
    }),
    ...registerCommands(ctx),
  );
  const codeLens = new RevisionCodeLens(ctx);
  context.subscriptions.push(
    codeLens,
    vscode.languages.registerCodeLensProvider({ scheme: 'file', language: 'python' }, codeLens),
    GraphPanel.registerSerializer(ctx),
  );
  // Not awaited: the database read may take up to the connect timeout, activation must not.
  void ctx.start();
  return createTestApi(ctx, migrations);
}

function startLanguageClient(context: vscode.ExtensionContext, activatedAt: number): LanguageClient {
  // esbuild writes the server bundle next to this one.
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] } },
  };

  const outputChannel = vscode.window.createOutputChannel('Alembic Language Server', { log: true });
  context.subscriptions.push(outputChannel);

  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'python' }],
    synchronize: { configurationSection: 'alembic' },
    // The server lints the whole workspace at start-up, before it could ask for settings: hand them over now.
    initializationOptions: { settings: plainSettings(), activatedAt } satisfies ServerInitializationOptions,
    outputChannel,
  };
  return new LanguageClient('alembic', 'Alembic Language Server', serverOptions, clientOptions);
}

export async function deactivate(): Promise<void> {
  const running = client;
  const state = ctx;
  client = undefined;
  ctx = undefined;
  // The embedded database flushes its data on stop: never leave it to the process exit.
  await Promise.allSettled([state?.embedded.stop(), running?.stop()]);
}

/** The `alembic.*` settings as plain JSON: WorkspaceConfiguration carries methods that cannot cross IPC. */
function plainSettings(): unknown {
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('alembic'))) as unknown;
}
