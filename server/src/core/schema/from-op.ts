// Alembic's op.* calls -> schema changes, read from the call's syntax tree at parse time: the types SQLAlchemy's
// PostgreSQL dialect emits, the names SQLAlchemy gives (its default `ix_%(column_0_label)s` for index=True, applied
// with env.py's naming convention by replay: `withConventionNames`), and the names PostgreSQL gives what SQLAlchemy
// leaves unnamed. What depends on the schema the call runs on is left for replay (see `PendingDefault`).
import { literalName, literalNameList, literalString } from '../migration/literals';
import { argument, callArguments, dottedName, keywordValue, nodeRange, unwrapParens, type CallArguments, type Node } from '../python/syntax-tree';
import type { Node as PgNode } from 'libpg-query';
import type { ApiOperation, Range } from '../types';
import type { Change, ColumnSpec, ConstraintSpec, PendingDefault } from './changes';
import { columnsRead, parseExpression } from './from-sql';
import { qualified, type QualifiedName } from './model';
import { conventionKeyOf, conventionName, type NamingConvention } from './naming-convention';
import { staticDefault, type FormattedDefault } from './pg-types';
import { saType, type SaType } from './sa-types';

/** Positional parameters of each op.* call (Alembic's names, also usable as keywords); the batch form drops `table`. */
const PARAMS: Record<string, { params: string[]; table?: string }> = {
  create_table: { params: ['table_name'] },
  drop_table: { params: ['table_name'] },
  rename_table: { params: ['old_table_name', 'new_table_name'] },
  add_column: { params: ['table_name', 'column'], table: 'table_name' },
  drop_column: { params: ['table_name', 'column_name'], table: 'table_name' },
  alter_column: { params: ['table_name', 'column_name'], table: 'table_name' },
  create_index: { params: ['index_name', 'table_name', 'columns'], table: 'table_name' },
  drop_index: { params: ['index_name', 'table_name'], table: 'table_name' },
  create_foreign_key: { params: ['constraint_name', 'source_table', 'referent_table', 'local_cols', 'remote_cols'], table: 'source_table' },
  create_unique_constraint: { params: ['constraint_name', 'table_name', 'columns'], table: 'table_name' },
  create_check_constraint: { params: ['constraint_name', 'table_name', 'condition'], table: 'table_name' },
  create_primary_key: { params: ['constraint_name', 'table_name', 'columns'], table: 'table_name' },
  create_exclude_constraint: { params: ['constraint_name', 'table_name'], table: 'table_name' },
  drop_constraint: { params: ['constraint_name', 'table_name', 'type_'], table: 'table_name' },
};

/** The table of a `with op.batch_alter_table("t", schema=...) as batch_op:` block. */
interface BatchContext {
  table: QualifiedName;
}

class CallReader {
  readonly args: CallArguments;
  constructor(
    readonly call: Node,
    readonly text: string,
    private readonly params: string[],
  ) {
    this.args = callArguments(call);
  }
  param(name: string): Node | undefined {
    return argument(this.args, this.params.indexOf(name), name);
  }
  name(param: string): string | null | undefined {
    return literalName(this.param(param), this.text);
  }
  keyword(name: string): Node | undefined {
    return keywordValue(this.args, name);
  }
  keywordString(name: string): string | undefined {
    const value = literalString(this.keyword(name), this.text);
    return value;
  }
  isTrue(name: string): boolean {
    return isTrue(this.args, name);
  }
}

/** The keyword argument `name` is the literal True. */
function isTrue(args: CallArguments, name: string): boolean {
  const value = keywordValue(args, name);
  return value !== undefined && unwrapParens(value).type === 'true';
}

/** SQLAlchemy's own default: only indexes are named by it. */
const DEFAULT_CONVENTION: NamingConvention = { ix: 'ix_%(column_0_label)s' };

