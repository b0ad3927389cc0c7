// The client's one state object (rust-analyzer's Ctx): the language client, the "Alembic" output channel, the
// projects with their graph and database state, and the services around them. Views and the status bar
// listen to onDidChange; commands receive the Ctx.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CONNECTION_SETTINGS } from './config';
import { ConnectionService } from './database/connection-service';
import { EmbeddedService } from './embedded/embedded-service';
import { projectToOffer } from './embedded/embedded-offer';
import { projectOfFile } from './projects/location-owners';
import { CONTEXT_KEYS } from './commands/command-ids';
import type { DbState } from './database/db-state';
import { buildEntries, findIniFiles, isRunnable, requestGraph, type ProjectEntry, type RunnableProject } from './projects/project-entries';
import { SqlPreviews } from './views/sql-preview';
import { DatabaseRevisionsNotification, GraphChangedNotification, type DatabaseRevisions, type GraphResult } from '../../protocol';
import { headsToMerge } from './graph/heads-to-merge';
import { ProjectRunLock } from './alembic/run-lock';
import type { ClientConfig } from 'pg';
import { InterpreterService } from './alembic/interpreter';
import { driverForUrl, type DriverNeed } from '../../common/interpreter-search';
import { VerifyService } from './verify/verify-service';

/** A burst of graph changes (a checkout, a search-and-replace) is read once. */
const GRAPH_REFRESH_DEBOUNCE_MS = 200;
const EMBEDDED_OFFERED_KEY = 'alembic.embeddedDatabaseOffered';

export class Ctx implements vscode.Disposable {
  readonly output: vscode.OutputChannel;
  readonly embedded: EmbeddedService;
  readonly connections: ConnectionService;
  /** Which Python runs each project's CLI, and why. */
  readonly interpreters: InterpreterService;
  readonly sqlPreviews = new SqlPreviews();
  /** One run of the project's command per project at a time. */
  readonly runs = new ProjectRunLock();
  private readonly changed = new vscode.EventEmitter<void>();
  /** What the last verify of each revision file found, until the file changes. */
  readonly verify = new VerifyService(() => this.changed.fire());
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  projects: ProjectEntry[] = [];
  private iniPaths: string[] = [];
  private graph: GraphResult = { locations: [], inis: [] };
  private readonly db = new Map<string, DbState>();
  /** Projects the user disconnected: background refreshes leave them alone until Connect. */
  private readonly disconnected = new Set<string>();
  /** Per project, the number of the latest database read: an older read that finishes late is dropped. */
  private readonly reads = new Map<string, number>();
  private graphTimer: ReturnType<typeof setTimeout> | undefined;
  private markIndexed: () => void = () => {};
  /**
   * Settles when the language server has indexed the workspace and published (its first graphChanged): work of ours
   * that is not asked for waits for it, so that the first diagnostics do not share the CPU with it.
   */
  readonly indexed = new Promise<void>((resolve) => (this.markIndexed = resolve));

  constructor(
    readonly extension: vscode.ExtensionContext,
    readonly client: LanguageClient,
  ) {
    this.output = vscode.window.createOutputChannel('Alembic');
    this.embedded = new EmbeddedService(
      (line) => this.output.appendLine(line),
      () => void this.refreshDatabases(false),
    );
    this.connections = new ConnectionService(extension.secrets, extension.globalState, this.embedded, (line) => this.output.appendLine(line));
    this.interpreters = new InterpreterService(
      (line) => this.output.appendLine(line),
      (entry) => this.driverNeed(entry),
      this.indexed,
    );
    this.disposables.push(this.output, this.changed, this.verify, this.sqlPreviews, this.interpreters, this.interpreters.onDidChange(() => this.changed.fire()));
  }

  /** Settles once the workspace's projects were found the first time: commands wait for it before deciding there are none. */
  private firstScan: Promise<void> = Promise.resolve();

  get projectsLoaded(): Promise<void> {
    return this.firstScan;
  }

