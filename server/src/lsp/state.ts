// Everything the handlers share. Handlers are plain functions over this state; server.ts only connects them
// to the LSP connection, so they can be tested without one.
import type { RevisionGraph } from '../core/graph/types';
import type { Project } from '../host/project';
import type { ParsedAhead } from '../host/parse/parse-pool';
import type { ReadRequest } from '../core/migration/read-migration';
import type { FileSystem } from '../core/fs';
import { ChangeThrottle, DOCUMENT_INTERVAL_MS } from './change-throttle';
import type { Diagnostic, FileEvent } from 'vscode-languageserver';
import { defaultSettings, type AlembicSettings } from './settings';

/** What the handlers need of an open editor document (vscode-languageserver-textdocument's TextDocument has it). */
export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** Where handlers send their results: the connection in server.ts, a recorder in tests. */
export interface ServerSink {
  publishDiagnostics(uri: string, diagnostics: Diagnostic[], version?: number): void;
  /** A revision graph may have changed: the client asks for alembic/graph again. */
  graphChanged(): void;
  /** Logged to the output channel. Never pass file contents. */
  error(message: string): void;
  /** Shown to the user (configuration problems). */
  warn(message: string): void;
  /** Logged to the output channel: what the server did and how long it took. */
  info(message: string): void;
  /** Window progress (where the client shows it) while long work runs; `done()` ends it. */
  progress(title: string): Promise<ProgressReport>;
}

export interface ProgressReport {
  report(message: string, percentage?: number): void;
  done(): void;
}

/** Progress where the client shows none. */
export const NO_PROGRESS: ProgressReport = { report: () => {}, done: () => {} };

/**
 * Progress the work need not wait for: creating it is a round trip to a client that may still be activating (an
 * extension host busy with its views), which the first load must not sit out. What is reported before the client
 * answers is shown once it has (the latest message only); work that ends before then ends the progress at once.
 */
export function progressWithoutWaiting(shown: Promise<ProgressReport>): ProgressReport {
  let ready: ProgressReport | undefined;
  let latest: { message: string; percentage: number | undefined } | undefined;
  let ended = false;
  shown.then(
    (progress) => {
      ready = progress;
      if (ended) progress.done();
      else if (latest) progress.report(latest.message, latest.percentage);
    },
    () => {},
  );
  return {
    report: (message, percentage) => (ready ? ready.report(message, percentage) : (latest = { message, percentage })),
    done: () => {
      ended = true;
      ready?.done();
    },
  };
}

/** What the client can do, from its initialize request. */
export interface ClientSupport {
  /** workspace/configuration: settings are pulled rather than read from the notification. */
  configuration: boolean;
  /** Dynamic registration of file watchers. */
  watchedFiles: boolean;
  /** Dynamic registration of didChangeConfiguration (needed to be told about changes in the pull model). */
  configurationChange: boolean;
  workspaceFolders: boolean;
  /** window/workDoneProgress/create: the server may show progress. */
  workDoneProgress: boolean;
}

export interface ServerState {
  fs: FileSystem;
  client: ClientSupport;
  sink: ServerSink;
  /** Workspace folders (absolute paths). */
  roots: string[];
  settings: AlembicSettings;
  projects: Project[];
  /** Projects for files opened outside every workspace folder, by folder. */
  looseProjects: Map<string, Project>;
  /** Open documents by path. */
  documents: Map<string, OpenDocument>;
  /** Path -> the document version the workspace holds (what published diagnostics describe). */
  syncedVersions: Map<string, number>;
  /** Path -> URI of every file whose last published diagnostics were not empty. */
  published: Map<string, string>;
  /** Decides when an edited document is analysed. */
  throttle: ChangeThrottle<string>;
  /** The projects' summed Workspace.graphVersion last announced with graphChanged. */
  announcedGraphVersion: number;
  /** Set once the parsers are loaded and the projects built; before that, changes only queue up. */
  ready: boolean;
  /** The client sent its settings in initialize (ours does): the first load need not wait for the pull. */
  settingsGiven?: boolean;
  /** When the extension activated (ms since the epoch), if the client said: the first load reports against it. */
  activatedAt?: number;
  /** Counts the loads of the workspace started: a load that sees a newer one started gives way to it. */
  loads: number;
  /**
   * Reads and parses a load's files ahead, in worker threads (server.ts: host/parse/parse-pool.ts); unset, a load
   * parses in-process, in slices (the handler tests).
   */
  parseAhead?: (requests: readonly ReadRequest[], onProgress: (done: number, total: number) => void) => Promise<ParsedAhead>;
  /** While a load reads the files: changes on disk seen meanwhile, applied once it is done. */
  changesDuringLoad?: FileEvent[];
  /** Project notices already shown (each is shown once). */
  shownNotices: Set<string>;
  /** Script location -> the current revisions of its connected database, as the client last read them. */
  databaseRevisions: Map<string, readonly string[]>;
  /** Per graph, the revisions applied in its database (scope.ts). */
  appliedSets: WeakMap<RevisionGraph, { key: string; applied: ReadonlySet<string> }>;
  /** The pending re-publish of the files an edited upgrade re-judges (see publish.ts). */
  schemaFollowUp?: ReturnType<typeof setTimeout>;
}

export function createState(fs: FileSystem, sink: ServerSink, intervalMs = DOCUMENT_INTERVAL_MS): ServerState {
  return {
    fs,
    sink,
    client: { configuration: false, watchedFiles: false, configurationChange: false, workspaceFolders: false, workDoneProgress: false },
    roots: [],
    settings: defaultSettings,
    projects: [],
    looseProjects: new Map(),
    documents: new Map(),
    syncedVersions: new Map(),
    published: new Map(),
    throttle: new ChangeThrottle(intervalMs),
    announcedGraphVersion: -1,
    ready: false,
    loads: 0,
    shownNotices: new Set(),
    databaseRevisions: new Map(),
    appliedSets: new WeakMap(),
  };
}

/** Runs one handler's work; an exception is logged (message and stack only) and yields `fallback`. */
export function guarded<T>(state: ServerState, what: string, run: () => T, fallback: T): T {
  try {
    return run();
  } catch (error) {
    state.sink.error(`${what} failed: ${describeError(error)}`);
    return fallback;
  }
}

/** Message and stack, never the file contents a value might hold. */
export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