/** The changes of one op.* call; an argument the model cannot read makes the change unknown. */
export function opChanges(op: ApiOperation, call: Node, text: string): Change[] {
  // `**kwargs` may hold schema=, type_=, a name: what the call touches is not known.
  if (callArguments(call).hasSplat) return [{ op: 'unknown', reason: `op.${op.name} with arguments unpacked at run time`, range: op.range }];
  try {
    return callChanges(op, call, text, batchOf(call, text));
  } catch {
    // A tree the model did not expect must not take the file's analysis down: what the call did is unknown.
    return [{ op: 'unknown', reason: `op.${op.name} not read`, range: op.range }];
  }
}

/**
 * Unnamed constraints and indexes of an op.* call get the names of env.py's naming convention, else SQLAlchemy's
 * default ones (PostgreSQL names the rest).
 */
export function withConventionNames(change: Change, projectConvention: NamingConvention | undefined): Change {
  const convention = projectConvention ? { ...DEFAULT_CONVENTION, ...projectConvention } : DEFAULT_CONVENTION;
  const name = (table: QualifiedName, spec: ConstraintSpec): ConstraintSpec => {
    if (spec.name !== undefined) return spec;
    const key = conventionKeyOf(spec.kind);
    const given = key && conventionName(convention, key, { table: table.name, columns: spec.columns, referredTable: spec.references?.table.name, referredColumns: spec.references?.columns });
    return given === undefined ? spec : { ...spec, name: given };
  };
  switch (change.op) {
    case 'create table':
      return { ...change, constraints: change.constraints.map((c) => name(change.table, c)) };
    case 'add column':
      return { ...change, constraints: change.constraints.map((c) => name(change.table, c)) };
    case 'add constraint':
      return { ...change, constraint: name(change.table, change.constraint) };
    case 'create index': {
      const index = change.index;
      if (index.name !== undefined || index.columns.some((c) => c.column === undefined)) return change;
      const given = conventionName(convention, 'ix', { table: index.table.name, columns: index.columns.map((c) => c.column!) });
      return given === undefined ? change : { ...change, index: { ...index, name: given } };
    }
    default:
      return change;
  }
}

