// A Schema being changed by one replay: each map is copied the first time it is written, so the Schema it started
// from (another revision's snapshot) is never touched and unchanged maps are shared.
import type { Range } from '../types';
import { LayeredMap } from './layered-map';
import { keyOf, type EventAction, type QualifiedName, type Schema, type SchemaEvent, type SchemaFunction, type Sequence, type Table, type Trigger, type View } from './model';

type Mutable<T> = T extends ReadonlyMap<infer K, infer V> ? LayeredMap<K, V> : T extends ReadonlySet<infer V> ? Set<V> : T;
type Collection = 'tables' | 'enums' | 'sequences' | 'views' | 'functions' | 'triggers' | 'extensions' | 'statistics' | 'schemas' | 'indexOwners' | 'constraintNames';

export class WorkingSchema {
  readonly events: SchemaEvent[] = [];
  private readonly written = new Set<keyof Schema>();
  private readonly current: { -readonly [K in keyof Schema]: Schema[K] };
  range: Range = { start: 0, end: 0 };

  constructor(start: Schema) {
    this.current = { ...start };
  }

  get schema(): Schema {
    return this.current;
  }

  /** The map or set `key`, writable (copied on first write). */
  edit<K extends Exclude<Collection, 'tables' | 'indexOwners' | 'constraintNames'>>(key: K): Mutable<Schema[K]> {
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

  markUnknown(): void {
    this.current.unknown = true;
  }

  emit(action: EventAction, kind: SchemaEvent['kind'], name: string, extra: { newName?: string; cascade?: boolean } = {}): void {
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

  sequencesOwnedBy(table: QualifiedName, column?: string): Sequence[] {
    const key = keyOf(table);
    return [...this.current.sequences.values()].filter((s) => s.ownedBy && keyOf(s.ownedBy.table) === key && (column === undefined || s.ownedBy.column === column));
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
