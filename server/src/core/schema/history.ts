// The schema after each revision of a script location: a revision's upgrade replayed on the union of its parents'
// schemas (and of what it depends_on). Snapshots are kept and reused while a revision's file and its parents'
// snapshots are the same objects, so an edit recomputes only the edited revision and its descendants.
import { historyOrder } from '../graph/order';
import type { RevisionGraph, RevisionNode } from '../graph/types';
import type { MigrationFile } from '../types';
import { LayeredMap } from './layered-map';
import { sameSchema } from './diff';
import { EMPTY_SCHEMA, type Schema, type SchemaEvent } from './model';
import { replayFunction, type ReplayOptions } from './replay-migration';

export interface RevisionSchema {
  /** The schema before the revision's upgrade: the union of its parents' (and depends_on's). */
  start: Schema;
  /** The schema after the revision's upgrade. */
  schema: Schema;
  /** What its upgrade did. */
  events: SchemaEvent[];
  /** Its upgrade's operations the model could not read, and lookups of objects the start did not hold. */
  unknowns: number;
  misses: number;
  /** The parse of the file its upgrade was replayed from (undefined for a revision without one). */
  file: MigrationFile | undefined;
}

interface Cached extends RevisionSchema {
  parents: Schema[];
}

export class SchemaHistory {
  private cache = new Map<string, Cached>();
  /** The options the cache was made with: other options (a changed naming convention) start afresh. */
  private optionsKey = '';
  /** How many revisions the last `compute` replayed (the rest came from the cache): for tests and the benchmark. */
  replayed = 0;
  /** Goes up whenever a snapshot of the map `compute` returns is replaced: what was read of it may be stale. */
  version = 0;

  /** The graph the cache was last computed for: the same graph again (an edit that kept its shape) is checked cheaply. */
  private graph: RevisionGraph | undefined;
  /** The cache in the graph's plan order, for the cheap check. */
  private byStep: Cached[] = [];
  /** Snapshots changed by a compute that stopped early: their descendants are still to be replayed. */
  private pending: Set<string> | undefined;
  /** The last compute stopped early: the map holds older snapshots after the revision it stopped at. */
  partial = false;
  /** How many of the plan's first revisions are current: an edit (noteEdit) or an early stop lowers it. */
  private current = 0;

  /** A file of `graph` has a new parse at its place in graph.files: its revision and those after it are to be checked. */
  noteEdit(graph: RevisionGraph, filePath: string): void {
    const at = graph === this.graph ? planOf(graph).byPath.get(filePath) : undefined;
    if (at !== undefined) this.current = Math.min(this.current, at);
  }

  /**
   * The schema after every revision of the graph, by revision id. The map is the history's own, updated in place
   * by the next call.
   */
  compute(graph: RevisionGraph, options: ReplayOptions = {}, until?: string): ReadonlyMap<string, RevisionSchema> {
    const key = JSON.stringify(options);
    // Other options (a changed naming convention) start afresh.
    const sameGraph = graph === this.graph && key === this.optionsKey;
    if (key !== this.optionsKey) this.cache.clear();
    this.optionsKey = key;
    this.replayed = 0;
    this.graph = graph;
    const { steps: plan, byId } = planOf(graph);
    this.partial = false;
    if (sameGraph && this.byStep.length === plan.length) {
      // From the first revision edited since the last call: those whose file changed, and those built on a snapshot
      // that changed. With `until`, it stops there: an edit of an early revision gets its own findings before the
      // thousands built on it are replayed.
      const untilIndex = until === undefined ? -1 : (byId.get(until) ?? -1);
      if (untilIndex >= 0 && untilIndex < this.current) {
        this.partial = this.current < plan.length;
        return this.cache;
      }
      let changed = this.pending;
      for (let i = this.current; i < plan.length; i++) {
        const step = plan[i]!;
        const cached = this.byStep[i]!;
        if (cached.file !== fileOf(graph, step) || (changed !== undefined && step.below.some((p) => changed!.has(p)))) {
          const next = this.replayStep(graph, step, this.cache, options);
          if (next.schema !== cached.schema) (changed ??= new Set()).add(step.id);
          if (next !== cached) this.version++;
          this.cache.set(step.id, next);
          this.byStep[i] = next;
        }
        if (i === untilIndex && i < plan.length - 1) {
          this.pending = changed;
          this.partial = true;
          this.current = i + 1;
          return this.cache;
        }
      }
      this.pending = undefined;
      this.current = plan.length;
      return this.cache;
    }
    this.pending = undefined;
    this.current = plan.length;
    const next = new Map<string, Cached>();
    this.byStep = plan.map((step) => {
      const done = this.replayStep(graph, step, next, options);
      next.set(step.id, done);
      return done;
    });
    this.cache = next;
    this.version++;
    return next;
  }

  /** One revision on its parents' snapshots in `done`, from the cache when its file and parents are the same. */
  private replayStep(graph: RevisionGraph, step: Step, done: ReadonlyMap<string, Cached>, options: ReplayOptions): Cached {
    const { id, node, below } = step;
    const file = fileOf(graph, step);
    const parents = below.map((p) => done.get(p)?.schema ?? (graph.nodes.has(p) ? unknownSchema() : EMPTY_SCHEMA));
    if (node.unknownParents) parents.push(unknownSchema());
    const previous = this.cache.get(id);
    if (previous && file && previous.file === file && sameList(previous.parents, parents)) return previous;
    const start = previous && sameList(previous.parents, parents) ? previous.start : unionOf(parents);
    this.replayed++;
    const result = file ? replayFunction(start, file.upgrade, options) : { schema: { ...start, unknown: true }, events: [], unknowns: 1, misses: 0 };
    // An edit that leaves the schema as it was (a comment, the downgrade, a statement's position) keeps the
    // snapshot object, so the descendants' snapshots stay valid.
    const schema = previous && previous.start === start && sameSchema(previous.schema, result.schema) ? previous.schema : result.schema;
    return { ...result, start, schema, file, parents };
  }
}