function callChanges(op: ApiOperation, call: Node, text: string, batch: BatchContext | undefined): Change[] {
  const spec = PARAMS[op.name];
  if (!spec) return [];
  const params = batch ? spec.params.filter((p) => p !== spec.table) : spec.params;
  const r = new CallReader(call, text, params);
  const range = op.range;
  const unknown: Change[] = [{ op: 'unknown', reason: `op.${op.name} with arguments not known statically`, range }];
  const schemaKeyword = op.name === 'create_foreign_key' ? 'source_schema' : 'schema';
  const tableOf = (param: string | undefined): QualifiedName | undefined => {
    if (batch) return batch.table;
    if (param === undefined) return undefined;
    const name = r.name(param);
    return typeof name === 'string' ? qualified(name, r.keywordString(schemaKeyword)) : undefined;
  };
  const at = <C extends Omit<Change, 'range'>>(change: C): Change => ({ ...change, range }) as unknown as Change;

  switch (op.name) {
    case 'create_table': {
      const table = tableOf('table_name');
      return table ? createTable(r, table, range) : unknown;
    }
    case 'drop_table': {
      const table = tableOf('table_name');
      return table ? [at({ op: 'drop', kind: 'table', name: table, ifExists: r.isTrue('if_exists'), cascade: false })] : unknown;
    }
    case 'rename_table': {
      const table = tableOf('old_table_name');
      const newName = r.name('new_table_name');
      return table && typeof newName === 'string' ? [at({ op: 'rename', kind: 'table', name: table, newName })] : unknown;
    }
    case 'add_column': {
      const table = tableOf(spec.table);
      const column = r.param('column');
      if (!table || !column) return unknown;
      const read = readColumn(column, text);
      if (!read) return [at({ op: 'table unknown', table })];
      const constraints = [...read.constraints, ...read.useAlter];
      const changes: Change[] = [at({ op: 'add column', table, column: read.spec, constraints, ifNotExists: r.isTrue('if_not_exists') })];
      // Alembic adds the column's constraints and indexes after it; its enum type it does not create.
      if (read.index) changes.push(at({ op: 'create index', index: { table, columns: [{ column: read.spec.name }], unique: read.unique, ifNotExists: false } }));
      return changes;
    }
    case 'drop_column': {
      const table = tableOf(spec.table);
      const column = r.name('column_name');
      return table && typeof column === 'string' ? [at({ op: 'drop column', table, column, ifExists: r.isTrue('if_exists'), cascade: false })] : unknown;
    }
    case 'alter_column':
      return alterColumn(r, tableOf(spec.table), range) ?? unknown;
    case 'create_index': {
      const table = tableOf(spec.table);
      const name = r.name('index_name');
      const columnsNode = r.param('columns');
      if (!table || name === undefined || !columnsNode) return unknown;
      const list = unwrapParens(columnsNode);
      const elements = list.type === 'list' || list.type === 'tuple' ? list.namedChildren : [list];
      const columns = elements.map((e) => {
        const column = literalName(e, text);
        return typeof column === 'string' ? { column } : { expression: e.text };
      });
      return [at({ op: 'create index', index: { ...(name !== null ? { name } : {}), table, columns, unique: r.isTrue('unique'), ifNotExists: r.isTrue('if_not_exists') } })];
    }
    case 'drop_index': {
      const name = r.name('index_name');
      const schema = batch ? batch.table.schema : r.keywordString('schema');
      return typeof name === 'string' ? [at({ op: 'drop', kind: 'index', name: qualified(name, schema), ifExists: r.isTrue('if_exists'), cascade: false })] : unknown;
    }
    case 'create_foreign_key': {
      const table = tableOf(spec.table);
      const referentNode = r.param('referent_table');
      const referent = literalName(referentNode, text);
      const name = r.name('constraint_name');
      if (!table || !referentNode || typeof referent !== 'string' || name === undefined) return unknown;
      const references = { table: qualified(referent, r.keywordString('referent_schema')), columns: literalNameList(r.param('remote_cols'), text), range: nodeRange(referentNode) };
      const constraint: ConstraintSpec = { ...(name !== null ? { name } : {}), kind: 'foreign key', columns: literalNameList(r.param('local_cols'), text), references };
      return [at({ op: 'add constraint', table, constraint })];
    }
    case 'create_unique_constraint':
    case 'create_primary_key': {
      const table = tableOf(spec.table);
      const name = r.name('constraint_name');
      if (!table || name === undefined) return unknown;
      const kind = op.name === 'create_primary_key' ? 'primary key' : 'unique';
      return [at({ op: 'add constraint', table, constraint: { ...(name !== null ? { name } : {}), kind, columns: literalNameList(r.param('columns'), text) } })];
    }
    case 'create_check_constraint': {
      const table = tableOf(spec.table);
      const name = r.name('constraint_name');
      if (!table || name === undefined) return unknown;
      const read = conditionColumns(r.param('condition'), text);
      return [at({ op: 'add constraint', table, constraint: { ...(name !== null ? { name } : {}), kind: 'check', columns: read ?? [], checkColumns: read ?? [], ...(read ? {} : { unknown: true }) } })];
    }
    case 'create_exclude_constraint': {
      const table = tableOf(spec.table);
      const name = r.name('constraint_name');
      if (!table || typeof name !== 'string') return unknown;
      return [at({ op: 'add constraint', table, constraint: { name, kind: 'exclude', columns: [], unknown: true } })];
    }
    case 'drop_constraint': {
      const table = tableOf(spec.table);
      const name = r.name('constraint_name');
      if (!table || typeof name !== 'string') return unknown;
      return [at({ op: 'drop constraint', table, name, ifExists: r.isTrue('if_exists'), cascade: false })];
    }
    default:
      return [];
  }
}

/** The distinct columns a check's condition (a string or sa.text) reads; undefined when it cannot be read. */
function conditionColumns(node: Node | undefined, text: string): string[] | undefined {
  const sql = sqlTextOf(node, text);
  const expr = sql === undefined ? undefined : parseExpression(sql);
  return expr ? columnsRead(expr) : undefined;
}

