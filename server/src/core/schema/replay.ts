// replay(schema, changes): the schema after the changes, and what each one did (events, with its source range).
import type { Change, DropKind, RenameKind } from './changes';
import { keyOf, type QualifiedName, type Schema, type SchemaEvent } from './model';
import { truncateIdentifier } from './names';
import {
  addColumn,
  addConstraint,
  alterColumn,
  createIndex,
  createTable,
  dropColumn,
  dropConstraint,
  dropIndex,
  dropTable,
  dropViewsReading,
  renameColumn,
  renameConstraint,
  renameIndex,
  renameTable,
  reprintReferences,
} from './replay-tables';
import { WorkingSchema, type Rejection, type UnresolvedReference } from './working';

export interface ReplayResult {
  schema: Schema;
  events: SchemaEvent[];
  /** Operations the model could not read. */
  unknowns: number;
  /** Lookups of objects the schema did not hold (a replay that assumes them would have gone otherwise). */
  misses: number;
  /** Statements PostgreSQL would reject (see Rejection). */
  rejected?: Rejection[];
  /** Foreign keys to a table the schema did not hold at that point (see WorkingSchema.unresolvedReferences). */
  unresolvedReferences?: UnresolvedReference[];
}

export function replay(schema: Schema, changes: readonly Change[]): ReplayResult {
  const w = new WorkingSchema(schema);
  for (const change of changes) applyChange(w, change);
  return w.result();
}

/** One change on a working schema (for callers that read each statement against the schema its predecessors left). */
export function applyChange(w: WorkingSchema, change: Change): void {
  w.range = change.range;
  apply(w, change);
}