  /** Loads projects and graph, connects, and starts listening for what changes them. */
  async start(): Promise<void> {
    this.listen();
    this.firstScan = this.reloadProjects();
    await this.firstScan;
    await this.refreshDatabases(false);
    void this.offerEmbeddedDatabase();
  }

  private listen(): void {
    this.disposables.push(
      // The server says when a revision graph changed: after indexing the workspace, and when ids, parents or files change.
      this.client.onNotification(GraphChangedNotification.type, () => {
        this.markIndexed();
        this.scheduleGraphRefresh();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.refreshDatabases(false).then(() => this.offerEmbeddedDatabase())),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (CONNECTION_SETTINGS.some((s) => event.affectsConfiguration(s))) void this.refreshDatabases(false);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reloadProjects().then(() => this.refreshDatabases(false))),
      vscode.window.onDidChangeActiveTextEditor(() => this.changed.fire()),
    );
    const iniWatcher = vscode.workspace.createFileSystemWatcher('**/alembic.ini');
    const reload = (): void => void this.reloadProjects().then(() => this.refreshDatabases(false));
    this.disposables.push(iniWatcher, iniWatcher.onDidCreate(reload), iniWatcher.onDidDelete(reload), iniWatcher.onDidChange(reload));
  }

  dispose(): void {
    if (this.graphTimer) clearTimeout(this.graphTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  // ---------------------------------------------------------------------------------------------
  // Projects and graph

  private scheduleGraphRefresh(delayMs = GRAPH_REFRESH_DEBOUNCE_MS): void {
    if (this.graphTimer) clearTimeout(this.graphTimer);
    this.graphTimer = setTimeout(() => {
      this.graphTimer = undefined;
      void this.refreshGraph();
    }, delayMs);
  }

  /** Finds every alembic.ini again, then the graph. */
  async reloadProjects(): Promise<void> {
    this.iniPaths = await findIniFiles();
    await this.refreshGraph();
  }

  async refreshGraph(): Promise<void> {
    try {
      this.graph = await requestGraph(this.client);
    } catch (error) {
      this.output.appendLine(`Could not get the revision graph from the language server: ${error instanceof Error ? error.message : String(error)}`);
    }
    const urls = new Map(this.projects.map((p) => [p.key, p.ini?.sqlalchemyUrl]));
    this.projects = buildEntries(this.iniPaths, this.graph);
    const known = new Set(this.projects.map((p) => p.key));
    for (const key of [...this.db.keys()]) if (!known.has(key)) this.db.delete(key);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasProjects, this.projects.length > 0);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.multipleHeads, this.graph.locations.some((l) => headsToMerge(l) !== undefined));
    this.sendDatabaseRevisions();
    this.changed.fire();
    // alembic.ini's sqlalchemy.url comes with the graph: an edited one may name another database.
    for (const entry of this.runnableProjects) {
      if (urls.has(entry.key) && urls.get(entry.key) !== entry.ini.sqlalchemyUrl && !this.disconnected.has(entry.key)) void this.readDatabase(entry, false);
    }
  }

  project(key: string): ProjectEntry | undefined {
    return this.projects.find((p) => p.key === key);
  }

  /** Projects commands can run in (those with an alembic.ini). */
  get runnableProjects(): RunnableProject[] {
    return this.projects.filter(isRunnable);
  }

  /** The project of the active editor's file, else the first runnable one: what the status bar shows. */
  get focusedProject(): ProjectEntry | undefined {
    const file = vscode.window.activeTextEditor?.document.uri;
    const runnable = this.runnableProjects;
    const byDir = runnable.map((entry) => ({ entry, dir: entry.ini.dir }));
    const fromEditor = file?.scheme === 'file' ? projectOfFile(byDir, file.fsPath)?.entry : undefined;
    return fromEditor ?? runnable[0] ?? this.projects[0];
  }

  // ---------------------------------------------------------------------------------------------
  // Databases

