// How two schemas differ, object by object: what the second has that the first has not (left over), what it lacks
// (missing), and what it holds otherwise (changed). Symmetry compares a revision's parent with the schema after its
// upgrade and downgrade; what the model does not know (unknown columns, labels, definitions) is never a difference.
import { LayeredMap } from './layered-map';
import { keyOf, type Column, type ColumnAspect, type Constraint, type Index, type Schema, type SchemaEvent, type Table } from './model';
import { ASSUMED_INDEXES } from './working';

export type DifferenceKind = Exclude<SchemaEvent['kind'], 'extension' | 'schema'>;

export interface Difference {
  change: 'leftover' | 'missing' | 'changed';
  kind: DifferenceKind;
  /**
   * As the replay's events name it: `orders`, `orders.status` for what lives on a table (columns, indexes,
   * constraints, triggers); functions by their name alone (`audit_fn`), whatever their arguments.
   */
  name: string;
  /** What the object is, to recognise one recreated under another name: `unique (a, b)`; undefined when not known. */
  definition?: string;
  /** For 'changed': what differs, `type integer before, bigint after`. */
  detail?: string;
  /** For a column changed: which of its properties differ. */
  aspects?: ColumnAspect[];
}

/**
 * The differences of `after` from `before`. When both grew from one snapshot (a revision's parent), only what was
 * written since is compared: a symmetry check costs what the revision changed, not the size of the schema.
 */
export function diffSchemas(before: Schema, after: Schema): Difference[] {
  const out: Difference[] = [];
  const tablesGone = new Set<string>();
  const touched = candidates(before.tables, after.tables);
  for (const key of touched) {
    const a = before.tables.get(key);
    const b = after.tables.get(key);
    if (a === b) continue;
    if (a && a.name !== ASSUMED_INDEXES && !b) out.push({ change: 'missing', kind: 'table', name: key });
    if (b && b.name !== ASSUMED_INDEXES && !a) out.push({ change: 'leftover', kind: 'table', name: key });
    if (!a || !b) tablesGone.add(key);
    else diffTable(key, a, b, out);
  }
  diffIndexes(before, after, touched, tablesGone, out);
  const onGoneTable = (name: string): boolean => tablesGone.has(name.slice(0, name.lastIndexOf('.')));

  for (const key of candidates(before.enums, after.enums)) {
    const a = before.enums.get(key);
    const b = after.enums.get(key);
    if (a === b) continue;
    if (!a || !b) out.push({ change: a ? 'missing' : 'leftover', kind: 'type', name: key, definition: `enum (${(a ?? b)!.labels.join(', ')})` });
    else if (!a.unknown && !b.unknown && a.labels.join('\u0000') !== b.labels.join('\u0000')) {
      out.push({ change: 'changed', kind: 'type', name: key, detail: `labels (${quoted(a.labels)}) before, (${quoted(b.labels)}) after` });
    }
  }
  for (const key of candidates(before.sequences, after.sequences)) {
    const a = before.sequences.get(key);
    const b = after.sequences.get(key);
    if (a === b || (a && b)) continue;
    const owner = (a ?? b)!.ownedBy;
    // A SERIAL's sequence comes and goes with its column: the column is the difference.
    if (owner && (tablesGone.has(keyOf(owner.table)) || out.some((d) => d.kind === 'column' && d.name === `${keyOf(owner.table)}.${owner.column}`))) continue;
    out.push({ change: a ? 'missing' : 'leftover', kind: 'sequence', name: key, definition: owner ? `owned by ${keyOf(owner.table)}.${owner.column}` : 'sequence' });
  }
  for (const key of candidates(before.views, after.views)) {
    const a = before.views.get(key);
    const b = after.views.get(key);
    if (a === b || (a && b)) continue;
    out.push({ change: a ? 'missing' : 'leftover', kind: 'view', name: key });
  }
  const functionNames = (s: Schema): Set<string> => new Set([...s.functions.values()].map((f) => keyOf(f)));
  if (before.functions !== after.functions) {
    const a = functionNames(before);
    const b = functionNames(after);
    for (const name of a) if (!b.has(name)) out.push({ change: 'missing', kind: 'function', name });
    for (const name of b) if (!a.has(name)) out.push({ change: 'leftover', kind: 'function', name });
  }
  for (const key of candidates(before.triggers, after.triggers)) {
    const a = before.triggers.get(key);
    const b = after.triggers.get(key);
    if (a === b || (a && b)) continue;
    const t = (a ?? b)!;
    const name = `${keyOf(t.table)}.${t.name}`;
    if (!onGoneTable(name)) out.push({ change: a ? 'missing' : 'leftover', kind: 'trigger', name });
  }
  for (const key of before.statistics) if (!after.statistics.has(key)) out.push({ change: 'missing', kind: 'statistics', name: key });
  for (const key of after.statistics) if (!before.statistics.has(key)) out.push({ change: 'leftover', kind: 'statistics', name: key });
  return out;
}

