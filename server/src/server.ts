// The language server: a connection (stdio with --stdio, IPC with --node-ipc, picked from argv) wired to
// the handlers in lsp/. No logic here.
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ParameterStructures,
  ProposedFeatures,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { initParsers } from './host/parsers';
import { codeActions } from './lsp/code-actions';
import { databaseRevisionsChanged } from './lsp/database';
import { documentChanged, documentClosed } from './lsp/documents';
import { graphRequest } from './lsp/graph';
import { initialize, rootsOf } from './lsp/initialize';
import { loadWorkspace, settingsChanged, workspaceFoldersChanged } from './lsp/lifecycle';
import { createState, describeError, guarded, NO_PROGRESS } from './lsp/state';
import { WATCHED_GLOBS, watchedFilesChanged } from './lsp/watched-files';
import { NodeFileSystem } from './host/node-fs';
import { parseAhead } from './host/parse/parse-pool';
import { DatabaseRevisionsNotification, GraphChangedNotification, GraphRequest } from '../../protocol';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const state = createState(new NodeFileSystem(), {
  publishDiagnostics: (uri, diagnostics, version) => void connection.sendDiagnostics({ uri, diagnostics, version }),
  // The connection forwards an absent parameter as `[null]`, which the client's NotificationType0 logs as an error;
  // a ParameterStructures value in the parameter's place is what vscode-jsonrpc sends as "no params".
  graphChanged: () => void connection.sendNotification(GraphChangedNotification.method, ParameterStructures.auto),
  error: (message) => connection.console.error(message),
  warn: (message) => {
    connection.console.warn(message);
    void connection.window.showWarningMessage(message);
  },
  info: (message) => connection.console.info(message),
  progress: async (title) => {
    if (!state.client.workDoneProgress) return NO_PROGRESS;
    try {
      const reporter = await connection.window.createWorkDoneProgress();
      reporter.begin(title);
      return { report: (message, percentage) => (percentage === undefined ? reporter.report(message) : reporter.report(percentage, message)), done: () => reporter.done() };
    } catch {
      // The client refused or went away: the work goes on without progress.
      return NO_PROGRESS;
    }
  },
});

// A large workspace's files are parsed in worker threads and, a batch at a time between messages, in this thread.
state.parseAhead = (requests, onProgress) => parseAhead(requests, { onProgress });

// The WASM parsers compile while the client and the server shake hands: the first load needs them at once.
const parsersLoaded = initParsers();
// Awaited in onInitialized, which reports a failure; until then a rejection is not "unhandled".
parsersLoaded.catch(() => {});

// The server must outlive any bug: log and keep serving.
process.on('unhandledRejection', (reason) => state.sink.error(`Unhandled rejection: ${describeError(reason)}`));
process.on('uncaughtException', (error) => state.sink.error(`Uncaught exception: ${describeError(error)}`));

function safely<A extends unknown[]>(what: string, handler: (...args: A) => void): (...args: A) => void {
  return (...args) => guarded(state, what, () => handler(...args), undefined);
}

async function pullSettings(): Promise<unknown> {
  return connection.workspace.getConfiguration('alembic');
}

connection.onInitialize((params) => initialize(state, params));

connection.onInitialized(async () => {
  // Round trips to a client that is still activating (registrations, the settings it also sent in initialize):
  // the first load does not wait for them, unless the client sent no settings (another editor than ours).
  const listening = listenForChanges().catch((error: unknown) => state.sink.error(`Registering for changes failed: ${describeError(error)}`));
  try {
    if (!state.settingsGiven) await listening;
    await parsersLoaded;
    await loadWorkspace(state);
  } catch (error) {
    state.sink.error(`Starting the Alembic language server failed: ${describeError(error)}`);
  }
  await listening;
});

async function listenForChanges(): Promise<void> {
  if (state.client.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(
      safely('Workspace folders change', (event) => {
        const removed = new Set(rootsOf({ workspaceFolders: event.removed, rootUri: null }));
        const added = rootsOf({ workspaceFolders: event.added, rootUri: null });
        void workspaceFoldersChanged(state, [...state.roots.filter((root) => !removed.has(root)), ...added]);
      }),
    );
  }
  if (state.client.watchedFiles) {
    await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
  }
  if (state.client.configurationChange) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'alembic' });
  if (state.client.configuration) settingsChanged(state, await pullSettings());
}

connection.onDidChangeConfiguration(async (params) => {
  try {
    const section = state.client.configuration ? await pullSettings() : (params.settings as { alembic?: unknown } | null)?.alembic;
    settingsChanged(state, section);
  } catch (error) {
    state.sink.error(`Reading the settings failed: ${describeError(error)}`);
  }
});

connection.onDidChangeWatchedFiles(safely('Files changed on disk', (params) => watchedFilesChanged(state, params.changes)));
documents.onDidChangeContent(safely('Document change', (event) => documentChanged(state, event.document)));
documents.onDidClose(safely('Document close', (event) => documentClosed(state, event.document.uri)));
connection.onCodeAction((params) => guarded(state, 'Code actions', () => codeActions(state, params), []));
connection.onNotification(DatabaseRevisionsNotification.type, safely('Database revisions', (params) => databaseRevisionsChanged(state, params)));
connection.onRequest(GraphRequest.type, (params) => guarded(state, GraphRequest.method, () => graphRequest(state, params), { locations: [], inis: [] }));
connection.onShutdown(() => {
  state.throttle.dispose();
  if (state.schemaFollowUp !== undefined) clearTimeout(state.schemaFollowUp);
});

documents.listen(connection);
connection.listen();
