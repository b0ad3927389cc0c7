// The incremental workspace index: every migration file of every script location, parsed once and re-parsed on
// change; a location's graph rebuilt only when a file's revision ids change; findings cached per file.
import * as path from 'node:path';
import { isExcluded, type LintConfig } from './config';
import type { FileSystem } from './fs';
import { buildGraph, revisionInGraph } from './graph/build';
import { adHocLocation, findScriptLocations, listMigrationFiles, locationForFile } from './graph/locations';
import type { RevisionGraph, ScriptLocation } from './graph/types';
import { lintFile, severityOf } from './lint';
import { rulesOfScope } from './rules';
import { schemaContextFor } from './schema/context';
import type { Schema } from './schema/model';
import type { ReplayOptions } from './schema/replay-migration';
import { DocumentTrees } from './migration';
import { unreadableMigration } from './migration/parse-migration';
import { readMigration, type ParsedFiles, type ReadMigration, type ReadRequest } from './migration/read-migration';
import { isWithin } from '../../../common/paths';
import { readNamingConvention, SchemaHistory, type RevisionSchema } from './schema';
import type { BaseTexts, FileBase, Finding, MigrationFile, ProjectNotice, RevisionAssignment } from './types';

/** How far Workspace.loading() has come: files read, of all the script locations' files. */
export interface LoadProgress {
  done: number;
  total: number;
}

/**
 * What a load will read, found before anything is read: a host may read and parse `reads` ahead (in other
 * threads) and hand the results to loading() or rescan().
 */
export interface LoadPlan {
  locations: ScriptLocation[];
  /** Configuration problems findScriptLocations found. */
  notices: ProjectNotice[];
  files: { file: string; location: ScriptLocation }[];
  /** The files another reader may read: every one but the links out of the project, which are not read at all. */
  reads: ReadRequest[];
}

interface Entry {
  file: MigrationFile;
  /** The editor's text wins over the disk until the document closes. */
  overlay: boolean;
  /** The text is the whole file: not a head cut at the size limit, nor the nothing of an unreadable file. */
  whole: boolean;
  location: ScriptLocation;
  /** Revision ids, parents, dependencies and labels: when it changes, the location's graph changes. */
  signature: string;
  /** What its upgrade does to the schema: when it changes, the snapshots of its descendants may change. */
  upgradeSignature: string;
  fileFindings?: Finding[];
  graphFindings?: Finding[];
  /** Findings of the schema rules, for the schema before the revision they were computed on. */
  schemaFindings?: { before: Schema | undefined; findings: Finding[] };
}

interface LocationState {
  location: ScriptLocation;
  members: Set<string>;
  graph?: RevisionGraph;
  /** Path -> its place in graph.files, made on the first edit that keeps the graph's shape. */
  fileIndex?: Map<string, number>;
  /** Schema snapshots per revision, kept across edits: an edit replays only what it changed. */
  schemas?: SchemaHistory;
  /** The snapshots for the current files and the options they were made with; dropped on any change. */
  revisions?: { byId: ReadonlyMap<string, RevisionSchema>; options: ReplayOptions; version: number };
  /** An upgrade changed since the snapshots were last complete: other files' schema findings may be stale. */
  upgradeEdited?: boolean;
}

export class Workspace {
  private readonly entries = new Map<string, Entry>();
  private readonly states = new Map<string, LocationState>();
  private scanned: ScriptLocation[] = [];
  /** From the last scan: configuration problems found by findScriptLocations, links not followed. */
  private scanNotices: ProjectNotice[] = [];
  /** Link -> the notice saying it was not followed (kept until the link is read again). */
  private readonly linkNotices = new Map<string, ProjectNotice>();
  /** Real paths of the folders links may point into: the roots, and any alembic.ini folder above them. */
  private boundaries: string[] | undefined;
  private graphChanges = 0;
  /** Syntax trees of the documents open in the editor, re-parsed incrementally on each keystroke. */
  private readonly trees = new DocumentTrees();
  /** The files in the base revision, as the host read them from git; undefined: no base. */
  private base: BaseTexts | undefined;
  private appliedBase: BaseTexts | undefined;

  constructor(
    private readonly fs: FileSystem,
    private readonly roots: string[],
    private config: LintConfig,
  ) {}

  /** Finds script locations under the roots and parses every migration file in them. */
  load(): void {
    for (const _ of this.loading());
  }

