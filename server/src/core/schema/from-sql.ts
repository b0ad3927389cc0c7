// SQL statements (libpg-query's parse tree) -> schema changes, read by the SQL layer from the same parse as the facts
// (and cached with them); what depends on the schema a statement runs on is left for replay (see `PendingDefault`).
import type { ColumnDef, Constraint as PgConstraint, CreateStmt, Node, RangeVar } from 'libpg-query';
import { neutralize } from '../sql/neutralize';
import { asNode, nodeTypeOf, strings } from '../sql/nodes';
import { parseNeutralized } from '../sql/parse';
import type { ByteToChar } from '../sql/positions';
import { skipName } from '../sql/trivia';
import type { Range } from '../types';
import type { ChangeDraft, ColumnSpec, ConstraintSpec, DropKind, RenameKind } from './changes';
import { qualified, type QualifiedName } from './model';
import { formatTypeName, staticDefault } from './pg-types';

/** A parse-tree location (UTF-8 bytes into the parsed SQL) -> the range of the name written there, in the SQL. */
export type NameLocator = (location: number | undefined) => Range | undefined;

/** Names in `text` (the SQL as parsed), located with the text's byte -> character table. */
export function nameLocator(text: string, toChar: ByteToChar): NameLocator {
  return (location) => {
    if (location === undefined || location < 0) return undefined;
    const start = toChar(location);
    const end = skipName(text, start);
    return end === undefined ? undefined : { start, end };
  };
}

/** A draft read in SQL coordinates, with the ranges it holds (a foreign key's referenced table) moved into the file. */
export function draftInFile(draft: ChangeDraft, toFile: (range: Range) => Range): ChangeDraft {
  const constraint = (spec: ConstraintSpec): ConstraintSpec => (spec.references?.range ? { ...spec, references: { ...spec.references, range: toFile(spec.references.range) } } : spec);
  const moved = (specs: ConstraintSpec[]): ConstraintSpec[] => (specs.some((spec) => spec.references?.range) ? specs.map(constraint) : specs);
  switch (draft.op) {
    case 'create table':
    case 'add column': {
      const constraints = moved(draft.constraints);
      return constraints === draft.constraints ? draft : { ...draft, constraints };
    }
    case 'add constraint':
      return draft.constraint.references?.range ? { ...draft, constraint: constraint(draft.constraint) } : draft;
    default:
      return draft;
  }
}

function nameOf(rel: RangeVar | undefined): QualifiedName {
  return qualified(rel?.relname ?? '?', rel?.schemaname);
}

function listName(nodes: Node[] | undefined): QualifiedName {
  const parts = strings(nodes);
  return qualified(parts[parts.length - 1] ?? '?', parts.length > 1 ? parts[parts.length - 2] : undefined);
}

/** The changes one statement makes; a statement the model cannot read changes what is unknown. */
export function statementChanges(stmt: Node, nameAt: NameLocator): ChangeDraft[] {
  try {
    return readChanges(stmt, nameAt);
  } catch {
    // The schema model must not take the SQL layer's facts down with it.
    return [{ op: 'unknown', reason: 'a statement the schema model could not read' }];
  }
}