function apply(w: WorkingSchema, c: Change): void {
  switch (c.op) {
    case 'create table':
      return createTable(w, c);
    case 'add column':
      return addColumn(w, c);
    case 'drop column':
      return dropColumn(w, c);
    case 'alter column':
      return alterColumn(w, c);
    case 'rename column':
      return renameColumn(w, c);
    case 'add constraint':
      return addConstraint(w, c.table, c.constraint);
    case 'drop constraint':
      return dropConstraint(w, c);
    case 'rename constraint':
      return renameConstraint(w, c);
    case 'create index':
      return createIndex(w, c.index);
    case 'drop':
      return drop(w, c);
    case 'rename':
      return rename(w, c);
    case 'drop trigger': {
      const key = `${keyOf(c.table)} ${c.name}`;
      assumeTrigger(w, c.table, c.name);
      if (w.edit('triggers').delete(key)) w.emit('drop', 'trigger', `${keyOf(c.table)}.${c.name}`);
      return;
    }
    case 'rename trigger': {
      const key = `${keyOf(c.table)} ${c.trigger}`;
      assumeTrigger(w, c.table, c.trigger);
      const trigger = w.schema.triggers.get(key);
      if (!trigger) return;
      w.edit('triggers').delete(key);
      w.edit('triggers').set(`${keyOf(c.table)} ${c.newName}`, { ...trigger, name: c.newName });
      w.emit('rename', 'trigger', `${keyOf(c.table)}.${c.trigger}`, { newName: c.newName });
      return;
    }
    case 'create enum': {
      const key = keyOf(c.name);
      // CREATE TYPE has no IF NOT EXISTS.
      if (w.schema.enums.has(key)) return w.refuse('type', key);
      const twice = c.labels.find((label, i) => c.labels.indexOf(label) !== i);
      if (twice !== undefined) return w.reject('duplicate', 'type', key, twice);
      w.edit('enums').set(key, { name: c.name, labels: c.labels });
      w.emit('create', 'type', key);
      return;
    }
    case 'add enum value': {
      const key = keyOf(c.name);
      assumeEnum(w, c.name);
      const type = w.schema.enums.get(key);
      if (!type) return;
      if (type.labels.includes(c.label)) return w.reject('exists', 'type', key, c.label);
      const labels = [...type.labels];
      const anchor = c.before ?? c.after;
      const at = anchor === undefined ? -1 : labels.indexOf(anchor);
      if (at < 0) labels.push(c.label);
      else labels.splice(c.before !== undefined ? at : at + 1, 0, c.label);
      w.edit('enums').set(key, { ...type, labels });
      w.emit('alter', 'type', key);
      return;
    }
    case 'rename enum value': {
      const key = keyOf(c.name);
      assumeEnum(w, c.name);
      const type = w.schema.enums.get(key);
      if (!type) return;
      w.edit('enums').set(key, { ...type, labels: type.labels.map((l) => (l === c.from ? c.to : l)) });
      w.emit('alter', 'type', key);
      // A default holds the label by its OID: pg_get_expr prints the new name.
      const constant = (label: string): string => `'${label.replace(/'/g, "''")}'::${key}`;
      reprintReferences(w, (text) => (text === constant(c.from) ? constant(c.to) : text));
      return;
    }
    case 'create sequence': {
      const name = { schema: c.name.schema, name: truncateIdentifier(c.name.name) };
      if (w.relationTaken(name.schema, name.name)) return c.ifNotExists ? undefined : w.refuse('sequence', keyOf(name));
      w.setSequence(keyOf(name), { ...name, ...(c.ownedBy ? { ownedBy: c.ownedBy } : {}) });
      w.emit('create', 'sequence', keyOf(name));
      return;
    }
    case 'sequence owned by': {
      assumeObject(w, 'sequence', c.name);
      const sequence = w.schema.sequences.get(keyOf(c.name));
      if (!sequence) return;
      const { ownedBy: _dropped, ...rest } = sequence;
      w.setSequence(keyOf(c.name), c.ownedBy ? { ...rest, ownedBy: c.ownedBy } : rest);
      w.emit('alter', 'sequence', keyOf(c.name));
      return;
    }
    case 'create view': {
      const key = keyOf(c.name);
      if (w.schema.views.has(key) && !c.orReplace) return c.ifNotExists ? undefined : w.refuse('view', key);
      w.edit('views').set(key, { ...c.name, materialized: c.materialized, dependsOn: c.dependsOn });
      w.emit('create', 'view', key);
      return;
    }
    case 'create function': {
      const key = `${keyOf(c.name)}(${c.arguments})`;
      if (w.schema.functions.has(key) && !c.orReplace) return w.refuse('function', key);
      w.edit('functions').set(key, { ...c.name, arguments: c.arguments, argumentTypes: c.argumentTypes });
      w.emit('create', 'function', key);
      return;
    }
    case 'create trigger': {
      const key = `${keyOf(c.table)} ${c.name}`;
      if (!w.existingTable(c.table)) return;
      if (w.schema.triggers.has(key) && !c.orReplace) return w.refuse('trigger', `${keyOf(c.table)}.${c.name}`);
      w.edit('triggers').set(key, { name: c.name, table: c.table });
      w.emit('create', 'trigger', `${keyOf(c.table)}.${c.name}`);
      return;
    }
    case 'create extension':
      if (w.schema.extensions.has(c.name)) return c.ifNotExists ? undefined : w.refuse('extension', c.name);
      w.edit('extensions').add(c.name);
      w.emit('create', 'extension', c.name);
      return;
    case 'create schema':
      if (c.name === 'public') return;
      if (w.schema.schemas.has(c.name)) return c.ifNotExists ? undefined : w.refuse('schema', c.name);
      w.edit('schemas').add(c.name);
      w.emit('create', 'schema', c.name);
      return;
    case 'create statistics': {
      const key = keyOf(c.name);
      if (w.schema.statistics.has(key)) return c.ifNotExists ? undefined : w.refuse('statistics', key);
      w.edit('statistics').add(key);
      w.emit('create', 'statistics', key);
      return;
    }
    case 'table unknown': {
      const table = w.table(c.table);
      if (table && !table.unknown) w.setTable({ ...table, unknown: true });
      return;
    }
    case 'unknown':
      w.markUnknown();
      return;
  }
}

