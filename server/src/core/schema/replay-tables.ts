// Replay of what changes tables: their columns, indexes and constraints, with PostgreSQL's implicit names and what
// its dependencies take along (DROP COLUMN, DROP TABLE, CASCADE, renames).
import type { Change, ColumnSpec, ConstraintSpec, IndexSpec } from './changes';
import { keyOf, type Column, type ColumnAspect, type Constraint, type Index, type QualifiedName, type Table } from './model';
import { chooseName, columnsAddition, truncateIdentifier } from './names';
import type { WorkingSchema } from './working';

type ChangeOf<K extends Change['op']> = Extract<Change, { op: K }>;

/** `nextval('<sequence>'::regclass)`, the sequence named as regclass prints it (qualified outside public). */
export function nextval(sequence: QualifiedName): string {
  return `nextval('${keyOf(sequence)}'::regclass)`;
}

const INDEX_BACKED = new Set(['primary key', 'unique', 'exclude']);

export function createTable(w: WorkingSchema, c: ChangeOf<'create table'>): void {
  const name = { schema: c.table.schema, name: truncateIdentifier(c.table.name) };
  // IF NOT EXISTS skips; without it PostgreSQL fails, and the model keeps what it knew.
  if (w.table(name)) return c.ifNotExists ? undefined : w.refuse('table', keyOf(name));
  if (w.schema.views.has(keyOf(name))) return;
  const twice = c.columns.find((col, i) => c.columns.findIndex((x) => x.name === col.name) !== i);
  if (twice) return w.reject('duplicate', 'column', `${keyOf(name)}.${twice.name}`, twice.name);
  const table: Table = { schema: name.schema, name: name.name, columns: [], indexes: [], constraints: [], ...(c.unknown ? { unknown: true } : {}) };
  w.setTable(table);
  w.emit('create', 'table', keyOf(name), c.ifNotExists ? { ifNotExists: true } : {});
  for (const spec of c.columns) addColumnSpec(w, name, spec);
  addConstraints(w, name, c.constraints);
}

export function addColumn(w: WorkingSchema, c: ChangeOf<'add column'>): void {
  const table = w.existingTable(c.table);
  // A table the history never made may still be there (a schema older than the migrations): its new column's
  // foreign keys point where they point.
  if (!table) {
    for (const spec of c.constraints) referTo(w, spec);
    return;
  }
  if (table.columns.some((col) => col.name === c.column.name)) return c.ifNotExists ? undefined : w.refuse('column', `${keyOf(table)}.${c.column.name}`);
  addColumnSpec(w, c.table, c.column);
  addConstraints(w, c.table, c.constraints);
}

function addColumnSpec(w: WorkingSchema, name: QualifiedName, spec: ColumnSpec): void {
  const table = w.table(name)!;
  const column: Column = { name: spec.name, type: spec.type, nullable: spec.nullable, default: spec.default };
  if (spec.unknown) column.unknown = true;
  if (spec.serial || spec.identity) {
    const sequence = { schema: name.schema, name: chooseName(name.name, spec.name, 'seq', (n) => w.relationTaken(name.schema, n)) };
    w.setSequence(keyOf(sequence), { ...sequence, ownedBy: { table: name, column: spec.name } });
    w.emit('create', 'sequence', keyOf(sequence));
    column.nullable = false;
    if (spec.serial) column.default = nextval(sequence);
    else column.identity = true;
  }
  w.setTable({ ...table, columns: [...table.columns, column] });
  w.emit('create', 'column', `${keyOf(name)}.${spec.name}`);
}

/** Checks first, then the index-backed constraints, then foreign keys: the order PostgreSQL names them in. */
function addConstraints(w: WorkingSchema, table: QualifiedName, specs: readonly ConstraintSpec[]): void {
  const order = (s: ConstraintSpec): number => (s.kind === 'check' ? 0 : s.kind === 'foreign key' ? 2 : 1);
  for (const spec of [...specs].sort((a, b) => order(a) - order(b))) addConstraint(w, table, spec);
}

