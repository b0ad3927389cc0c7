// A small LSP client for the tests: spawns dist/server.js over stdio and waits, with a timeout, for the
// diagnostics the server publishes.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  MessageType,
  PublishDiagnosticsNotification,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Command,
  type Diagnostic,
  type FileEvent,
  type InitializeResult,
  type MarkupContent,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type WindowClientCapabilities,
  type WorkspaceClientCapabilities,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node';
import { DatabaseRevisionsNotification, GraphChangedNotification, GraphRequest, SERVER_EXEC_ARGV, type DatabaseRevisionsParams, type GraphResult } from '../../protocol';
import { repoRoot } from '../helpers/repo';

/** How long a test waits for what it expects before failing with what it saw: generous, since a busy two-core machine is slow. */
export const DEFAULT_TIMEOUT_MS = 60_000;

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

export class LspClient {
  /** Every publishDiagnostics received, per URI, oldest first. */
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  /** window/logMessage and window/showMessage notifications. */
  readonly messages: { type: MessageType; message: string }[] = [];
  /** Every $/progress notification (work done progress the server shows), oldest first. */
  readonly progress: { token: string | number; value: unknown }[] = [];
  /** The arguments of each alembic/graphChanged notification (a NotificationType0: none are expected). */
  readonly graphChanges: unknown[][] = [];
  private readonly listeners = new Set<() => void>();
  private stderr = '';
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exitListeners: (() => void)[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    /** What this end's JSON-RPC connection logged as errors (a notification with the wrong parameters, say). */
    readonly connectionErrors: string[],
  ) {
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.on('exit', (code, signal) => {
      this.exited = { code, signal };
      for (const listener of this.exitListeners.splice(0)) listener();
      this.notify();
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      this.notify();
    });
    const record = (params: { type: MessageType; message: string }): void => {
      this.messages.push({ type: params.type, message: params.message });
      this.notify();
    };
    connection.onNotification(LogMessageNotification.type, record);
    // Answered as VS Code does (only a client that declares window.workDoneProgress is asked), then listened to.
    connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      connection.onProgress(WorkDoneProgress.type, token, (value) => {
        this.progress.push({ token, value });
        this.notify();
      });
    });
    connection.onNotification(ShowMessageNotification.type, record);
    // Registered with the protocol's own type, as the extension registers it, so a mismatch is logged below.
    connection.onNotification(GraphChangedNotification.type, (...args: unknown[]) => {
      this.graphChanges.push(args);
    });
  }

  static start(): LspClient {
    // Started the way the extension starts it (client/src/extension.ts), so the benchmark measures that process.
    const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connectionErrors: string[] = [];
    const logger = { error: (message: string) => void connectionErrors.push(message), warn: () => {}, info: () => {}, log: () => {} };
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!), logger);
    connection.listen();
    return new LspClient(child, connection, connectionErrors);
  }

  async initialize(
    root: string,
    settings: unknown = { lint: { rules: {} } },
    workspace: WorkspaceClientCapabilities = { workspaceFolders: true },
    window: WindowClientCapabilities = {},
  ): Promise<InitializeResult> {
    const result = await this.withTimeout(
      this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: fileUri(root),
        workspaceFolders: [{ uri: fileUri(root), name: path.basename(root) }],
        capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace, window },
        // null: no settings at all, as a client other than ours sends (the server then pulls them first).
        initializationOptions: settings === null ? {} : { settings },
      }),
      'the initialize response',
    );
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  latest(uri: string): PublishDiagnosticsParams | undefined {
    return this.published.get(uri)?.at(-1);
  }

  /**
   * Resolves with the latest diagnostics of `uri` once they satisfy `predicate` (checking what was already
   * received first). Rejects after `timeoutMs` with what was received, or when the server exits.
   */
  async waitForDiagnostics(
    uri: string,
    predicate: (params: PublishDiagnosticsParams) => boolean,
    description: string,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<PublishDiagnosticsParams> {
    const satisfied = (): boolean => {
      const latest = this.latest(uri);
      return latest !== undefined && predicate(latest);
    };
    await this.waitUntil(satisfied, `${description} on ${uri}`, timeoutMs, () => {
      const seen = this.latest(uri);
      return ` Latest: ${seen ? JSON.stringify(summarize(seen)) : 'none'}.`;
    });
    return this.latest(uri)!;
  }

  /**
   * Resolves once `condition` holds, checked now and after each message from the server. Rejects after
   * `timeoutMs` (saying what `seen` reports), or when the server exits.
   */
  waitUntil(condition: () => boolean, description: string, timeoutMs = DEFAULT_TIMEOUT_MS, seen: () => string = () => ''): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (condition()) {
          done();
          resolve();
        } else if (this.exited) {
          done();
          reject(new Error(`The server exited (${JSON.stringify(this.exited)}) while waiting for ${description}.${this.stderrTail()}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}.${seen()}${this.stderrTail()}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'python', version, text } });
  }

  change(uri: string, version: number, changes: { range: Range; text: string }[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  filesChanged(changes: FileEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  settingsChanged(alembic: unknown): Promise<void> {
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { alembic } });
  }

  /** What the client sends when it has read the connected databases' version tables. */
  databaseRevisions(params: DatabaseRevisionsParams): Promise<void> {
    return this.connection.sendNotification(DatabaseRevisionsNotification.type, params);
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const result = await this.withTimeout(
      this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only: ['quickfix'] } }),
      'the code actions',
    );
    return (result ?? []).filter((a: CodeAction | Command): a is CodeAction => 'kind' in a || 'edit' in a);
  }

  graph(): Promise<GraphResult> {
    return this.withTimeout(this.connection.sendRequest(GraphRequest.type, {}), 'the alembic/graph response');
  }

  /** The server's process id (the benchmark reads its memory). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  isRunning(): boolean {
    return this.exited === undefined;
  }

  /** shutdown + exit; resolves with the exit code. */
  async shutdown(): Promise<number | null> {
    await this.withTimeout(this.connection.sendRequest(ShutdownRequest.type), 'the shutdown response');
    const exited = new Promise<void>((resolve) => (this.exited ? resolve() : this.exitListeners.push(resolve)));
    await this.connection.sendNotification(ExitNotification.type);
    await this.withTimeout(exited, 'the server to exit');
    this.connection.dispose();
    return this.exited!.code;
  }

  /** For after() hooks: never leaves a server process behind. */
  kill(): void {
    this.connection.dispose();
    if (!this.exited) this.child.kill();
  }

  errorsLogged(): string[] {
    return this.messages.filter((m) => m.type === MessageType.Error).map((m) => m.message);
  }

  withTimeout<T>(promise: Promise<T>, description: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}.${this.stderrTail()}`)), timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private stderrTail(): string {
    const tail = this.stderr.trim().split('\n').slice(-10).join('\n');
    return tail ? ` Server stderr:\n${tail}` : '';
  }
}

function summarize(params: PublishDiagnosticsParams): unknown {
  return { version: params.version, diagnostics: params.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`) };
}

/** LSP 3.18 lets messages be markup. */
export function plainText(message: string | MarkupContent): string {
  return typeof message === 'string' ? message : message.value;
}

export function codes(params: PublishDiagnosticsParams): string[] {
  return params.diagnostics.map((d) => String(d.code));
}

/** The whole text replaced, as one incremental change. */
export function replaceAll(before: string, after: string): { range: Range; text: string }[] {
  const lines = before.split('\n');
  return [{ range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1]!.length } }, text: after }];
}