/** By index: an edit that keeps the graph's shape puts the new parse at the same place in graph.files. */
function fileOf(graph: RevisionGraph, step: Pick<Step, 'fileIndex'>): MigrationFile | undefined {
  return step.fileIndex < 0 ? undefined : graph.files[step.fileIndex];
}

interface Step {
  id: string;
  node: RevisionNode;
  fileIndex: number;
  /** Its parents and what it depends on, once each. */
  below: string[];
}

interface Plan {
  /** Oldest first: a revision after everything it is built on. */
  steps: Step[];
  /** Revision id -> its position in `steps`; file path -> the position of its revision. */
  byId: Map<string, number>;
  byPath: Map<string, number>;
}

/** Made once per graph (every keystroke computes the history). */
const plans = new WeakMap<RevisionGraph, Plan>();

function planOf(graph: RevisionGraph): Plan {
  let plan = plans.get(graph);
  if (plan) return plan;
  const fileIndex = new Map(graph.files.map((f, i) => [f.path, i]));
  const steps = [...historyOrder(graph)].reverse().map((id) => {
    const node = graph.nodes.get(id)!;
    return { id, node, fileIndex: fileIndex.get(node.file) ?? -1, below: [...new Set([...node.parents, ...node.dependencies])] };
  });
  plan = { steps, byId: new Map(steps.map((s, i) => [s.id, i])), byPath: new Map(steps.map((s, i) => [s.node.file, i])) };
  plans.set(graph, plan);
  return plan;
}

let unknownBase: Schema | undefined;
/** The start of a revision whose parent is missing or on a cycle: nothing known. */
function unknownSchema(): Schema {
  unknownBase ??= { ...EMPTY_SCHEMA, unknown: true };
  return unknownBase;
}

function sameList(a: readonly Schema[], b: readonly Schema[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** A merge starts from everything its parents made (an object in several parents is the same object). */
export function unionOf(schemas: readonly Schema[]): Schema {
  if (schemas.length === 0) return EMPTY_SCHEMA;
  if (schemas.length === 1) return schemas[0]!;
  const [first, ...rest] = schemas as [Schema, ...Schema[]];
  const mergeSet = (key: (s: Schema) => ReadonlySet<string>): Set<string> => new Set(schemas.flatMap((s) => [...key(s)]));
  return {
    tables: mergeMaps(first, rest, (s) => s.tables, keepFirst),
    enums: mergeMaps(first, rest, (s) => s.enums, keepFirst),
    sequences: mergeMaps(first, rest, (s) => s.sequences, keepFirst),
    views: mergeMaps(first, rest, (s) => s.views, keepFirst),
    functions: mergeMaps(first, rest, (s) => s.functions, keepFirst),
    triggers: mergeMaps(first, rest, (s) => s.triggers, keepFirst),
    indexOwners: mergeMaps(first, rest, (s) => s.indexOwners, keepFirst),
    sequenceOwners: mergeMaps(first, rest, (s) => s.sequenceOwners, (mine, theirs) => {
      const all = [...new Set([...(mine ?? []), ...theirs])];
      return mine !== undefined && all.length === mine.length ? mine : all;
    }),
    // A constraint in several parents is one constraint (the common ancestor's): the most any parent counts.
    constraintNames: mergeMaps(first, rest, (s) => s.constraintNames, (mine, theirs) => Math.max(theirs, mine ?? 0)),
    extensions: mergeSet((s) => s.extensions),
    statistics: mergeSet((s) => s.statistics),
    schemas: mergeSet((s) => s.schemas),
    unknown: schemas.some((s) => s.unknown),
  };
}

function keepFirst<V>(mine: V | undefined, theirs: V): V {
  return mine ?? theirs;
}

/**
 * A layer over the first parent's map with what the other parents add. Parents that grew from a common snapshot
 * hold the same values for every key neither wrote since: only the keys written since are read (a merge at the end
 * of a long history reads what its branches changed, not every object of the history). `combine` must keep `mine`
 * for a value equal to it.
 */
function mergeMaps<V>(first: Schema, rest: readonly Schema[], key: (s: Schema) => ReadonlyMap<string, V>, combine: (mine: V | undefined, theirs: V) => V): LayeredMap<string, V> {
  const base = key(first);
  const out = base instanceof LayeredMap ? (base as LayeredMap<string, V>).child() : LayeredMap.from(base);
  for (const schema of rest) {
    const other = key(schema);
    const since = base instanceof LayeredMap && other instanceof LayeredMap ? LayeredMap.differingKeys(base as LayeredMap<string, V>, other as LayeredMap<string, V>) : undefined;
    for (const k of since ?? other.keys()) {
      const theirs = other.get(k);
      if (theirs === undefined) continue;
      const mine = out.get(k);
      const value = combine(mine, theirs);
      if (value !== mine) out.set(k, value);
    }
  }
  return out;
}