/** A foreign key meets the schema as it is at that point: is the table it references there? */
function referTo(w: WorkingSchema, spec: ConstraintSpec): void {
  const references = spec.references;
  if (!references || spec.unknown) return;
  w.referTo({ schema: references.table.schema, name: truncateIdentifier(references.table.name) }, references.range ?? w.range);
}

export function addConstraint(w: WorkingSchema, name: QualifiedName, spec: ConstraintSpec): void {
  referTo(w, spec);
  let table = w.existingTable(name);
  if (!table) return;
  let columns = spec.columns;
  let constraintName = spec.name === undefined ? undefined : truncateIdentifier(spec.name);
  if (spec.usingIndex !== undefined) {
    // The constraint takes the index over; the index is renamed to the constraint's name.
    const index = table.indexes.find((i) => i.name === spec.usingIndex);
    if (!index) return;
    columns = index.columns;
    constraintName ??= index.name;
    table = { ...table, indexes: table.indexes.map((i) => (i === index ? { ...i, name: constraintName!, unique: true } : i)) };
    if (constraintName !== index.name) w.emit('rename', 'index', `${keyOf(name)}.${index.name}`, { newName: constraintName });
  }
  // A name the table's constraints already use: PostgreSQL refuses the second.
  if (spec.name !== undefined && table.constraints.some((k) => k.name === constraintName)) return w.refuse('constraint', `${keyOf(name)}.${constraintName}`);
  const schema = name.schema;
  const relationTaken = (n: string): boolean => w.relationTaken(schema, n);
  const constraintTaken = (n: string): boolean => w.constraintTaken(schema, n);
  if (constraintName === undefined) {
    switch (spec.kind) {
      case 'primary key':
        constraintName = chooseName(table.name, undefined, 'pkey', relationTaken);
        break;
      case 'unique':
        constraintName = chooseName(table.name, columnsAddition(columns), 'key', relationTaken);
        break;
      case 'exclude':
        constraintName = chooseName(table.name, columnsAddition(columns), 'excl', relationTaken);
        break;
      case 'check': {
        const read = spec.checkColumns ?? [];
        constraintName = chooseName(table.name, read.length === 1 ? read[0] : undefined, 'check', constraintTaken);
        break;
      }
      case 'foreign key':
        constraintName = chooseName(table.name, columnsAddition(columns), 'fkey', constraintTaken);
        break;
    }
  }
  const constraint: Constraint = { name: constraintName, kind: spec.kind, columns: [...columns], ...(spec.name === undefined && spec.usingIndex === undefined ? { implicitName: true as const } : {}) };
  if (spec.kind === 'check') {
    // conkey of a check: the columns it reads, in the table's order.
    const position = (c: string): number => table!.columns.findIndex((col) => col.name === c);
    constraint.columns = [...(spec.checkColumns ?? [])].filter((c) => position(c) >= 0).sort((a, b) => position(a) - position(b));
  }
  if (spec.references) {
    const referenced = spec.references.table;
    let referencedColumns = spec.references.columns;
    if (referencedColumns.length === 0) {
      const target = keyOf(referenced) === keyOf(name) ? table : w.table(referenced);
      referencedColumns = target?.constraints.find((c) => c.kind === 'primary key')?.columns ?? [];
      if (referencedColumns.length === 0) constraint.unknown = true;
    }
    constraint.references = { table: referenced, columns: [...referencedColumns] };
  }
  if (spec.unknown) constraint.unknown = true;
  let indexes = table.indexes;
  if (INDEX_BACKED.has(spec.kind) && spec.usingIndex === undefined) {
    indexes = [...indexes, { name: constraintName, columns: [...columns], unique: spec.kind !== 'exclude', ...(spec.unknown ? { unknown: true as const } : {}) }];
    w.emit('create', 'index', `${keyOf(name)}.${constraintName}`);
  }
  let tableColumns = table.columns;
  if (spec.kind === 'primary key') tableColumns = tableColumns.map((c) => (columns.includes(c.name) ? { ...c, nullable: false } : c));
  w.setTable({ ...table, columns: tableColumns, indexes, constraints: [...table.constraints, constraint] });
  w.emit('create', 'constraint', `${keyOf(name)}.${constraintName}`);
}

