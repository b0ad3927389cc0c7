// A Schema being changed by one replay: each map is copied the first time it is written, so the Schema it started
// from (another revision's snapshot) is never touched and unchanged maps are shared.
import type { Range } from '../types';
import { LayeredMap } from './layered-map';
import type { ReplayResult } from './replay';
import { keyOf, type Column, type Constraint, type EventAction, type QualifiedName, type Schema, type SchemaEvent, type SchemaFunction, type Sequence, type Table, type Trigger, type View } from './model';

const CONVENTION_PREFIXES = ['ck', 'uq', 'fk', 'pk'];

/**
 * One name is the other under the common naming convention (`ck_<table>_<name>`): an op.* call named `positive` is
 * `ck_orders_positive` in a project whose convention env.py does not spell out, and SQL names it so.
 */
export function conventionAlias(a: string, b: string, table: string): boolean {
  return CONVENTION_PREFIXES.some((p) => a === `${p}_${table}_${b}` || b === `${p}_${table}_${a}`);
}

const KIND_PREFIXES: Partial<Record<Constraint['kind'], string>> = { check: 'ck', unique: 'uq', 'foreign key': 'fk', 'primary key': 'pk' };

/** A constraint the model named by PostgreSQL's rules may carry the common convention's name (`fk_<table>_...`). */
function conventionNamed(k: Constraint, name: string, table: string): boolean {
  const prefix = KIND_PREFIXES[k.kind];
  if (k.implicitName !== true || prefix === undefined) return false;
  if (k.kind === 'primary key') return name === `${prefix}_${table}`;
  // Foreign keys and unique constraints are named after their columns (`fk_%(table_name)s_%(column_0_name)s_...`).
  return name.startsWith(`${prefix}_${table}_`) && (k.kind === 'check' || k.columns.every((c) => name.includes(c)));
}