function diffTable(key: string, a: Table, b: Table, out: Difference[]): void {
  if (a.columns !== b.columns) diffNamed(key, 'column', a.columns, b.columns, columnDefinition, columnChange, out);
  if (a.constraints !== b.constraints) diffNamed(key, 'constraint', a.constraints, b.constraints, constraintDefinition, constraintChange, out);
}

/** Two lists of a table's objects, matched by name: missing, left over, or changed as `change` says. */
function diffNamed<T extends { name: string }>(
  table: string,
  kind: 'column' | 'constraint',
  a: readonly T[],
  b: readonly T[],
  definition: (x: T) => { definition?: string },
  change: (x: T, y: T) => Pick<Difference, 'detail' | 'aspects'> | undefined,
  out: Difference[],
): void {
  const after = new Map(b.map((x) => [x.name, x]));
  const before = new Set(a.map((x) => x.name));
  for (const x of a) {
    const other = after.get(x.name);
    const changed = other && change(x, other);
    if (!other) out.push({ change: 'missing', kind, name: `${table}.${x.name}`, ...definition(x) });
    else if (changed) out.push({ change: 'changed', kind, name: `${table}.${x.name}`, ...changed });
  }
  for (const y of b) if (!before.has(y.name)) out.push({ change: 'leftover', kind, name: `${table}.${y.name}`, ...definition(y) });
}

function constraintChange(a: Constraint, b: Constraint): { detail: string } | undefined {
  const before = constraintDefinition(a).definition;
  const after = constraintDefinition(b).definition;
  return before === undefined || after === undefined || before === after ? undefined : { detail: `${before} before, ${after} after` };
}

/** Indexes by their name in the schema (they share the relation namespace), wherever the model keeps them. */
function diffIndexes(before: Schema, after: Schema, touched: ReadonlySet<string>, tablesGone: ReadonlySet<string>, out: Difference[]): void {
  const collect = (s: Schema): Map<string, { table: Table; index: Index }> => {
    const found = new Map<string, { table: Table; index: Index }>();
    for (const key of touched) {
      const table = s.tables.get(key);
      for (const index of table?.indexes ?? []) found.set(keyOf({ schema: table!.schema, name: index.name }), { table: table!, index });
    }
    return found;
  };
  const a = collect(before);
  const b = collect(after);
  // A constraint's own index is the constraint: reported once, as the constraint.
  const constraintNamed = (t: Table, name: string): boolean => t.constraints.some((k) => k.name === name);
  const report = (change: 'missing' | 'leftover', entry: { table: Table; index: Index }, other: Map<string, { table: Table; index: Index }>): void => {
    const tableKey = keyOf(entry.table);
    if (tablesGone.has(tableKey) || constraintNamed(entry.table, entry.index.name)) return;
    // Moved from the table of assumed indexes to its real table: the same index.
    if (other.has(keyOf({ schema: entry.table.schema, name: entry.index.name }))) return;
    out.push({ change, kind: 'index', name: `${tableKey}.${entry.index.name}`, ...indexDefinition(entry.index, tableKey) });
  };
  for (const [key, entry] of a) {
    const other = b.get(key);
    if (!other) report('missing', entry, b);
    else if (!entry.index.unknown && !other.index.unknown && indexDefinition(entry.index, '').definition !== indexDefinition(other.index, '').definition) {
      out.push({
        change: 'changed',
        kind: 'index',
        name: `${keyOf(other.table)}.${other.index.name}`,
        detail: `${indexDefinition(entry.index, keyOf(entry.table)).definition} before, ${indexDefinition(other.index, keyOf(other.table)).definition} after`,
      });
    }
  }
  for (const [key, entry] of b) if (!a.has(key)) report('leftover', entry, a);
}