export function createIndex(w: WorkingSchema, spec: IndexSpec): void {
  const table = w.existingTable(spec.table);
  if (!table) return;
  const keys = spec.columns.map((k) => k.column ?? k.expression ?? '?');
  let name = spec.name === undefined ? undefined : truncateIdentifier(spec.name);
  // IF NOT EXISTS, or PostgreSQL fails.
  if (name !== undefined && w.relationTaken(table.schema, name)) return spec.ifNotExists ? undefined : w.refuse('index', `${keyOf(table)}.${name}`);
  name ??= chooseName(
    table.name,
    columnsAddition(spec.columns.map((k) => k.column ?? 'expr')),
    'idx',
    (n) => w.relationTaken(table.schema, n),
  );
  const index: Index = { name, columns: keys, unique: spec.unique };
  if (spec.unknown || spec.columns.some((k) => k.column === undefined)) index.unknown = true;
  w.setTable({ ...table, indexes: [...table.indexes, index] });
  w.emit('create', 'index', `${keyOf(table)}.${name}`);
}

export function dropIndex(w: WorkingSchema, name: QualifiedName): void {
  const table = w.existingIndex(name);
  if (!table) return;
  w.setTable({ ...table, indexes: table.indexes.filter((i) => i.name !== name.name) });
  w.emit('drop', 'index', `${keyOf(table)}.${name.name}`);
}

export function dropConstraint(w: WorkingSchema, c: ChangeOf<'drop constraint'>): void {
  const found = w.existingConstraint(c.table, c.name);
  if (!found) return;
  const { table, constraint } = found;
  const backed = INDEX_BACKED.has(constraint.kind);
  w.setTable({
    ...table,
    constraints: table.constraints.filter((k) => k !== constraint),
    indexes: backed ? table.indexes.filter((i) => i.name !== constraint.name) : table.indexes,
  });
  w.emit('drop', 'constraint', `${keyOf(table)}.${constraint.name}`);
  if (backed) w.emit('drop', 'index', `${keyOf(table)}.${constraint.name}`, { cascade: true });
  if (c.cascade && backed) dropForeignKeysTo(w, table, constraint.columns);
}

/** Foreign keys of any table that point at `table` (at `columns` when given). */
function dropForeignKeysTo(w: WorkingSchema, target: QualifiedName, columns?: readonly string[]): void {
  const key = keyOf(target);
  for (const table of [...w.schema.tables.values()]) {
    const kept = table.constraints.filter(
      (k) => !(k.references && keyOf(k.references.table) === key && (columns === undefined || k.references.columns.some((c) => columns.includes(c)))),
    );
    if (kept.length === table.constraints.length) continue;
    for (const k of table.constraints) if (!kept.includes(k)) w.emit('drop', 'constraint', `${keyOf(table)}.${k.name}`, { cascade: true });
    w.setTable({ ...table, constraints: kept });
  }
}