/** A string literal, or `sa.text("...")` / `text("...")`: the SQL it holds. */
function sqlTextOf(node: Node | undefined, text: string): string | undefined {
  if (!node) return undefined;
  const value = unwrapParens(node);
  if (value.type === 'string') return literalString(value, text);
  if (value.type === 'call' && dottedName(value.childForFieldName('function') ?? value)?.split('.').pop() === 'text') {
    return literalString(argument(callArguments(value), 0, 'text'), text);
  }
  return undefined;
}

/** How PostgreSQL prints a server_default (a string is a literal SQLAlchemy quotes; sa.text is SQL as written). */
function serverDefault(node: Node, text: string): FormattedDefault | { expr: PgNode } {
  const value = unwrapParens(node);
  if (value.type === 'none') return { text: null };
  if (value.type === 'string') {
    const literal = literalString(value, text);
    if (literal === undefined) return { text: '?', unknown: true };
    return { expr: { A_Const: { sval: { sval: literal } } } as never };
  }
  if (value.type === 'call') {
    const callee = dottedName(value.childForFieldName('function') ?? value) ?? '';
    const last = callee.split('.').pop();
    const args = callArguments(value);
    if (last === 'text') {
      const sql = sqlTextOf(value, text);
      const expr = sql === undefined ? undefined : parseExpression(sql);
      return expr ? { expr } : { text: '?', unknown: true };
    }
    if (last === 'true' || last === 'false') return { text: last };
    if (/(^|\.)func\.\w+$/.test(callee) && args.positional.length === 0 && args.keywords.size === 0) return { text: `${last}()` };
  }
  return { text: '?', unknown: true };
}

interface ReadColumn {
  spec: ColumnSpec;
  constraints: ConstraintSpec[];
  /**
   * `ForeignKey(..., use_alter=True)`: SQLAlchemy leaves it out of CREATE TABLE, to add it with an ALTER TABLE that
   * op.create_table never emits (Alembic issue #326); op.add_column adds it like any other.
   */
  useAlter: ConstraintSpec[];
  saType: SaType;
  primaryKey: boolean;
  foreignKey: boolean;
  autoincrement: 'auto' | boolean;
  hasServerDefault: boolean;
  index: boolean;
  unique: boolean;
}