  /** Finds the script locations under the roots and the files a load reads; reads none of them. */
  plan(): LoadPlan {
    const { locations, notices, files } = this.scan();
    const boundaries = this.linkBoundaries(locations);
    const reads = files
      .filter(({ file }) => this.linkOutside(file, boundaries) === undefined)
      .map(({ file }) => ({ path: file, loaded: locationForFile(file, locations) !== undefined }));
    return { locations, notices, files, reads };
  }

  /** plan() without `reads`, which only a host that parses ahead needs (it resolves every file's links). */
  private scan(): Omit<LoadPlan, 'reads'> {
    const notices: ProjectNotice[] = [];
    const locations = findScriptLocations(this.roots, this.fs, notices);
    const files = locations.flatMap((location) => listMigrationFiles(location, this.fs).map((file) => ({ file, location })));
    return { locations, notices, files };
  }

  /**
   * load() in steps, so that a host can spread the work and show progress: yields once the script locations are
   * found (`done` 0) and again after each file is read. With `parsed` (a host read and parsed the plan's files
   * ahead, in other threads), a file it holds is taken as it is; one it lacks is read and parsed here.
   */
  *loading(plan?: LoadPlan, parsed?: ParsedFiles): Generator<LoadProgress, void, void> {
    const { locations, notices, files } = plan ?? this.scan();
    this.scanNotices = notices;
    this.boundaries = undefined;
    this.scanned = locations;
    yield { done: 0, total: files.length };
    for (const [i, { file, location }] of files.entries()) {
      this.readFromDisk(file, location, parsed);
      yield { done: i + 1, total: files.length };
    }
  }

  /** Replaces the configuration; findings are recomputed on next request. */
  setConfig(config: LintConfig): void {
    this.config = config;
    for (const entry of this.entries.values()) {
      entry.fileFindings = undefined;
      entry.graphFindings = undefined;
      entry.schemaFindings = undefined;
    }
  }

  /** Replaces the base revision's texts (undefined: none); returns the paths whose findings may have changed. */
  setBase(base: BaseTexts | undefined): string[] {
    return this.rebase(() => (this.base = base));
  }

  /**
   * The last commit's texts of the files whose revisions the connected database has applied (the editor reads
   * them): an edit of one is an edit of an applied migration even where the base branch does not have the file.
   */
  setAppliedBase(base: BaseTexts | undefined): string[] {
    return this.rebase(() => (this.appliedBase = base));
  }

  /**
   * Changes what files are compared with. Only a file that differs from it, before or after, has anything to
   * report: the others keep their findings (a base read after the first diagnostics must not re-lint every file).
   */
  private rebase(change: () => void): string[] {
    const differs = ([filePath, entry]: [string, Entry]): boolean => {
      const text = this.lintBaseOf(filePath)?.text;
      return typeof text === 'string' && text !== entry.file.text;
    };
    const differed = [...this.entries].filter(differs);
    change();
    const stale = new Map([...differed, ...[...this.entries].filter(differs)]);
    for (const entry of stale.values()) entry.fileFindings = undefined;
    return [...stale.keys()];
  }

  /** What a file is compared with: the base branch's text where it has the file, else the applied revision's. */
  private lintBaseOf(filePath: string): FileBase | undefined {
    const branch = this.baseOf(filePath);
    if (branch?.text) return branch;
    const applied = this.appliedBase?.texts.get(filePath);
    return applied ? { ref: this.appliedBase!.ref, text: applied, applied: true } : branch;
  }

  /**
   * Added or changed since the base (what --only-changed and the editor's `changed` scope report), or no base to
   * tell. Line ends do not count: a checkout with core.autocrlf changes them all.
   */
  changedSinceBase(filePath: string): boolean {
    const base = this.baseOf(filePath);
    const text = this.entries.get(filePath)?.file.text;
    return base === undefined || base.text === null || text === undefined || lineFeeds(base.text) !== lineFeeds(text);
  }

  /** A file's text in the base: undefined without a base, or when the base's texts do not say (not read, not tracked). */
  baseOf(filePath: string): FileBase | undefined {
    const text = this.base?.texts.get(filePath);
    return this.base && text !== undefined ? { ref: this.base.ref, text } : undefined;
  }

