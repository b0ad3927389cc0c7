// A Schema being changed by one replay: each map is copied the first time it is written, so the Schema it started
// from (another revision's snapshot) is never touched and unchanged maps are shared.
import type { Range } from '../types';
import { keyOf, type EventAction, type QualifiedName, type Schema, type SchemaEvent, type SchemaFunction, type Sequence, type Table, type Trigger, type View } from './model';

type Mutable<T> = T extends ReadonlyMap<infer K, infer V> ? Map<K, V> : T extends ReadonlySet<infer V> ? Set<V> : T;

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
  edit<K extends 'tables' | 'enums' | 'sequences' | 'views' | 'functions' | 'triggers' | 'extensions' | 'statistics' | 'schemas'>(key: K): Mutable<Schema[K]> {
    if (!this.written.has(key)) {
      const value = this.current[key] as unknown;
      this.current[key] = (value instanceof Map ? new Map(value) : new Set(value as Set<string>)) as never;
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

  setTable(table: Table): void {
    this.edit('tables').set(keyOf(table), table);
  }

  /** Is `name` taken in the relation namespace of `schema` (tables, indexes, sequences, views share it)? */
  relationTaken(schema: string, name: string): boolean {
    const key = keyOf({ schema, name });
    if (this.current.tables.has(key) || this.current.sequences.has(key) || this.current.views.has(key)) return true;
    for (const table of this.current.tables.values()) {
      if (table.schema === schema && table.indexes.some((i) => i.name === name)) return true;
    }
    return false;
  }

  /** Is `name` taken among the constraints of the tables in `schema`? */
  constraintTaken(schema: string, name: string): boolean {
    for (const table of this.current.tables.values()) {
      if (table.schema === schema && table.constraints.some((c) => c.name === name)) return true;
    }
    return false;
  }

  /** The table in `schema` holding the index `name`. */
  tableOfIndex(schema: string, name: string): Table | undefined {
    for (const table of this.current.tables.values()) {
      if (table.schema === schema && table.indexes.some((i) => i.name === name)) return table;
    }
    return undefined;
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