  dbState(entry: ProjectEntry): DbState {
    if (!vscode.workspace.isTrusted) return { kind: 'untrusted' };
    return this.db.get(entry.key) ?? { kind: 'connecting', display: '...', source: '' };
  }

  /** The current revisions of the project's database when connected. */
  current(entry: ProjectEntry): string[] | undefined {
    const state = this.dbState(entry);
    return state.kind === 'connected' ? state.current : undefined;
  }

  /** Reads every project's version table again (skipping those the user disconnected). */
  async refreshDatabases(interactive: boolean): Promise<void> {
    await Promise.all(this.runnableProjects.filter((p) => !this.disconnected.has(p.key)).map((p) => this.readDatabase(p, interactive)));
  }

  async connect(entry: ProjectEntry): Promise<DbState> {
    this.disconnected.delete(entry.key);
    return this.readDatabase(entry, true);
  }

  disconnect(entry: ProjectEntry): void {
    this.disconnected.add(entry.key);
    const previous = this.db.get(entry.key);
    const where = previous && 'display' in previous ? { display: previous.display, source: previous.source } : { display: 'database', source: 'not connected' };
    this.db.set(entry.key, { kind: 'disconnected', ...where });
    this.fireDatabaseChange();
  }

  private async readDatabase(entry: ProjectEntry, interactive: boolean): Promise<DbState> {
    if (!vscode.workspace.isTrusted) return { kind: 'untrusted' };
    const read = (this.reads.get(entry.key) ?? 0) + 1;
    this.reads.set(entry.key, read);
    const previous = this.db.get(entry.key);
    if (!previous || previous.kind !== 'connected') {
      this.db.set(entry.key, { kind: 'connecting', display: previous && 'display' in previous ? previous.display : '...', source: previous && 'source' in previous ? previous.source : '' });
      this.fireDatabaseChange();
    }
    let state: DbState;
    try {
      state = (await this.connections.readState(entry, interactive)).state;
    } catch (error) {
      state = { kind: 'failed', display: 'database', source: '', failure: 'other', message: error instanceof Error ? error.message : String(error) };
    }
    if (this.reads.get(entry.key) !== read) return state;
    // A Disconnect pressed while connecting wins.
    if (this.disconnected.has(entry.key) && !interactive) return this.dbState(entry);
    this.db.set(entry.key, state);
    this.fireDatabaseChange();
    // Another database may need another driver (the embedded one started, alembic.databaseUrl changed).
    if (isRunnable(entry)) this.interpreters.recheck(entry);
    return state;
  }