function columnDefinition(c: Column): { definition?: string } {
  return c.unknown ? {} : { definition: `${c.type}${c.nullable ? '' : ' not null'}` };
}

function constraintDefinition(k: Constraint): { definition?: string } {
  if (k.unknown) return {};
  const refs = k.references ? ` references ${keyOf(k.references.table)} (${k.references.columns.join(', ')})` : '';
  return { definition: `${k.kind} (${k.columns.join(', ')})${refs}` };
}

function indexDefinition(i: Index, table: string): { definition?: string } {
  if (i.unknown) return {};
  return { definition: `${i.unique ? 'unique ' : ''}index on ${table ? `${table} ` : ''}(${i.columns.join(', ')})` };
}

function columnChange(a: Column, b: Column): { detail: string; aspects: ColumnAspect[] } | undefined {
  if (a.unknown || b.unknown) return undefined;
  const parts: string[] = [];
  const aspects: ColumnAspect[] = [];
  if (a.type !== b.type) parts.push(`type ${a.type} before, ${b.type} after`), aspects.push('type');
  if (a.nullable !== b.nullable) parts.push(a.nullable ? 'nullable before, NOT NULL after' : 'NOT NULL before, nullable after'), aspects.push('nullable');
  if (a.default !== b.default) parts.push(`default ${a.default ?? 'none'} before, ${b.default ?? 'none'} after`), aspects.push('default');
  return parts.length > 0 ? { detail: parts.join('; '), aspects } : undefined;
}

function quoted(labels: readonly string[]): string {
  return labels.map((l) => `'${l}'`).join(', ');
}

/** The keys that may differ: those written since the layer both maps grew from, else all of both. */
function candidates<V>(a: ReadonlyMap<string, V>, b: ReadonlyMap<string, V>): Set<string> {
  if (a === b) return new Set();
  const since = a instanceof LayeredMap && b instanceof LayeredMap ? LayeredMap.differingKeys(a, b) : undefined;
  return since ?? new Set([...a.keys(), ...b.keys()]);
}

const MAPS = ['tables', 'enums', 'sequences', 'views', 'functions', 'triggers', 'indexOwners', 'constraintNames', 'sequenceOwners'] as const;
const SETS = ['extensions', 'statistics', 'schemas'] as const;

/** Exactly the same schema, every property; when both grew from one snapshot, only what was written since is read. */
export function sameSchema(a: Schema, b: Schema): boolean {
  if (a === b) return true;
  if (a.unknown !== b.unknown) return false;
  for (const key of MAPS) {
    const x = a[key] as ReadonlyMap<string, unknown>;
    const y = b[key] as ReadonlyMap<string, unknown>;
    if (x.size !== y.size) return false;
    for (const k of candidates(x, y)) {
      const v = x.get(k);
      const w = y.get(k);
      if (v !== w && JSON.stringify(v) !== JSON.stringify(w)) return false;
    }
  }
  return SETS.every((key) => a[key].size === b[key].size && [...a[key]].every((v) => b[key].has(v)));
}