function drop(w: WorkingSchema, c: Extract<Change, { op: 'drop' }>): void {
  const key = keyOf(c.name);
  // Tables and indexes are looked up (and found missing) by dropTable and dropIndex.
  const missing = REJECTED_WHEN_MISSING[c.kind];
  if (missing && !c.ifExists && !holds(w, missing, key)) w.reject('missing', missing, key);
  assumeObject(w, c.kind, c.name, c.argumentTypes);
  switch (c.kind) {
    case 'table':
      return dropTable(w, c.name, c.cascade);
    case 'index':
      return dropIndex(w, c.name);
    case 'view':
    case 'materialized view':
      if (!w.edit('views').delete(key)) return;
      w.emit('drop', 'view', key);
      if (c.cascade) dropViewsReading(w, key);
      return;
    case 'sequence':
      if (!w.deleteSequence(key)) return;
      w.emit('drop', 'sequence', key);
      if (c.cascade) reprintReferences(w, (text) => (text === `nextval('${key}'::regclass)` ? '' : text));
      return;
    case 'type':
      if (w.edit('enums').delete(key)) w.emit('drop', 'type', key);
      return;
    case 'function':
      for (const [fnKey, fn] of w.functionsNamed(c.name)) {
        if (c.argumentTypes !== undefined && fn.argumentTypes !== c.argumentTypes) continue;
        w.edit('functions').delete(fnKey);
        w.emit('drop', 'function', fnKey);
      }
      return;
    case 'extension':
      if (w.edit('extensions').delete(c.name.name)) w.emit('drop', 'extension', c.name.name);
      return;
    case 'statistics':
      if (w.edit('statistics').delete(key)) w.emit('drop', 'statistics', key);
      return;
    case 'schema':
      return dropSchema(w, c.name.name, c.cascade);
  }
}

function dropSchema(w: WorkingSchema, schema: string, cascade: boolean): void {
  if (!w.schema.schemas.has(schema)) return;
  const inside = (n: QualifiedName): boolean => n.schema === schema;
  if (cascade) {
    for (const table of [...w.schema.tables.values()]) if (inside(table)) dropTable(w, table, true);
    for (const key of ['enums', 'views', 'functions'] as const) {
      for (const [k, v] of [...w.schema[key]]) if (inside('name' in v && typeof v.name === 'object' ? v.name : (v as QualifiedName))) w.edit(key).delete(k);
    }
    for (const [k, v] of [...w.schema.sequences]) if (inside(v)) w.deleteSequence(k);
  }
  w.edit('schemas').delete(schema);
  w.emit('drop', 'schema', schema);
}

function rename(w: WorkingSchema, c: Extract<Change, { op: 'rename' }>): void {
  const oldKey = keyOf(c.name);
  const renamed = { schema: c.name.schema, name: truncateIdentifier(c.newName) };
  const newKey = keyOf(renamed);
  const missing = c.kind === 'sequence' || c.kind === 'type' ? REJECTED_WHEN_MISSING[c.kind] : undefined;
  if (missing && !holds(w, missing, oldKey)) w.reject('missing', missing, oldKey);
  if (c.kind !== 'table' || w.schema.views.has(oldKey)) assumeObject(w, c.kind, c.name);
  switch (c.kind) {
    case 'table':
    case 'view': {
      // ALTER TABLE ... RENAME also renames a view, and ALTER VIEW a table.
      if (w.table(c.name) || (c.kind === 'table' && !w.schema.views.has(oldKey))) return renameTable(w, c.name, c.newName);
      const view = w.schema.views.get(oldKey);
      if (!view) return;
      w.edit('views').delete(oldKey);
      w.edit('views').set(newKey, { ...view, name: renamed.name });
      w.emit('rename', 'view', oldKey, { newName: newKey });
      return;
    }
    case 'index':
      return renameIndex(w, c.name, renamed.name);
    case 'sequence': {
      const sequence = w.schema.sequences.get(oldKey);
      if (!sequence) return;
      w.deleteSequence(oldKey);
      w.setSequence(newKey, { ...sequence, name: renamed.name });
      w.emit('rename', 'sequence', oldKey, { newName: newKey });
      const from = `nextval('${oldKey}'::regclass)`;
      reprintReferences(w, (text) => (text === from ? `nextval('${newKey}'::regclass)` : text));
      return;
    }
    case 'type': {
      const type = w.schema.enums.get(oldKey);
      if (!type) return;
      w.edit('enums').delete(oldKey);
      w.edit('enums').set(newKey, { ...type, name: renamed });
      w.emit('rename', 'type', oldKey, { newName: newKey });
      // format_type prints a column's type by its current name.
      reprintReferences(w, (text) => (text === oldKey ? newKey : text === `${oldKey}[]` ? `${newKey}[]` : text.replace(`'::${oldKey}`, `'::${newKey}`)));
      return;
    }
    case 'schema':
      // Rare in migrations: everything inside moves; the model marks the schema unknown rather than follow it.
      w.markUnknown();
      return;
  }
}

