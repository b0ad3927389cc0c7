// The schema after each revision of a script location: a revision's upgrade replayed on the union of its parents'
// schemas (and of what it depends_on). Snapshots are kept and reused while a revision's file and its parents'
// snapshots are the same objects, so an edit recomputes only the edited revision and its descendants.
import { historyOrder } from '../graph/order';
import type { RevisionGraph } from '../graph/types';
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

  /** The schema after every revision of the graph, by revision id. */
  compute(graph: RevisionGraph, options: ReplayOptions = {}): ReadonlyMap<string, RevisionSchema> {
    const key = JSON.stringify(options);
    if (key !== this.optionsKey) this.cache.clear();
    this.optionsKey = key;
    const files = new Map(graph.files.map((f) => [f.path, f]));
    const next = new Map<string, Cached>();
    this.replayed = 0;
    for (const id of [...historyOrder(graph)].reverse()) {
      const node = graph.nodes.get(id)!;
      const file = files.get(node.file);
      const below = [...new Set([...node.parents, ...node.dependencies])];
      const parents = below.map((p) => next.get(p)?.schema ?? (graph.nodes.has(p) ? unknownSchema() : EMPTY_SCHEMA));
      if (node.unknownParents) parents.push(unknownSchema());
      const previous = this.cache.get(id);
      if (previous && file && previous.file === file && sameList(previous.parents, parents)) {
        next.set(id, previous);
        continue;
      }
      const start = previous && sameList(previous.parents, parents) ? previous.start : unionOf(parents);
      this.replayed++;
      const result = file ? replayFunction(start, file, file.upgrade, options) : { schema: { ...start, unknown: true }, events: [], unknowns: 1, misses: 0 };
      // An edit that leaves the schema as it was (a comment, the downgrade, a statement's position) keeps the
      // snapshot object, so the descendants' snapshots stay valid.
      const schema = previous && previous.start === start && sameSchema(previous.schema, result.schema) ? previous.schema : result.schema;
      next.set(id, { ...result, start, schema, file, parents });
    }
    this.cache = next;
    return next;
  }
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
  const mergeMap = <V>(key: (s: Schema) => ReadonlyMap<string, V>): LayeredMap<string, V> => {
    const out = LayeredMap.from(key(first));
    for (const s of rest) for (const [k, v] of key(s)) if (!out.has(k)) out.set(k, v);
    return out;
  };
  const mergeSet = (key: (s: Schema) => ReadonlySet<string>): Set<string> => new Set(schemas.flatMap((s) => [...key(s)]));
  return {
    tables: mergeMap((s) => s.tables),
    enums: mergeMap((s) => s.enums),
    sequences: mergeMap((s) => s.sequences),
    views: mergeMap((s) => s.views),
    functions: mergeMap((s) => s.functions),
    triggers: mergeMap((s) => s.triggers),
    indexOwners: mergeMap((s) => s.indexOwners),
    sequenceOwners: (() => {
      const out = LayeredMap.from<string, readonly string[]>();
      for (const s of schemas) for (const [k, keys] of s.sequenceOwners) out.set(k, [...new Set([...(out.get(k) ?? []), ...keys])]);
      return out;
    })(),
    // A constraint in several parents is one constraint (the common ancestor's): the most any parent counts.
    constraintNames: (() => {
      const out = LayeredMap.from<string, number>();
      for (const s of schemas) for (const [k, n] of s.constraintNames) out.set(k, Math.max(n, out.get(k) ?? 0));
      return out;
    })(),
    extensions: mergeSet((s) => s.extensions),
    statistics: mergeSet((s) => s.statistics),
    schemas: mergeSet((s) => s.schemas),
    unknown: schemas.some((s) => s.unknown),
  };
}