export function dropColumn(w: WorkingSchema, c: ChangeOf<'drop column'>): void {
  const table = w.existingColumn(c.table, c.column)?.table;
  if (!table) return;
  const tableKey = keyOf(table);
  const on = (columns: readonly string[]): boolean => columns.includes(c.column);
  for (const index of table.indexes) if (on(index.columns)) w.emit('drop', 'index', `${tableKey}.${index.name}`, { cascade: true });
  for (const k of table.constraints) if (on(k.columns)) w.emit('drop', 'constraint', `${tableKey}.${k.name}`, { cascade: true });
  w.setTable({
    ...table,
    columns: table.columns.filter((col) => col.name !== c.column),
    indexes: table.indexes.filter((i) => !on(i.columns)),
    constraints: table.constraints.filter((k) => !on(k.columns)),
  });
  w.emit('drop', 'column', `${tableKey}.${c.column}`);
  for (const sequence of w.sequencesOwnedBy(table, c.column)) {
    w.deleteSequence(keyOf(sequence));
    w.emit('drop', 'sequence', keyOf(sequence), { cascade: true });
  }
  if (c.cascade) {
    dropForeignKeysTo(w, table, [c.column]);
    dropViewsReading(w, tableKey);
  }
}

export function dropTable(w: WorkingSchema, name: QualifiedName, cascade: boolean): void {
  const table = w.existingTable(name);
  if (!table) return;
  const key = keyOf(table);
  w.deleteTable(key);
  w.emit('drop', 'table', key);
  for (const sequence of w.sequencesOwnedBy(table)) {
    w.deleteSequence(keyOf(sequence));
    w.emit('drop', 'sequence', keyOf(sequence), { cascade: true });
  }
  for (const [triggerKey, trigger] of w.triggersOn(table)) {
    w.edit('triggers').delete(triggerKey);
    w.emit('drop', 'trigger', `${key}.${trigger.name}`, { cascade: true });
  }
  if (cascade) {
    dropForeignKeysTo(w, table);
    dropViewsReading(w, key);
  }
}

/** Views reading `key`, and the views reading those. */
export function dropViewsReading(w: WorkingSchema, key: string): void {
  for (const view of w.viewsReading(key)) {
    const viewKey = keyOf(view);
    if (!w.schema.views.has(viewKey)) continue;
    w.edit('views').delete(viewKey);
    w.emit('drop', 'view', viewKey, { cascade: true });
    dropViewsReading(w, viewKey);
  }
}

export function renameTable(w: WorkingSchema, name: QualifiedName, newName: string): void {
  const table = w.existingTable(name);
  if (!table) return;
  const oldKey = keyOf(table);
  const renamed = { schema: table.schema, name: truncateIdentifier(newName) };
  const newKey = keyOf(renamed);
  w.deleteTable(oldKey);
  w.setTable({ ...table, name: renamed.name });
  w.emit('rename', 'table', oldKey, { newName: newKey });
  // Its indexes, constraints and sequences keep their names; what points at the table follows it.
  for (const other of [...w.schema.tables.values()]) {
    if (!other.constraints.some((k) => k.references && keyOf(k.references.table) === oldKey)) continue;
    w.setTable({ ...other, constraints: other.constraints.map((k) => (k.references && keyOf(k.references.table) === oldKey ? { ...k, references: { ...k.references, table: renamed } } : k)) });
  }
  for (const sequence of w.sequencesOwnedBy(name)) w.setSequence(keyOf(sequence), { ...sequence, ownedBy: { ...sequence.ownedBy!, table: renamed } });
  for (const [key, trigger] of w.triggersOn(name)) {
    w.edit('triggers').delete(key);
    w.edit('triggers').set(`${newKey} ${trigger.name}`, { ...trigger, table: renamed });
  }
  for (const view of w.viewsReading(oldKey)) w.edit('views').set(keyOf(view), { ...view, dependsOn: view.dependsOn.map((d) => (d === oldKey ? newKey : d)) });
}