function readChanges(stmt: Node, nameAt: NameLocator): ChangeDraft[] {
  const type = nodeTypeOf(stmt);
  const body = (stmt as Record<string, unknown>)[type] as Record<string, unknown>;
  switch (type) {
    case 'CreateStmt':
      return createTable(body as CreateStmt, nameAt);
    case 'AlterTableStmt':
      return alterTable(asNode(stmt, 'AlterTableStmt')!, nameAt);
    case 'IndexStmt': {
      const s = asNode(stmt, 'IndexStmt')!;
      const columns = (s.indexParams ?? []).map((p) => {
        const elem = asNode(p, 'IndexElem');
        return elem?.name !== undefined ? { column: elem.name } : { expression: '?' };
      });
      return [{ op: 'create index', index: { ...(s.idxname ? { name: s.idxname } : {}), table: nameOf(s.relation), columns, unique: s.unique ?? false, ifNotExists: s.if_not_exists ?? false } }];
    }
    case 'DropStmt':
      return dropStatement(asNode(stmt, 'DropStmt')!);
    case 'RenameStmt':
      return renameStatement(asNode(stmt, 'RenameStmt')!);
    case 'CreateEnumStmt': {
      const s = asNode(stmt, 'CreateEnumStmt')!;
      return [{ op: 'create enum', name: listName(s.typeName), labels: strings(s.vals) }];
    }
    case 'AlterEnumStmt': {
      const s = asNode(stmt, 'AlterEnumStmt')!;
      const name = listName(s.typeName);
      if (s.oldVal !== undefined) return [{ op: 'rename enum value', name, from: s.oldVal, to: s.newVal ?? '' }];
      const neighbour = s.newValNeighbor === undefined ? {} : s.newValIsAfter ? { after: s.newValNeighbor } : { before: s.newValNeighbor };
      return [{ op: 'add enum value', name, label: s.newVal ?? '', ...neighbour }];
    }
    case 'CreateSeqStmt': {
      const s = asNode(stmt, 'CreateSeqStmt')!;
      const name = nameOf(s.sequence);
      const owner = ownedBy(s.options, name.schema);
      return [{ op: 'create sequence', name, ifNotExists: s.if_not_exists ?? false, ...(owner ? { ownedBy: owner } : {}) }];
    }
    case 'AlterSeqStmt': {
      const s = asNode(stmt, 'AlterSeqStmt')!;
      const name = nameOf(s.sequence);
      const owned = (s.options ?? []).some((o) => asNode(o, 'DefElem')?.defname === 'owned_by');
      if (!owned) return [];
      const owner = ownedBy(s.options, name.schema);
      return [{ op: 'sequence owned by', name, ...(owner ? { ownedBy: owner } : {}) }];
    }
    case 'ViewStmt': {
      const s = asNode(stmt, 'ViewStmt')!;
      if (s.view?.relpersistence === 't') return [];
      return [{ op: 'create view', name: nameOf(s.view), materialized: false, orReplace: s.replace ?? false, ifNotExists: false, dependsOn: relationsRead(s.query) }];
    }
    case 'CreateTableAsStmt': {
      const s = asNode(stmt, 'CreateTableAsStmt')!;
      const name = nameOf(s.into?.rel);
      if (s.objtype === 'OBJECT_MATVIEW') {
        return [{ op: 'create view', name, materialized: true, orReplace: false, ifNotExists: s.if_not_exists ?? false, dependsOn: relationsRead(s.query) }];
      }
      if (s.into?.rel?.relpersistence === 't') return [];
      // AS SELECT: the columns are the query's, which the model does not type.
      return [{ op: 'create table', table: name, columns: [], constraints: [], ifNotExists: s.if_not_exists ?? false, unknown: true }];
    }
    case 'CreateFunctionStmt': {
      const s = asNode(stmt, 'CreateFunctionStmt')!;
      if (s.is_procedure) return [];
      const params = (s.parameters ?? []).map((p) => asNode(p, 'FunctionParameter')!).filter((p) => p && p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE');
      const typeOf = (p: (typeof params)[number]): string => formatTypeName(p.argType).type.replace(/\(\d+(,\d+)?\)/, '');
      const mode = (p: (typeof params)[number]): string => (p.mode === 'FUNC_PARAM_INOUT' ? 'INOUT ' : p.mode === 'FUNC_PARAM_VARIADIC' ? 'VARIADIC ' : '');
      const args = params.map((p) => `${mode(p)}${p.name ? `${p.name} ` : ''}${typeOf(p)}`).join(', ');
      return [{ op: 'create function', name: listName(s.funcname), arguments: args, argumentTypes: params.map(typeOf).join(', '), orReplace: s.replace ?? false }];
    }
    case 'CreateTrigStmt': {
      const s = asNode(stmt, 'CreateTrigStmt')!;
      return [{ op: 'create trigger', name: s.trigname ?? '?', table: nameOf(s.relation), orReplace: s.replace ?? false }];
    }
    case 'CreateExtensionStmt': {
      const s = asNode(stmt, 'CreateExtensionStmt')!;
      return [{ op: 'create extension', name: s.extname ?? '?', ifNotExists: s.if_not_exists ?? false }];
    }
    case 'CreateSchemaStmt': {
      const s = asNode(stmt, 'CreateSchemaStmt')!;
      const out: ChangeDraft[] = [{ op: 'create schema', name: s.schemaname ?? '?', ifNotExists: s.if_not_exists ?? false }];
      if ((s.schemaElts ?? []).length > 0) out.push({ op: 'unknown', reason: 'CREATE SCHEMA with elements' });
      return out;
    }
    case 'CreateStatsStmt': {
      const s = asNode(stmt, 'CreateStatsStmt')!;
      return [{ op: 'create statistics', name: listName(s.defnames), ifNotExists: s.if_not_exists ?? false }];
    }
    case 'DoStmt':
    case 'AlterObjectSchemaStmt':
    case 'CreateDomainStmt':
    case 'CompositeTypeStmt':
    case 'AlterDomainStmt':
    case 'RuleStmt':
      return [{ op: 'unknown', reason: type }];
    default:
      return [];
  }
}

function ownedBy(options: Node[] | undefined, schema: string): { table: QualifiedName; column: string } | undefined {
  for (const option of options ?? []) {
    const def = asNode(option, 'DefElem');
    if (def?.defname !== 'owned_by') continue;
    const parts = strings(asNode(def.arg, 'List')?.items);
    if (parts.length < 2) return undefined; // OWNED BY NONE
    const column = parts[parts.length - 1]!;
    return { table: qualified(parts[parts.length - 2]!, parts.length > 2 ? parts[parts.length - 3] : schema === 'public' ? undefined : schema), column };
  }
  return undefined;
}

/** Keys of the relations a query reads (for what CASCADE takes with a table). */
function relationsRead(query: Node | undefined): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [query];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === 'object') {
      const range = (node as { RangeVar?: RangeVar }).RangeVar;
      if (range?.relname) {
        const name = nameOf(range);
        found.add(name.schema === 'public' ? name.name : `${name.schema}.${name.name}`);
      }
      for (const value of Object.values(node)) if (value && typeof value === 'object') stack.push(value);
    }
  }
  return [...found].sort();
}