/** `sa.Column("name", type, ForeignKey(...), nullable=, server_default=, primary_key=, unique=, index=)`. */
function readColumn(raw: Node, text: string): ReadColumn | undefined {
  const node = unwrapParens(raw);
  if (node.type !== 'call') return undefined;
  const args = callArguments(node);
  const name = literalName(argument(args, 0, 'name'), text);
  if (typeof name !== 'string') return undefined;
  const typeNode = argument(args, 1, 'type_');
  const type = typeNode && isTypeExpression(typeNode) ? saType(typeNode, text) : { type: '?', unknown: true };
  const keyword = (k: string): Node | undefined => keywordValue(args, k);
  const flag = (k: string): boolean | undefined => {
    const v = keyword(k);
    if (!v) return undefined;
    const t = unwrapParens(v).type;
    return t === 'true' ? true : t === 'false' ? false : undefined;
  };
  const primaryKey = flag('primary_key') ?? false;
  const spec: ColumnSpec = { name, type: type.type, nullable: flag('nullable') ?? !primaryKey, default: null };
  if (type.unknown) spec.unknown = true;
  const serverDefaultNode = keyword('server_default');
  if (serverDefaultNode) {
    const value = onType(serverDefault(serverDefaultNode, text), type.type);
    if ('pending' in value) spec.pendingDefault = value.pending;
    else {
      spec.default = value.text;
      if (value.unknown) spec.unknown = true;
    }
  }
  const constraints: ConstraintSpec[] = [];
  const useAlter: ConstraintSpec[] = [];
  let foreignKey = false;
  for (const extra of args.positional.slice(1)) {
    const value = unwrapParens(extra);
    if (value.type !== 'call') continue;
    const callee = dottedName(value.childForFieldName('function') ?? value)?.split('.').pop();
    const extraArgs = callArguments(value);
    if (callee === 'ForeignKey') {
      foreignKey = true;
      const target = literalString(argument(extraArgs, 0, 'column'), text);
      const fkName = literalName(keywordValue(extraArgs, 'name'), text);
      const parts = target?.split('.') ?? [];
      if (parts.length < 2) {
        constraints.push({ kind: 'foreign key', columns: [name], unknown: true, references: { table: qualified('?', undefined), columns: [] } });
        continue;
      }
      const column = parts.pop()!;
      const referenced = qualified(parts.pop()!, parts.pop());
      const fk: ConstraintSpec = { ...(typeof fkName === 'string' ? { name: fkName } : {}), kind: 'foreign key', columns: [name], references: { table: referenced, columns: [column], range: nodeRange(value) } };
      (isTrue(extraArgs, 'use_alter') ? useAlter : constraints).push(fk);
    } else if (callee === 'Identity') {
      spec.identity = true;
    } else if (callee === 'CheckConstraint') {
      const read = conditionColumns(argument(extraArgs, 0, 'sqltext'), text);
      const checkName = literalName(keywordValue(extraArgs, 'name'), text);
      constraints.push({ ...(typeof checkName === 'string' ? { name: checkName } : {}), kind: 'check', columns: read ?? [], checkColumns: read ?? [], ...(read ? {} : { unknown: true }) });
    }
  }
  const unique = flag('unique') ?? false;
  const index = flag('index') ?? false;
  // unique=True with index=True is a unique index (ix_...), not a constraint.
  if (unique && !index) constraints.push({ kind: 'unique', columns: [name] });
  const autoincrementNode = keyword('autoincrement');
  const autoincrement = autoincrementNode === undefined ? 'auto' : unwrapParens(autoincrementNode).type === 'true' ? true : unwrapParens(autoincrementNode).type === 'false' ? false : 'auto';
  return { spec, constraints, useAlter, saType: type, primaryKey, foreignKey, autoincrement, hasServerDefault: serverDefaultNode !== undefined, index, unique };
}

/** The second argument of Column is its type unless it is a ForeignKey, Identity, ... (then the type is left out). */
function isTypeExpression(node: Node): boolean {
  const value = unwrapParens(node);
  const callee = value.type === 'call' ? dottedName(value.childForFieldName('function') ?? value) : dottedName(value);
  const last = callee?.split('.').pop();
  return last !== undefined && !['ForeignKey', 'Identity', 'Sequence', 'CheckConstraint', 'Computed'].includes(last);
}