  /**
   * Sets the text of a file as the editor has it, or, with `undefined`, drops the editor's text and re-reads the
   * file from disk (closed, changed, created or deleted). Returns the paths whose findings may have changed.
   */
  update(filePath: string, text: string | undefined): Set<string> {
    const before = this.entries.get(filePath);
    const location = before?.location ?? this.locationFor(filePath);
    if (text === undefined) this.trees.forget(filePath);
    const after =
      text === undefined ? this.readFromDisk(filePath, location) : this.setEntry(filePath, this.trees.parse(filePath, text), location, true);
    const affected = new Set<string>([filePath]);
    const state = this.states.get(location.path);
    if (state) state.revisions = undefined;
    if (before?.signature !== after?.signature) {
      if (state) {
        this.invalidate(state);
        for (const member of state.members) affected.add(member);
        for (const member of state.members) {
          const entry = this.entries.get(member);
          if (entry) entry.graphFindings = undefined;
        }
      }
    } else if (after) {
      this.replaceInGraph(after);
      // The revisions built on it may start from another schema now: staleSchemaFiles() says which, when asked.
      if (state && before?.upgradeSignature !== after.upgradeSignature) state.upgradeEdited = true;
    }
    return affected;
  }

  /**
   * Re-scans for script locations (an alembic.ini or a versions/ folder appeared or went away). `plan` and
   * `parsed`: as for loading(), a plan made just before and the files a host parsed for it.
   */
  rescan(plan?: LoadPlan, parsed?: ParsedFiles): Set<string> {
    const overlays = [...this.entries].filter(([, e]) => e.overlay).map(([p, e]) => [p, e.file.text] as const);
    const before = new Set(this.entries.keys());
    this.entries.clear();
    this.states.clear();
    this.linkNotices.clear();
    for (const _ of this.loading(plan, parsed));
    for (const [p, text] of overlays) this.update(p, text);
    return new Set([...before, ...this.entries.keys()]);
  }

  /** Findings for one file; [] for files that are not migrations and for files the configuration excludes (they stay in the graph). */
  findings(filePath: string): Finding[] {
    const entry = this.entries.get(filePath);
    if (!entry || !isAnalysed(entry.file) || this.isExcluded(filePath)) return [];
    const graph = this.graphOf(entry.location);
    // A file not read whole would differ from any base: it is python-syntax's to report.
    entry.fileFindings ??= lintFile(entry.file, graph, this.config, 'file', { base: entry.whole ? this.lintBaseOf(filePath) : undefined });
    entry.graphFindings ??= lintFile(entry.file, graph, this.config, 'graph');
    const schema = this.schemaFindings(entry, graph);
    return [...entry.fileFindings, ...entry.graphFindings, ...schema].sort((a, b) => a.range.start - b.range.start || a.rule.localeCompare(b.rule));
  }

  /** The revision graph of the file's script location, and the file's revision id in it (when it declares one). */
  revisionOf(filePath: string): { graph: RevisionGraph; id: string | undefined } | undefined {
    const entry = this.entries.get(filePath);
    const graph = entry && this.graphOf(entry.location);
    return entry && graph ? { graph, id: revisionInGraph(graph, entry.file) } : undefined;
  }

  paths(): string[] {
    return [...this.entries.keys()].filter((p) => this.isMigrationPath(p)).sort();
  }

  file(filePath: string): MigrationFile | undefined {
    return this.entries.get(filePath)?.file;
  }

  graphs(): RevisionGraph[] {
    return [...this.states.values()]
      .filter((s) => s.members.size > 0)
      .flatMap((s) => this.graphOf(s.location) ?? [])
      .sort((a, b) => a.location.path.localeCompare(b.location.path));
  }

  /**
   * The schema after each revision of a location's graph, computed when first asked for and then kept until a file
   * of the location changes: the next call replays only the revisions whose file changed and their descendants.
   */
  revisionSchemas(graph: RevisionGraph): ReadonlyMap<string, RevisionSchema> {
    return this.revisionsOf(graph).byId;
  }

  /** With `until`, only the snapshots up to that revision need be current (the rest may be older). */
  private revisionsOf(graph: RevisionGraph, until?: string): { byId: ReadonlyMap<string, RevisionSchema>; options: ReplayOptions; version: number } {
    const state = this.states.get(graph.location.path);
    if (state?.revisions && state.graph === graph) return state.revisions;
    const history = state ? (state.schemas ??= new SchemaHistory()) : new SchemaHistory();
    // Alembic's op.* calls name what they leave unnamed by env.py's target_metadata convention, when env.py spells it out.
    const envPath = path.join(graph.location.path, 'env.py');
    // A link out of the project is not followed, as for migrations.
    const envText = this.linkOutside(envPath) === undefined ? this.fs.readFile(envPath) : undefined;
    const convention = envText === undefined ? undefined : readNamingConvention(envText);
    const options: ReplayOptions = convention ? { convention } : {};
    const byId = history.compute(graph, options, until);
    const revisions = { byId, options, version: history.version };
    if (state && state.graph === graph && !history.partial) state.revisions = revisions;
    return revisions;
  }