/** Drops of these, without IF EXISTS, fail when the object is not there (what the history knows of them is exact). */
const REJECTED_WHEN_MISSING: Partial<Record<DropKind, 'view' | 'sequence' | 'type'>> = { view: 'view', 'materialized view': 'view', sequence: 'sequence', type: 'type' };

function holds(w: WorkingSchema, kind: 'view' | 'sequence' | 'type', key: string): boolean {
  return kind === 'view' ? w.schema.views.has(key) : kind === 'sequence' ? w.schema.sequences.has(key) : w.schema.enums.has(key);
}

// Assume mode (see WorkingSchema): what a drop or a rename names is taken to exist when the history never made it.

function assume<K extends 'enums' | 'views' | 'functions' | 'triggers'>(
  w: WorkingSchema,
  collection: K,
  kind: SchemaEvent['kind'],
  key: string,
  value: Schema[K] extends ReadonlyMap<string, infer V> ? V : never,
  eventName = key,
): void {
  if (w.schema[collection].has(key) || !w.mayAssume(kind, eventName)) return;
  w.assume((x) => (x.edit(collection) as unknown as Map<string, typeof value>).set(key, value));
}

function assumeEnum(w: WorkingSchema, name: QualifiedName): void {
  assume(w, 'enums', 'type', keyOf(name), { name, labels: [], unknown: true });
}

function assumeTrigger(w: WorkingSchema, table: QualifiedName, name: string): void {
  if (!w.existingTable(table)) return;
  assume(w, 'triggers', 'trigger', `${keyOf(table)} ${name}`, { name, table }, `${keyOf(table)}.${name}`);
}

function assumeObject(w: WorkingSchema, kind: DropKind | RenameKind, name: QualifiedName, argumentTypes?: string): void {
  const key = keyOf(name);
  switch (kind) {
    case 'type':
      return assumeEnum(w, name);
    case 'sequence':
      if (!w.relationTaken(name.schema, name.name) && w.mayAssume('sequence', key)) w.assume((x) => x.setSequence(key, name));
      return;
    case 'view':
    case 'materialized view':
      if (!w.relationTaken(name.schema, name.name)) assume(w, 'views', 'view', key, { ...name, materialized: kind === 'materialized view', dependsOn: [] });
      return;
    case 'function': {
      if (w.functionsNamed(name).length > 0) return;
      const args = argumentTypes ?? '?';
      assume(w, 'functions', 'function', `${key}(${args})`, { ...name, arguments: args, argumentTypes: args });
      return;
    }
    case 'statistics':
      if (!w.schema.statistics.has(key) && w.mayAssume('statistics', key)) w.assume((x) => x.edit('statistics').add(key));
      return;
    case 'table':
      w.existingTable(name);
      return;
    default:
      // Indexes name no table (a drop cannot say where to assume one); extensions and schemas are shared.
      return;
  }
}