function createTable(r: CallReader, table: QualifiedName, range: Range): Change[] {
  const columns: ReadColumn[] = [];
  const constraints: ConstraintSpec[] = [];
  const indexes: Change[] = [];
  let unknown = false;
  const elements = r.args.positional.slice(r.args.keywords.has('table_name') ? 0 : 1);
  for (const element of elements) {
    const node = unwrapParens(element);
    const callee = node.type === 'call' ? dottedName(node.childForFieldName('function') ?? node)?.split('.').pop() : undefined;
    if (callee === undefined) {
      unknown = true; // *columns, a variable: not known here
      continue;
    }
    const args = callArguments(node);
    const name = literalName(keywordValue(args, 'name'), r.text);
    const named = typeof name === 'string' ? { name } : {};
    switch (callee) {
      case 'Column': {
        const column = readColumn(node, r.text);
        if (column) columns.push(column);
        else unknown = true;
        break;
      }
      case 'PrimaryKeyConstraint':
        constraints.push({ ...named, kind: 'primary key', columns: args.positional.map((p) => literalName(p, r.text)).filter((c): c is string => typeof c === 'string') });
        break;
      case 'UniqueConstraint':
        constraints.push({ ...named, kind: 'unique', columns: args.positional.map((p) => literalName(p, r.text)).filter((c): c is string => typeof c === 'string') });
        break;
      case 'ForeignKeyConstraint': {
        // use_alter=True: not in CREATE TABLE, and op.create_table adds it nowhere else (see ReadColumn.useAlter).
        if (isTrue(args, 'use_alter')) break;
        const local = literalNameList(argument(args, 0, 'columns'), r.text);
        const refcolumns = argument(args, 1, 'refcolumns');
        const remote = literalNameList(refcolumns, r.text);
        const split = remote.map((ref) => ref.split('.'));
        const first = split[0] ?? [];
        if (first.length < 2) {
          unknown = true;
          break;
        }
        const referenced = qualified(first[first.length - 2]!, first.length > 2 ? first[first.length - 3] : undefined);
        // The referred columns name the table: they are the reference.
        const written = refcolumns && nodeRange(refcolumns);
        constraints.push({ ...named, kind: 'foreign key', columns: local, references: { table: referenced, columns: split.map((p) => p[p.length - 1]!), ...(written ? { range: written } : {}) } });
        break;
      }
      case 'CheckConstraint': {
        const read = conditionColumns(argument(args, 0, 'sqltext'), r.text);
        constraints.push({ ...named, kind: 'check', columns: read ?? [], checkColumns: read ?? [], ...(read ? {} : { unknown: true }) });
        break;
      }
      case 'Index': {
        const indexName = literalName(argument(args, 0, 'name'), r.text);
        const keys = args.positional.slice(1).map((p) => {
          const column = literalName(p, r.text);
          return typeof column === 'string' ? { column } : { expression: p.text };
        });
        const unique = keywordValue(args, 'unique');
        indexes.push({
          op: 'create index',
          index: { ...(typeof indexName === 'string' ? { name: indexName } : {}), table, columns: keys, unique: unique !== undefined && unwrapParens(unique).type === 'true', ifNotExists: false },
          range,
        });
        break;
      }
      default:
        unknown = true;
    }
  }
  const primary = columns.filter((c) => c.primaryKey);
  if (primary.length > 0) constraints.unshift({ kind: 'primary key', columns: primary.map((c) => c.spec.name) });
  const pkColumns = constraints.find((c) => c.kind === 'primary key')?.columns ?? [];
  // SQLAlchemy's autoincrement column: the one integer primary-key column, no foreign key, no server default.
  if (pkColumns.length === 1) {
    const column = columns.find((c) => c.spec.name === pkColumns[0]);
    if (column && column.saType.integer && !column.spec.identity && column.autoincrement !== false && (column.autoincrement === true || (!column.foreignKey && !column.hasServerDefault))) {
      column.spec.serial = true;
    }
  }
  for (const c of columns) if (pkColumns.includes(c.spec.name)) c.spec.nullable = false;
  const changes: Change[] = [];
  // Creating the table creates the enum types of its columns first (unless create_type=False, or they exist).
  for (const c of columns) {
    const e = c.saType.enum;
    if (e?.create) changes.push({ op: 'create enum', name: qualified(e.name, e.schema), labels: e.labels, checkFirst: true, range });
  }
  changes.push({
    op: 'create table',
    table,
    columns: columns.map((c) => c.spec),
    constraints: [...constraints, ...columns.flatMap((c) => c.constraints)],
    ifNotExists: r.isTrue('if_not_exists'),
    ...(unknown ? { unknown: true } : {}),
    range,
  });
  for (const c of columns) {
    // index=True: named by the convention (SQLAlchemy's default is ix_<table>_<column>).
    if (c.index) changes.push({ op: 'create index', index: { table, columns: [{ column: c.spec.name }], unique: c.unique, ifNotExists: false }, range });
  }
  return [...changes, ...indexes];
}