/** Distinct columns an expression reads, in the order written. */
function columnsRead(expr: Node | undefined): string[] {
  const found: string[] = [];
  const stack: unknown[] = [expr];
  while (stack.length > 0) {
    const node = stack.shift();
    if (Array.isArray(node)) stack.unshift(...node);
    else if (node && typeof node === 'object') {
      const ref = (node as { ColumnRef?: { fields?: Node[] } }).ColumnRef;
      if (ref) {
        const parts = strings(ref.fields);
        const last = parts[parts.length - 1];
        if (last !== undefined && !found.includes(last)) found.push(last);
        continue;
      }
      stack.unshift(...Object.values(node).filter((v) => v && typeof v === 'object'));
    }
  }
  return found;
}

function constraintSpec(c: PgConstraint, nameAt: NameLocator, column?: string): ConstraintSpec | undefined {
  const name = c.conname !== undefined ? { name: c.conname } : {};
  const columns = (keys: Node[] | undefined): string[] => (column !== undefined ? [column] : strings(keys));
  switch (c.contype) {
    case 'CONSTR_PRIMARY':
      return { ...name, kind: 'primary key', columns: columns(c.keys), ...(c.indexname ? { usingIndex: c.indexname } : {}) };
    case 'CONSTR_UNIQUE':
      return { ...name, kind: 'unique', columns: columns(c.keys), ...(c.indexname ? { usingIndex: c.indexname } : {}) };
    case 'CONSTR_CHECK': {
      const read = columnsRead(c.raw_expr);
      return { ...name, kind: 'check', columns: read, checkColumns: column !== undefined && read.length === 0 ? [] : read };
    }
    case 'CONSTR_FOREIGN': {
      const range = nameAt(c.pktable?.location);
      return { ...name, kind: 'foreign key', columns: columns(c.fk_attrs), references: { table: nameOf(c.pktable), columns: strings(c.pk_attrs), ...(range ? { range } : {}) } };
    }
    case 'CONSTR_EXCLUSION': {
      const cols = (c.exclusions ?? []).map((pair) => asNode(asNode(pair, 'List')?.items?.[0], 'IndexElem')?.name ?? '?');
      return { ...name, kind: 'exclude', columns: cols, ...(cols.includes('?') ? { unknown: true } : {}) };
    }
    default:
      return undefined;
  }
}

