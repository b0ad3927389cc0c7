// The initialize request: what the client supports, the workspace folders, the initial settings, and what
// the server offers in return.
import { CodeActionKind, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import type { ServerInitializationOptions } from '../../../protocol';
import { parseSettings } from './settings';
import type { ServerState } from './state';
import { uriToPath } from './uri';

export function rootsOf(params: Pick<InitializeParams, 'workspaceFolders' | 'rootUri' | 'rootPath'>): string[] {
  if (params.workspaceFolders && params.workspaceFolders.length > 0) {
    return params.workspaceFolders.map((folder) => uriToPath(folder.uri)).filter((p): p is string => p !== undefined);
  }
  const root = params.rootUri ? uriToPath(params.rootUri) : (params.rootPath ?? undefined);
  return root ? [root] : [];
}

export function initialize(state: ServerState, params: InitializeParams): InitializeResult {
  const workspace = params.capabilities.workspace;
  state.client = {
    configuration: workspace?.configuration === true,
    watchedFiles: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    configurationChange: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    workspaceFolders: workspace?.workspaceFolders === true,
    workDoneProgress: params.capabilities.window?.workDoneProgress === true,
  };
  state.roots = rootsOf(params);
  const options = params.initializationOptions as Partial<ServerInitializationOptions> | null | undefined;
  state.settings = parseSettings(options?.settings);
  state.settingsGiven = options?.settings !== undefined && options.settings !== null;
  if (typeof options?.activatedAt === 'number' && Number.isFinite(options.activatedAt)) state.activatedAt = options.activatedAt;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'alembic-lint' },
  };
}
