// The minimal client: starts the language server for Python files and stops it on deactivation.
// The server decides which Python files are migrations, so the selector stays broad.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // esbuild writes the server bundle next to this one.
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };

  const outputChannel = vscode.window.createOutputChannel('Alembic Language Server', { log: true });
  context.subscriptions.push(outputChannel);

  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'python' }],
    synchronize: { configurationSection: 'alembic' },
    // The server lints the whole workspace at start-up, before it could ask for settings: hand them over now.
    initializationOptions: { settings: plainSettings() },
    outputChannel,
  };

  client = new LanguageClient('alembic', 'Alembic Language Server', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}

/** The `alembic.*` settings as plain JSON: WorkspaceConfiguration carries methods that cannot cross IPC. */
function plainSettings(): unknown {
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('alembic'))) as unknown;
}