  /** Findings of the schema rules: kept while the schema before the file's revision is the same snapshot. */
  private schemaFindings(entry: Entry, graph: RevisionGraph | undefined): Finding[] {
    if (!rulesOfScope('schema').some((rule) => severityOf(rule, this.config) !== undefined)) return [];
    if (!graph) return (entry.schemaFindings ??= { before: undefined, findings: lintFile(entry.file, graph, this.config, 'schema') }).findings;
    const revisions = this.revisionsOf(graph, entry.file.revision?.ids[0]?.value);
    const context = schemaContextFor(revisions.byId, graph, entry.file, revisions.options, revisions.version);
    if (entry.schemaFindings?.before !== context?.before || entry.schemaFindings === undefined) {
      entry.schemaFindings = { before: context?.before, findings: lintFile(entry.file, graph, this.config, 'schema', { schema: context }) };
    }
    return entry.schemaFindings.findings;
  }

  /**
   * After an edit of an upgrade: the other files whose schema findings were made on a snapshot that has changed
   * since (the revisions built on the edited one). Replays what the edit changed; empty when no upgrade was edited.
   */
  get upgradeEdited(): boolean {
    return [...this.states.values()].some((s) => s.upgradeEdited === true);
  }

  staleSchemaFiles(): string[] {
    const stale: string[] = [];
    for (const state of this.states.values()) {
      if (!state.upgradeEdited) continue;
      state.upgradeEdited = false;
      const graph = this.graphOf(state.location);
      if (!graph) continue;
      const revisions = this.revisionsOf(graph).byId;
      for (const member of state.members) {
        const entry = this.entries.get(member);
        const id = entry?.file.revision?.ids[0]?.value;
        if (entry?.schemaFindings && id !== undefined && entry.schemaFindings.before !== revisions.get(id)?.start) stale.push(member);
      }
    }
    return stale;
  }

  /** What the scan found that is no finding in a migration: configuration problems, links not followed. */
  notices(): ProjectNotice[] {
    return [...this.scanNotices, ...this.linkNotices.values()];
  }

  /** Every script location found, also those whose versions folders hold no migration yet. */
  scriptLocations(): readonly ScriptLocation[] {
    return this.scanned;
  }

  locations(): ScriptLocation[] {
    return [...this.states.values()].filter((s) => s.members.size > 0).map((s) => s.location);
  }

  /** Grows whenever a location's graph may have changed shape (ids, parents, files added or removed). */
  get graphVersion(): number {
    return this.graphChanges;
  }

  isMigrationPath(filePath: string): boolean {
    const entry = this.entries.get(filePath);
    return entry !== undefined && isAnalysed(entry.file);
  }

  private isExcluded(filePath: string): boolean {
    if (this.config.exclude.length === 0) return false;
    const root = this.roots.find((r) => isWithin(filePath, r)) ?? path.dirname(filePath);
    return isExcluded(path.relative(root, filePath).split(path.sep).join('/'), this.config.exclude);
  }

  private locationFor(filePath: string): ScriptLocation {
    const known = locationForFile(filePath, this.scanned);
    if (known) return known;
    // A file outside every script location (opened on its own, or named on the CLI): its folder is its location,
    // and its siblings are read so that its parents are known.
    const dir = path.dirname(filePath);
    const existing = this.states.get(dir);
    if (existing) return existing.location;
    const location = adHocLocation(dir);
    this.states.set(dir, { location, members: new Set() });
    for (const sibling of listMigrationFiles(location, this.fs)) {
      if (sibling !== filePath) this.readFromDisk(sibling, location);
    }
    return location;
  }

  /** `parsed`: files a host read and parsed ahead; what it holds for this file stands for reading it here. */
  private readFromDisk(filePath: string, location: ScriptLocation, parsed?: ParsedFiles): Entry | undefined {
    this.linkNotices.delete(filePath);
    // A file Alembic loads (in a version folder) that cannot be read whole still counts: reported, and in the graph
    // with the ids its head shows (or unknown ones), so the history around it does not look broken. Elsewhere
    // (application code, a loose folder's siblings) such a file is simply left out.
    const loaded = locationForFile(filePath, this.scanned) !== undefined;
    const outside = this.linkOutside(filePath);
    if (outside !== undefined) {
      // Not read: the workspace is not trusted yet, and the link may point anywhere (/dev/zero, a FIFO, /etc).
      if (!loaded) return this.removeEntry(filePath);
      this.linkNotices.set(filePath, {
        severity: 'warning',
        file: filePath,
        message: `Not read: a symbolic link to ${outside}, outside the project (links out of the project are not followed)`,
      });
      return this.setEntry(filePath, unreadableMigration(filePath, undefined), location, false, false);
    }
    const read: ReadMigration = parsed?.has(filePath) ? parsed.get(filePath) : readMigration(this.fs, { path: filePath, loaded });
    return read ? this.setEntry(filePath, read.file, location, false, read.whole) : this.removeEntry(filePath);
  }