function alterColumn(r: CallReader, table: QualifiedName | undefined, range: Range): Change[] | undefined {
  const column = r.name('column_name');
  if (!table || typeof column !== 'string') return undefined;
  const changes: Change[] = [];
  const typeNode = r.keyword('type_');
  let type: string | undefined;
  const change: Extract<Change, { op: 'alter column' }> = { op: 'alter column', table, column, range };
  if (typeNode) {
    const t = saType(typeNode, r.text);
    change.type = t.type;
    type = t.type;
    if (t.unknown) change.unknown = true;
  }
  const nullable = r.keyword('nullable');
  if (nullable) {
    const t = unwrapParens(nullable).type;
    if (t === 'true') change.nullable = true;
    else if (t === 'false') change.nullable = false;
    else change.unknown = true;
  }
  const serverDefault_ = r.keyword('server_default');
  if (serverDefault_ && unwrapParens(serverDefault_).type !== 'false') {
    // Without type_, how the default prints depends on the type the schema gives the column.
    const value = serverDefault(serverDefault_, r.text);
    const known = type === undefined ? undefined : onType(value, type);
    if (known === undefined) change.pendingDefault = value;
    else if ('pending' in known) change.pendingDefault = known.pending;
    else {
      change.default = known.text;
      if (known.unknown) change.unknown = true;
    }
  }
  changes.push(change);
  const newName = literalString(r.keyword('new_column_name'), r.text);
  if (newName !== undefined) changes.push({ op: 'rename column', table, column, newName, range });
  return changes;
}

/** A server_default on a column of a known type: printed, unless an enum would print it otherwise. */
function onType(value: FormattedDefault | { expr: PgNode }, type: string): FormattedDefault | { pending: PendingDefault } {
  return 'expr' in value ? staticDefault(value.expr, type) : value;
}

/** The table of the `with op.batch_alter_table(...) as <receiver>:` around a `<receiver>.method(...)` call. */
function batchOf(call: Node, text: string): BatchContext | undefined {
  const fn = call.childForFieldName('function');
  const receiver = fn?.childForFieldName('object');
  if (!receiver || receiver.type !== 'identifier' || receiver.text === 'op') return undefined;
  for (let node = call.parent; node; node = node.parent) {
    if (node.type !== 'with_statement') continue;
    for (const item of node.descendantsOfType('with_item')) {
      if (!item) continue;
      const value = item.childForFieldName('value');
      const as = value?.type === 'as_pattern' ? value : undefined;
      const target = as?.childForFieldName('alias')?.text ?? as?.namedChildren[1]?.text;
      const opened = as ? as.namedChildren[0] : value;
      if (!opened || unwrapParens(opened).type !== 'call' || target !== receiver.text) continue;
      const args = callArguments(unwrapParens(opened));
      const table = literalName(argument(args, 0, 'table_name'), text);
      if (typeof table !== 'string') return undefined;
      return { table: qualified(table, literalString(argument(args, -1, 'schema'), text)) };
    }
  }
  return undefined;
}

/** `sa.Enum(...).create(bind)`, `my_enum.create(bind)` (my_enum = postgresql.ENUM(...)), and `.drop(bind)`, in a body. */
export function enumCalls(root: Node, text: string, body: Range): Change[] {
  const bound = new Map<string, Node>();
  for (const assignment of root.descendantsOfType('assignment')) {
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (left?.type === 'identifier' && right && isEnumConstructor(right)) bound.set(left.text, unwrapParens(right));
  }
  const out: Change[] = [];
  for (const call of root.descendantsOfType('call')) {
    if (!call || call.startIndex < body.start || call.endIndex > body.end) continue;
    const fn = call.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    if (method !== 'create' && method !== 'drop') continue;
    const object = fn!.childForFieldName('object');
    const constructor = object && (isEnumConstructor(object) ? unwrapParens(object) : object.type === 'identifier' ? bound.get(object.text) : undefined);
    if (!constructor) continue;
    const type = saType(constructor, text).enum;
    const range = { start: call.startIndex, end: call.endIndex };
    if (!type) {
      out.push({ op: 'unknown', reason: 'an enum whose name is not known', range });
      continue;
    }
    const name = qualified(type.name, type.schema);
    out.push(method === 'create' ? { op: 'create enum', name, labels: type.labels, range } : { op: 'drop', kind: 'type', name, ifExists: true, cascade: false, range });
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

function isEnumConstructor(node: Node): boolean {
  const value = unwrapParens(node);
  if (value.type !== 'call') return false;
  const last = dottedName(value.childForFieldName('function') ?? value)?.split('.').pop();
  return last === 'Enum' || last === 'ENUM';
}