/** A column definition and the constraints written on it. */
function columnSpec(def: ColumnDef, nameAt: NameLocator): { column: ColumnSpec; constraints: ConstraintSpec[] } {
  const type = formatTypeName(def.typeName);
  const column: ColumnSpec = { name: def.colname ?? '?', type: type.type, nullable: true, default: null };
  if (type.unknown) column.unknown = true;
  if (type.serial) column.serial = true;
  const constraints: ConstraintSpec[] = [];
  for (const node of def.constraints ?? []) {
    const c = asNode(node, 'Constraint');
    if (!c) continue;
    switch (c.contype) {
      case 'CONSTR_NOTNULL':
        column.nullable = false;
        break;
      case 'CONSTR_NULL':
        column.nullable = true;
        break;
      case 'CONSTR_DEFAULT': {
        const value = staticDefault(c.raw_expr, type.type);
        if ('pending' in value) column.pendingDefault = value.pending;
        else {
          column.default = value.text;
          if (value.unknown) column.unknown = true;
        }
        break;
      }
      case 'CONSTR_IDENTITY':
        column.identity = true;
        break;
      case 'CONSTR_GENERATED':
        column.unknown = true;
        break;
      default: {
        const spec = constraintSpec(c, nameAt, column.name);
        if (spec) constraints.push(spec);
      }
    }
  }
  return { column, constraints };
}

function createTable(s: CreateStmt, nameAt: NameLocator): ChangeDraft[] {
  // A temporary table is gone when the migration's session ends.
  if (s.relation?.relpersistence === 't') return [];
  const columns: ColumnSpec[] = [];
  const constraints: ConstraintSpec[] = [];
  let unknown = (s.inhRelations ?? []).length > 0 || s.partbound !== undefined || s.ofTypename !== undefined;
  for (const element of s.tableElts ?? []) {
    const def = asNode(element, 'ColumnDef');
    if (def) {
      const spec = columnSpec(def, nameAt);
      columns.push(spec.column);
      constraints.push(...spec.constraints);
      continue;
    }
    const c = asNode(element, 'Constraint');
    const spec = c && constraintSpec(c, nameAt);
    if (spec) constraints.push(spec);
    // LIKE copies another table's columns: which ones, the model does not guess.
    if (asNode(element, 'TableLikeClause')) unknown = true;
  }
  return [{ op: 'create table', table: nameOf(s.relation), columns, constraints, ifNotExists: s.if_not_exists ?? false, ...(unknown ? { unknown: true } : {}) }];
}

function alterTable(s: NonNullable<ReturnType<typeof asNode<'AlterTableStmt'>>>, nameAt: NameLocator): ChangeDraft[] {
  if (s.objtype !== 'OBJECT_TABLE' && s.objtype !== undefined) return [];
  const table = nameOf(s.relation);
  const out: ChangeDraft[] = [];
  for (const node of s.cmds ?? []) {
    const cmd = asNode(node, 'AlterTableCmd');
    if (!cmd) continue;
    const column = cmd.name ?? '?';
    const cascade = cmd.behavior === 'DROP_CASCADE';
    switch (cmd.subtype) {
      case 'AT_AddColumn': {
        const def = asNode(cmd.def, 'ColumnDef');
        if (!def) break;
        const spec = columnSpec(def, nameAt);
        out.push({ op: 'add column', table, column: spec.column, constraints: spec.constraints, ifNotExists: cmd.missing_ok ?? false });
        break;
      }
      case 'AT_DropColumn':
        out.push({ op: 'drop column', table, column, ifExists: cmd.missing_ok ?? false, cascade });
        break;
      case 'AT_AlterColumnType': {
        const def = asNode(cmd.def, 'ColumnDef');
        const type = formatTypeName(def?.typeName);
        out.push({ op: 'alter column', table, column, type: type.type, ...(type.unknown ? { unknown: true } : {}) });
        break;
      }
      case 'AT_SetNotNull':
        out.push({ op: 'alter column', table, column, nullable: false });
        break;
      case 'AT_DropNotNull':
        out.push({ op: 'alter column', table, column, nullable: true });
        break;
      case 'AT_ColumnDefault': {
        // How the default prints depends on the column's type, which an earlier statement gave it.
        if (cmd.def === undefined) out.push({ op: 'alter column', table, column, default: null });
        else out.push({ op: 'alter column', table, column, pendingDefault: { expr: cmd.def } });
        break;
      }
      case 'AT_AddConstraint': {
        const c = asNode(cmd.def, 'Constraint');
        const spec = c && constraintSpec(c, nameAt);
        if (spec) out.push({ op: 'add constraint', table, constraint: spec });
        break;
      }
      case 'AT_DropConstraint':
        out.push({ op: 'drop constraint', table, name: column, ifExists: cmd.missing_ok ?? false, cascade });
        break;
      case 'AT_AddIdentity':
      case 'AT_DropIdentity':
      case 'AT_SetIdentity':
      case 'AT_DropExpression':
      case 'AT_AddInherit':
      case 'AT_DropInherit':
      case 'AT_AttachPartition':
        out.push({ op: 'table unknown', table });
        break;
      default:
        break;
    }
  }
  return out;
}