  /** Where a link leads when that is outside every boundary; undefined for files and links that stay inside. */
  private linkOutside(filePath: string, boundaries?: string[]): string | undefined {
    const real = this.fs.realPath?.(filePath);
    if (real === undefined || real === filePath) return undefined;
    const within = boundaries ?? (this.boundaries ??= this.linkBoundaries(this.scanned));
    return within.some((b) => isWithin(real, b)) ? undefined : real;
  }

  private linkBoundaries(scanned: readonly ScriptLocation[]): string[] {
    // `alembic-lint check backend/migrations/versions`: the project is the folder of the alembic.ini above it.
    const above = scanned.flatMap((l) => (l.iniFile && !this.roots.some((r) => isWithin(l.iniFile!, r)) ? [path.dirname(l.iniFile)] : []));
    return [...this.roots, ...above].map((dir) => this.fs.realPath?.(dir) ?? dir);
  }

  /** `whole`: false for a file of which nothing or only the head could be read: it is compared with no base. */
  private setEntry(filePath: string, file: MigrationFile, location: ScriptLocation, overlay: boolean, whole = true): Entry | undefined {
    const inVersions = locationForFile(filePath, this.scanned) !== undefined;
    if (!inVersions && !file.isMigration) {
      // Not a migration (env.py, application code): nothing to analyse.
      this.removeEntry(filePath);
      return undefined;
    }
    const entry: Entry = { file, overlay, whole, location, signature: signatureOf(file), upgradeSignature: upgradeSignatureOf(file) };
    this.entries.set(filePath, entry);
    let state = this.states.get(location.path);
    if (!state) {
      state = { location, members: new Set() };
      this.states.set(location.path, state);
    }
    if (!state.members.has(filePath)) {
      state.members.add(filePath);
      this.invalidate(state);
    }
    return entry;
  }

  private removeEntry(filePath: string): undefined {
    const entry = this.entries.get(filePath);
    if (!entry) return undefined;
    this.entries.delete(filePath);
    const state = this.states.get(entry.location.path);
    if (state?.members.delete(filePath)) this.invalidate(state);
    return undefined;
  }

  private invalidate(state: LocationState): void {
    state.graph = undefined;
    state.fileIndex = undefined;
    state.revisions = undefined;
    this.graphChanges++;
  }

  /** Same revision ids: the graph's shape stands; only its reference to the file object moves to the new parse. */
  private replaceInGraph(entry: Entry): void {
    const state = this.states.get(entry.location.path);
    const graph = state?.graph;
    if (!graph) return;
    state.fileIndex ??= new Map(graph.files.map((f, i) => [f.path, i]));
    const index = state.fileIndex.get(entry.file.path);
    if (index !== undefined) graph.files[index] = entry.file;
    state.schemas?.noteEdit(graph, entry.file.path);
  }

  private graphOf(location: ScriptLocation): RevisionGraph | undefined {
    const state = this.states.get(location.path);
    if (!state) return undefined;
    if (!state.graph) {
      const files = [...state.members].sort().map((p) => this.entries.get(p)!.file);
      state.graph = buildGraph(location, files);
      for (const member of state.members) {
        const entry = this.entries.get(member);
        if (entry) entry.graphFindings = undefined;
      }
    }
    return state.graph;
  }
}

function isAnalysed(file: MigrationFile): boolean {
  return file.isMigration || file.pythonErrors.length > 0;
}

function idsOf(assignment: RevisionAssignment | undefined): string {
  if (!assignment) return '-';
  return assignment.unknown ? '?' : assignment.ids.map((s) => s.value).join(',');
}

function signatureOf(file: MigrationFile): string {
  return [file.isMigration, idsOf(file.revision), idsOf(file.downRevision), idsOf(file.dependsOn), idsOf(file.branchLabels), file.docstring?.message ?? ''].join('|');
}

/** All but the downgrade: what the upgrade replays may read module constants, enum objects, engine functions. */
function upgradeSignatureOf(file: MigrationFile): string {
  const down = file.downgrade;
  if (!down || down.engines) return file.text;
  return file.text.slice(0, down.range.start) + file.text.slice(down.range.end);
}

function lineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