function only<T>(items: readonly T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

/** A foreign key to a table the schema did not hold when it was added. */
export interface UnresolvedReference {
  /** The referenced table's key, as events name it (`orders`, `billing.accounts`). */
  table: string;
  /** Where the reference is written. */
  range: Range;
}

/** The table that holds, in assume mode, the indexes a replay assumed without knowing their table. */
export const ASSUMED_INDEXES = '?assumed indexes';

/**
 * A statement PostgreSQL would reject on the schema as the replay has it: 'exists', a create of what is there (without
 * IF NOT EXISTS / OR REPLACE); 'missing', a change of what is not there; 'duplicate', a statement naming a column or
 * an enum label twice. Recorded whatever the statement's IF [NOT] EXISTS: rules read those from its facts.
 */
/**
 * The creations among `rejected` (not an ADD VALUE of a label the type has), as `kind name`: the history and the
 * migration disagree about those objects, and what PostgreSQL actually holds of them is not known.
 */
export function refusedCreations(rejected: readonly Rejection[]): Set<string> {
  return new Set(rejected.filter((r) => r.reason === 'exists' && r.detail === undefined).map((r) => `${r.kind} ${r.name}`));
}

export interface Rejection {
  reason: 'exists' | 'missing' | 'duplicate';
  kind: SchemaEvent['kind'];
  /** As events name it (`users`, `users.email`); an index dropped by name alone: its key without the table. */
  name: string;
  /** The column or label named twice, or the label that exists. */
  detail?: string;
  range: Range;
  /** An operation of this replay before it could not be read: it may have made or removed the object. */
  afterUnknown: boolean;
}

type Mutable<T> = T extends ReadonlyMap<infer K, infer V> ? LayeredMap<K, V> : T extends ReadonlySet<infer V> ? Set<V> : T;
type Collection = 'tables' | 'enums' | 'sequences' | 'views' | 'functions' | 'triggers' | 'extensions' | 'statistics' | 'schemas' | 'indexOwners' | 'constraintNames' | 'sequenceOwners';

export class WorkingSchema {
  readonly events: SchemaEvent[] = [];
  private readonly written = new Set<keyof Schema>();
  private readonly current: { -readonly [K in keyof Schema]: Schema[K] };
  range: Range = { start: 0, end: 0 };
  /** Assume mode: the start with what the replay took to exist already (see `assume`). */
  private assumedStart: WorkingSchema | undefined;
  /** The schema the replay (or the one it goes on from) started from. */
  private readonly start: Schema;
  /** Lookups that found nothing: without them, assuming would have changed nothing. */
  misses = 0;
  /** How many operations of this replay the model could not read (SQL built at run time, a helper call). */
  unknowns = 0;
  /** Every statement PostgreSQL would reject, in order (see Rejection). */
  readonly rejected: Rejection[] = [];
  /** Foreign keys to a table the schema did not hold at that point (see `referTo`). */
  readonly unresolvedReferences: UnresolvedReference[] = [];

  /**
   * With `assumes`, an object the replay looks for and does not find, and whose name nothing earlier in the replay
   * created, dropped or renamed, is taken to exist already: the history never made it (a schema older than the
   * migrations, a parent that is not there, SQL the model cannot read). What is not known about it is marked unknown.
   * Rules that compare a replay with its start use this; the history itself never assumes.
   */
  constructor(
    start: Schema,
    readonly assumes = false,
    /** A replay that goes on from another: its events (what it touched) and the schema it started from. */
    continued?: { events: readonly SchemaEvent[]; start: Schema },
  ) {
    this.current = { ...start };
    this.start = continued?.start ?? start;
    if (continued) this.events.push(...continued.events);
  }

  get schema(): Schema {
    return this.current;
  }

  /** The schema the replay started from, with what it assumed to exist. */
  get before(): Schema {
    return this.assumedStart?.schema ?? this.start;
  }

  /** Adds an object assumed to exist both here and to the start (`before`). */
  assume(add: (w: WorkingSchema) => void): void {
    add(this);
    add((this.assumedStart ??= new WorkingSchema(this.start)));
  }

  /** May the object `key` of `kind` be assumed to exist: assume mode, and no event of this replay names it? */
  mayAssume(kind: SchemaEvent['kind'], key: string): boolean {
    this.misses++;
    return this.assumes && !this.events.some((e) => e.kind === kind && (e.name === key || e.newName === key));
  }

  /** The key `key` (of `kind`) had when the replay started, following its renames back; undefined if the replay made it. */
  private originalKey(kind: SchemaEvent['kind'], key: string): string | undefined {
    let current = key;
    for (let i = this.events.length - 1; i >= 0; i--) {
      const e = this.events[i]!;
      if (e.kind !== kind) continue;
      if (e.action === 'rename' && e.newName === current) current = e.name;
      else if (e.action === 'create' && e.name === current) return undefined;
    }
    return current;
  }

  /** The table `name`, or in assume mode one assumed to exist with unknown columns. */
  existingTable(name: QualifiedName): Table | undefined {
    const table = this.table(name);
    if (!table) this.reject('missing', 'table', keyOf(name));
    if (table || !this.mayAssume('table', keyOf(name)) || this.relationTaken(name.schema, name.name)) return table;
    const phantom: Table = { schema: name.schema, name: name.name, columns: [], indexes: [], constraints: [], unknown: true };
    this.assume((w) => w.setTable(phantom));
    return phantom;
  }

  /** A column of the table `name`; in assume mode, a table whose columns are not all known is taken to have it. */
  existingColumn(name: QualifiedName, column: string): { table: Table; column: Column } | undefined {
    const table = this.existingTable(name);
    const found = table?.columns.find((c) => c.name === column);
    if (table && !found) this.reject('missing', 'column', `${keyOf(table)}.${column}`);
    if (!table || found) return table && found ? { table, column: found } : undefined;
    const phantom: Column = { name: column, type: '?', nullable: true, default: null, unknown: true };
    if (!this.assumeOnTable(table, 'column', column, (t) => ({ ...t, columns: [...t.columns, phantom] }))) return undefined;
    return { table: this.table(name)!, column: phantom };
  }

  /** A constraint of the table `name`; in assume mode, a table whose constraints are not all known is taken to have it. */
  existingConstraint(name: QualifiedName, constraint: string): { table: Table; constraint: Constraint } | undefined {
    const table = this.existingTable(name);
    const found =
      table?.constraints.find((k) => k.name === constraint) ??
      table?.constraints.find((k) => conventionAlias(k.name, constraint, table.name)) ??
      only(table?.constraints.filter((k) => conventionNamed(k, constraint, table.name)) ?? []);
    if (table && !found) this.reject('missing', 'constraint', `${keyOf(table)}.${constraint}`);
    if (!table || found) return table && found ? { table, constraint: found } : undefined;
    const phantom: Constraint = { name: constraint, kind: 'check', columns: [], unknown: true };
    if (!this.assumeOnTable(table, 'constraint', constraint, (t) => ({ ...t, constraints: [...t.constraints, phantom] }))) return undefined;
    return { table: this.table(name)!, constraint: phantom };
  }

  /** The table holding the index `name`; in assume mode an index the history never made is taken to exist. */
  existingIndex(name: QualifiedName): Table | undefined {
    const table = this.tableOfIndex(name.schema, name.name);
    if (table) return table;
    this.reject('missing', 'index', keyOf(name));
    this.misses++;
    const named = (e: SchemaEvent): boolean => e.kind === 'index' && (e.name.endsWith(`.${name.name}`) || e.newName === name.name);
    if (!this.assumes || this.relationTaken(name.schema, name.name) || this.events.some(named)) return table;
    // A drop names no table: assumed indexes are kept on a table of their own, which comparisons leave out.
    const holder: QualifiedName = { schema: name.schema, name: ASSUMED_INDEXES };
    const phantom = { name: name.name, columns: [], unique: false, unknown: true };
    this.assume((w) => {
      const t = w.table(holder) ?? { ...holder, columns: [], indexes: [], constraints: [], unknown: true };
      w.setTable({ ...t, indexes: [...t.indexes, phantom] });
    });
    return this.table(holder);
  }

  private assumeOnTable(table: Table, kind: 'column' | 'constraint', name: string, add: (t: Table) => Table): boolean {
    const key = keyOf(table);
    if (!table.unknown || !this.mayAssume(kind, `${key}.${name}`)) return false;
    // The table may have been renamed since the start: the start holds it under its old name.
    const original = this.originalKey('table', key);
    if (original === undefined) return false;
    this.setTable(add(table));
    const assumedStart = (this.assumedStart ??= new WorkingSchema(this.start));
    const before = assumedStart.schema.tables.get(original);
    if (before) assumedStart.setTable(add(before));
    return true;
  }

  /** The map or set `key`, writable (copied on first write). */
  edit<K extends Exclude<Collection, 'tables' | 'indexOwners' | 'constraintNames' | 'sequences' | 'sequenceOwners'>>(key: K): Mutable<Schema[K]> {
    return this.writable(key);
  }

  private writable<K extends Collection>(key: K): Mutable<Schema[K]> {
    if (!this.written.has(key)) {
      const value = this.current[key] as unknown;
      // Maps get a layer of their own over the snapshot's; the small sets are copied.
      this.current[key] = (value instanceof LayeredMap ? value.child() : value instanceof Set ? new Set(value) : LayeredMap.from(value as Map<unknown, unknown>)) as never;
      this.written.add(key);
    }
    return this.current[key] as Mutable<Schema[K]>;
  }

  /**
   * A foreign key to `table` is added: if the schema does not hold that table, the reference is recorded. Not after
   * an operation the model could not read: that may have made the table.
   */
  referTo(table: QualifiedName, range: Range): void {
    if (this.table(table) || this.unknowns > 0) return;
    this.unresolvedReferences.push({ table: keyOf(table), range });
  }

  /** A creation PostgreSQL would refuse: the object exists and the statement has no IF NOT EXISTS / OR REPLACE. */
  refuse(kind: SchemaEvent['kind'], name: string): void {
    this.reject('exists', kind, name);
  }

  reject(reason: Rejection['reason'], kind: SchemaEvent['kind'], name: string, detail?: string): void {
    this.rejected.push({ reason, kind, name, ...(detail !== undefined ? { detail } : {}), range: this.range, afterUnknown: this.unknowns > 0 });
  }

  /** What the replay did, for callers that keep it. */
  result(): ReplayResult {
    return { schema: this.schema, events: this.events, unknowns: this.unknowns, misses: this.misses, rejected: this.rejected, unresolvedReferences: this.unresolvedReferences };
  }

  markUnknown(): void {
    this.current.unknown = true;
    this.unknowns++;
  }

  emit(action: EventAction, kind: SchemaEvent['kind'], name: string, extra: Pick<SchemaEvent, 'newName' | 'cascade' | 'aspects' | 'ifNotExists'> = {}): void {
    this.events.push({ action, kind, name, ...extra, range: this.range });
  }

  table(name: QualifiedName): Table | undefined {
    return this.current.tables.get(keyOf(name));
  }

  /** Every write of a table goes through here (and deleteTable): the name indexes follow it. */
  setTable(table: Table): void {
    const key = keyOf(table);
    const before = this.current.tables.get(key);
    this.writable('tables').set(key, table);
    this.reindex(before, table);
  }

  deleteTable(key: string): boolean {
    const before = this.current.tables.get(key);
    if (!before) return false;
    this.writable('tables').delete(key);
    this.reindex(before, undefined);
    return true;
  }

  private reindex(before: Table | undefined, after: Table | undefined): void {
    const indexKey = (t: Table, name: string): string => keyOf({ schema: t.schema, name });
    const owners = (): LayeredMap<string, string> => this.writable('indexOwners');
    const counts = (): LayeredMap<string, number> => this.writable('constraintNames');
    const same = before && after && keyOf(before) === keyOf(after);
    if (!same || before!.indexes !== after!.indexes) {
      for (const index of before?.indexes ?? []) if (this.current.indexOwners.get(indexKey(before!, index.name)) === keyOf(before!)) owners().delete(indexKey(before!, index.name));
      for (const index of after?.indexes ?? []) owners().set(indexKey(after!, index.name), keyOf(after!));
    }
    if (!same || before!.constraints !== after!.constraints) {
      const shift = (t: Table, by: number): void => {
        for (const c of t.constraints) {
          const key = `${t.schema} ${c.name}`;
          const n = (this.current.constraintNames.get(key) ?? 0) + by;
          if (n > 0) counts().set(key, n);
          else counts().delete(key);
        }
      };
      if (before) shift(before, -1);
      if (after) shift(after, 1);
    }
  }

  /** Is `name` taken in the relation namespace of `schema` (tables, indexes, sequences, views share it)? */
  relationTaken(schema: string, name: string): boolean {
    const key = keyOf({ schema, name });
    return this.current.tables.has(key) || this.current.sequences.has(key) || this.current.views.has(key) || this.current.indexOwners.has(key);
  }

  /** Is `name` taken among the constraints of the tables in `schema`? */
  constraintTaken(schema: string, name: string): boolean {
    return (this.current.constraintNames.get(`${schema} ${name}`) ?? 0) > 0;
  }

  /** The table in `schema` holding the index `name`. */
  tableOfIndex(schema: string, name: string): Table | undefined {
    const owner = this.current.indexOwners.get(keyOf({ schema, name }));
    return owner === undefined ? undefined : this.current.tables.get(owner);
  }

  /** Every write of a sequence goes through here (and deleteSequence): the owners' index follows it. */
  setSequence(key: string, sequence: Sequence): void {
    this.unown(key);
    this.writable('sequences').set(key, sequence);
    if (sequence.ownedBy) {
      const owner = keyOf(sequence.ownedBy.table);
      this.writable('sequenceOwners').set(owner, [...(this.current.sequenceOwners.get(owner) ?? []), key]);
    }
  }

  deleteSequence(key: string): boolean {
    if (!this.current.sequences.has(key)) return false;
    this.unown(key);
    this.writable('sequences').delete(key);
    return true;
  }

  private unown(key: string): void {
    const owner = this.current.sequences.get(key)?.ownedBy;
    if (!owner) return;
    const tableKey = keyOf(owner.table);
    const rest = (this.current.sequenceOwners.get(tableKey) ?? []).filter((k) => k !== key);
    if (rest.length > 0) this.writable('sequenceOwners').set(tableKey, rest);
    else this.writable('sequenceOwners').delete(tableKey);
  }

  sequencesOwnedBy(table: QualifiedName, column?: string): Sequence[] {
    const owned = (this.current.sequenceOwners.get(keyOf(table)) ?? []).flatMap((k) => this.current.sequences.get(k) ?? []);
    return owned.filter((s) => column === undefined || s.ownedBy?.column === column);
  }

  triggersOn(table: QualifiedName): [string, Trigger][] {
    const key = keyOf(table);
    return [...this.current.triggers].filter(([, t]) => keyOf(t.table) === key);
  }

  viewsReading(key: string): View[] {
    return [...this.current.views.values()].filter((v) => v.dependsOn.includes(key));
  }

  functionsNamed(name: QualifiedName): [string, SchemaFunction][] {
    const key = keyOf(name);
    return [...this.current.functions].filter(([, f]) => keyOf(f) === key);
  }
}