function dropStatement(s: NonNullable<ReturnType<typeof asNode<'DropStmt'>>>): ChangeDraft[] {
  const kinds: Partial<Record<string, DropKind>> = {
    OBJECT_TABLE: 'table',
    OBJECT_INDEX: 'index',
    OBJECT_VIEW: 'view',
    OBJECT_MATVIEW: 'materialized view',
    OBJECT_SEQUENCE: 'sequence',
    OBJECT_TYPE: 'type',
    OBJECT_FUNCTION: 'function',
    OBJECT_EXTENSION: 'extension',
    OBJECT_SCHEMA: 'schema',
    OBJECT_STATISTIC_EXT: 'statistics',
  };
  const ifExists = s.missing_ok ?? false;
  const cascade = s.behavior === 'DROP_CASCADE';
  if (s.removeType === 'OBJECT_TRIGGER') {
    return (s.objects ?? []).map((o) => {
      const parts = strings(asNode(o, 'List')?.items);
      const name = parts.pop() ?? '?';
      return { op: 'drop trigger', name, table: qualified(parts[parts.length - 1] ?? '?', parts.length > 1 ? parts[0] : undefined), ifExists };
    });
  }
  const kind = s.removeType ? kinds[s.removeType] : undefined;
  if (!kind) return [];
  return (s.objects ?? []).map((o): ChangeDraft => {
    if (kind === 'function') {
      const fn = asNode(o, 'ObjectWithArgs');
      const name = listName(fn?.objname);
      const types = fn?.args_unspecified ? undefined : (fn?.objargs ?? []).map((t) => formatTypeName(asNode(t, 'TypeName')).type.replace(/\(\d+(,\d+)?\)/, '')).join(', ');
      return { op: 'drop', kind, name, ifExists, cascade, ...(types !== undefined ? { argumentTypes: types } : {}) };
    }
    if (kind === 'schema' || kind === 'extension') return { op: 'drop', kind, name: qualified(asNode(o, 'String')?.sval ?? '?', undefined), ifExists, cascade };
    if (kind === 'type') return { op: 'drop', kind, name: listName(asNode(o, 'TypeName')?.names), ifExists, cascade };
    return { op: 'drop', kind, name: listName(asNode(o, 'List')?.items), ifExists, cascade };
  });
}

function renameStatement(s: NonNullable<ReturnType<typeof asNode<'RenameStmt'>>>): ChangeDraft[] {
  const newName = s.newname ?? '?';
  const relation = nameOf(s.relation);
  const simple: Partial<Record<string, RenameKind>> = {
    OBJECT_TABLE: 'table',
    OBJECT_INDEX: 'index',
    OBJECT_SEQUENCE: 'sequence',
    OBJECT_VIEW: 'view',
    OBJECT_MATVIEW: 'view',
  };
  switch (s.renameType) {
    case 'OBJECT_COLUMN':
      return [{ op: 'rename column', table: relation, column: s.subname ?? '?', newName }];
    case 'OBJECT_TABCONSTRAINT':
      return [{ op: 'rename constraint', table: relation, constraint: s.subname ?? '?', newName }];
    case 'OBJECT_TRIGGER':
      return [{ op: 'rename trigger', table: relation, trigger: s.subname ?? '?', newName }];
    case 'OBJECT_TYPE':
      return [{ op: 'rename', kind: 'type', name: listName(asNode(s.object, 'List')?.items), newName }];
    case 'OBJECT_SCHEMA':
      return [{ op: 'rename', kind: 'schema', name: qualified(s.subname ?? '?', undefined), newName }];
    default: {
      const kind = s.renameType ? simple[s.renameType] : undefined;
      return kind ? [{ op: 'rename', kind, name: relation, newName }] : [];
    }
  }
}

/** A SQL expression (a server_default's sa.text, a check's condition) as PostgreSQL parses it; undefined if it does not. */
export function parseExpression(sql: string): Node | undefined {
  try {
    const parsed = parseNeutralized(neutralize(`SELECT ${sql}`, { sqlalchemyText: true, driverParams: false }));
    if (parsed.error || parsed.stmts.length !== 1) return undefined;
    const target = asNode(asNode(parsed.stmts[0]!.stmt, 'SelectStmt')?.targetList?.[0], 'ResTarget');
    return target?.val;
  } catch {
    return undefined;
  }
}

export { columnsRead };