export function renameColumn(w: WorkingSchema, c: ChangeOf<'rename column'>): void {
  const table = w.existingColumn(c.table, c.column)?.table;
  if (!table) return;
  const rename = (columns: readonly string[]): string[] => columns.map((x) => (x === c.column ? c.newName : x));
  const key = keyOf(table);
  w.setTable({
    ...table,
    columns: table.columns.map((col) => (col.name === c.column ? { ...col, name: c.newName } : col)),
    indexes: table.indexes.map((i) => ({ ...i, columns: rename(i.columns) })),
    constraints: table.constraints.map((k) => ({ ...k, columns: rename(k.columns) })),
  });
  w.emit('rename', 'column', `${key}.${c.column}`, { newName: c.newName });
  for (const other of [...w.schema.tables.values()]) {
    const refers = (k: Constraint): boolean => k.references !== undefined && keyOf(k.references.table) === key && k.references.columns.includes(c.column);
    if (!other.constraints.some(refers)) continue;
    w.setTable({ ...other, constraints: other.constraints.map((k) => (refers(k) ? { ...k, references: { ...k.references!, columns: rename(k.references!.columns) } } : k)) });
  }
  for (const sequence of w.sequencesOwnedBy(table, c.column)) w.setSequence(keyOf(sequence), { ...sequence, ownedBy: { table, column: c.newName } });
}

export function renameConstraint(w: WorkingSchema, c: ChangeOf<'rename constraint'>): void {
  const found = w.existingConstraint(c.table, c.constraint);
  if (!found) return;
  const { table, constraint } = found;
  const backed = INDEX_BACKED.has(constraint.kind);
  w.setTable({
    ...table,
    constraints: table.constraints.map((k) => (k === constraint ? { ...k, name: c.newName } : k)),
    // An index-backed constraint and its index are renamed together.
    indexes: backed ? table.indexes.map((i) => (i.name === constraint.name ? { ...i, name: c.newName } : i)) : table.indexes,
  });
  w.emit('rename', 'constraint', `${keyOf(table)}.${constraint.name}`, { newName: c.newName });
}

export function renameIndex(w: WorkingSchema, name: QualifiedName, newName: string): void {
  const table = w.existingIndex(name);
  if (!table) return;
  w.setTable({
    ...table,
    indexes: table.indexes.map((i) => (i.name === name.name ? { ...i, name: newName } : i)),
    constraints: table.constraints.map((k) => (k.name === name.name && INDEX_BACKED.has(k.kind) ? { ...k, name: newName } : k)),
  });
  w.emit('rename', 'index', `${keyOf(table)}.${name.name}`, { newName });
}

export function alterColumn(w: WorkingSchema, c: ChangeOf<'alter column'>): void {
  const found = w.existingColumn(c.table, c.column);
  if (!found) return;
  const { table, column } = found;
  const next: Column = { ...column };
  if (c.type !== undefined && c.type !== column.type) {
    next.type = c.type;
    // PostgreSQL re-casts the default to the new type, which may print it otherwise.
    if (next.default !== null && next.default.includes('::')) next.unknown = true;
  }
  if (c.nullable !== undefined) next.nullable = c.nullable;
  if (c.default !== undefined) next.default = c.default;
  if (c.unknown) next.unknown = true;
  w.setTable({ ...table, columns: table.columns.map((col) => (col === column ? next : col)) });
  const aspects: ColumnAspect[] = [];
  if (c.type !== undefined) aspects.push('type');
  if (c.nullable !== undefined) aspects.push('nullable');
  if (c.default !== undefined) aspects.push('default');
  w.emit('alter', 'column', `${keyOf(table)}.${c.column}`, { aspects });
}

/** Renaming a sequence or a type reprints what names it by OID: nextval('...'::regclass), column types, casts. */
export function reprintReferences(w: WorkingSchema, replace: (text: string) => string): void {
  for (const table of [...w.schema.tables.values()]) {
    let changed = false;
    const columns = table.columns.map((col) => {
      const type = replace(col.type);
      // An empty text is a default dropped with what it named.
      const def = col.default === null ? null : replace(col.default) || null;
      if (type === col.type && def === col.default) return col;
      changed = true;
      return { ...col, type, default: def };
    });
    if (changed) w.setTable({ ...table, columns });
  }
}