  private fireDatabaseChange(): void {
    const connected = [...this.db.values()].some((s) => s.kind === 'connected');
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.anyConnected, connected);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.embeddedRunning, this.embedded.isRunning);
    this.sendDatabaseRevisions();
    this.changed.fire();
  }

  /** What was last sent to the server (alembic/databaseRevisions): sent again only when it changes. */
  private sentRevisions = '[]';

  /** Tells the server what each connected database has applied: the `pending` lint scope reads it. */
  private sendDatabaseRevisions(): void {
    const locations: DatabaseRevisions[] = this.projects.flatMap((entry) => {
      const current = this.current(entry);
      return current === undefined ? [] : entry.locations.map((location) => ({ location: location.path, current }));
    });
    const sent = JSON.stringify(locations);
    if (sent === this.sentRevisions) return;
    this.sentRevisions = sent;
    this.client.sendNotification(DatabaseRevisionsNotification.type, { locations }).catch((error: unknown) => {
      this.output.appendLine(`Could not tell the language server what the databases have applied: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /**
   * The environment a project's CLI runs with: ours plus the resolved connection (asking for a password if needed),
   * and the extension's own connection to the same database (`pg`, for cancelling the run's sessions).
   * undefined when the user dismissed the password prompt. Without any database the CLI runs with its own configuration.
   */
  async childConnection(entry: ProjectEntry): Promise<{ env: Record<string, string>; pg?: ClientConfig; allowCleartext?: boolean } | undefined> {
    const base: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) if (value !== undefined) base[name] = value;
    const resolution = await this.connections.resolve(entry, true);
    if (resolution.kind === 'needs-password') return undefined;
    if (resolution.kind === 'problem') {
      this.output.appendLine(`${entry.name}: ${resolution.problem.problem} The command runs with its own database configuration.`);
      return { env: base };
    }
    // The cancel's connection (guarded-run.ts) sends only what reading the version table may send unasked.
    const own = this.connections.silentConnection(resolution.connection);
    return { env: { ...base, ...resolution.connection.env }, ...(own ?? {}) };
  }

  /**
   * The driver the project's database URL needs (psycopg2 for postgresql://), from the connection as resolved
   * without asking for anything; undefined when no URL is known: the check then stays silent about drivers.
   */
  private async driverNeed(entry: ProjectEntry): Promise<DriverNeed | undefined> {
    try {
      const resolution = await this.connections.resolve(entry, false);
      return resolution.kind === 'problem' ? undefined : driverForUrl(resolution.connection.env['DATABASE_URL']);
    } catch {
      return undefined;
    }
  }

  /** The version table read now (connecting if needed), for confirmations: never the views' cached state. `problem`: why not. */
  async readCurrentNow(entry: ProjectEntry): Promise<{ ok: true; current: string[] } | { ok: false; problem: string }> {
    const state = await this.connect(entry);
    if (state.kind === 'connected') return { ok: true, current: state.current };
    const reason = state.kind === 'failed' ? state.message : state.kind === 'unconfigured' ? state.problem : 'not connected';
    return { ok: false, problem: reason };
  }

  /** After a command: the files may have changed (new revision) and the database surely did. */
  async refreshAfterRun(entry: ProjectEntry): Promise<void> {
    await this.refreshGraph();
    if (!this.disconnected.has(entry.key)) await this.readDatabase(entry, false);
  }

  // ---------------------------------------------------------------------------------------------
  // Embedded database

  async startEmbedded(folder: vscode.WorkspaceFolder): Promise<void> {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Alembic: starting the embedded database' }, () =>
      this.embedded.start(folder.uri.fsPath),
    );
    for (const entry of this.runnableProjects) if (entry.folder?.uri.fsPath === folder.uri.fsPath) this.disconnected.delete(entry.key);
    this.fireDatabaseChange();
    await this.refreshDatabases(false);
  }

  async stopEmbedded(): Promise<void> {
    await this.embedded.stop();
    this.fireDatabaseChange();
    await this.refreshDatabases(false);
  }

  /** Once per workspace: a project without any database, that can run migrations, gets the offer of the embedded one. */
  private async offerEmbeddedDatabase(): Promise<void> {
    const state = this.extension.workspaceState;
    if (!vscode.workspace.isTrusted || this.embedded.isRunning || state.get<boolean>(EMBEDDED_OFFERED_KEY)) return;
    const unconfigured = projectToOffer(this.runnableProjects, (p) => this.db.get(p.key)?.kind === 'unconfigured', (file) => fs.existsSync(file));
    if (!unconfigured) return;
    await state.update(EMBEDDED_OFFERED_KEY, true);
    const start = 'Start Embedded Database';
    const configure = 'Set alembic.databaseUrl';
    const choice = await vscode.window.showInformationMessage(
      `${unconfigured.name} has no database configured. Start an embedded development database (PostgreSQL in WebAssembly, data kept in .alembic/) to try the migrations?`,
      start,
      configure,
    );
    // Through the command: it reports a failure to start.
    if (choice === start) await vscode.commands.executeCommand('alembic.startEmbeddedDatabase', unconfigured.key);
    else if (choice === configure) await vscode.commands.executeCommand('workbench.action.openSettings', 'alembic.databaseUrl');
  }
}
