// Alembic's op.* schema API (and the batch_op.* forms inside batch_alter_table) turned into the
// same facts the SQL layer produces, so the rules treat both styles alike. Names are kept as
// written: Alembic quotes identifiers as given, so nothing is case-folded. Calls that do not create,
// drop or rename a schema object (create_table_comment, bulk_insert, ...) are not listed here: the
// walker records them as OtherOperations. A listed call whose names are not literals still becomes
// an ApiOperation, with no facts.
import { argument, callArguments, closingParen, dottedName, keywordValue, nodeRange, unwrapped, type CallArguments, type Node } from '../python/syntax-tree';
import { opChanges } from '../schema/from-op';
import { literalName, literalNameList } from './literals';
import type { ApiOperation, Fact, FactAction, ObjectKind, ObjectRef, Range } from '../types';

interface ApiSpec {
  kind: ObjectKind;
  action: FactAction;
  /** Positional parameters of the op.* form, in order (Alembic's own parameter names, usable as keywords). */
  params: string[];
  /** The parameter naming the object. */
  name: string;
  /** The parameter naming the owning table (absent in the batch form, which takes it from the with). */
  table?: string;
  schemaKeyword?: string;
  /** Also a batch_op method. */
  batch: boolean;
}

const SPECS: Record<string, ApiSpec> = {
  create_table: { kind: 'table', action: 'create', params: ['table_name'], name: 'table_name', batch: false },
  drop_table: { kind: 'table', action: 'drop', params: ['table_name'], name: 'table_name', batch: false },
  rename_table: { kind: 'table', action: 'rename', params: ['old_table_name', 'new_table_name'], name: 'old_table_name', batch: false },
  add_column: { kind: 'column', action: 'create', params: ['table_name', 'column'], name: 'column', table: 'table_name', batch: true },
  drop_column: { kind: 'column', action: 'drop', params: ['table_name', 'column_name'], name: 'column_name', table: 'table_name', batch: true },
  alter_column: { kind: 'column', action: 'alter', params: ['table_name', 'column_name'], name: 'column_name', table: 'table_name', batch: true },
  create_index: { kind: 'index', action: 'create', params: ['index_name', 'table_name', 'columns'], name: 'index_name', table: 'table_name', batch: true },
  drop_index: { kind: 'index', action: 'drop', params: ['index_name', 'table_name'], name: 'index_name', table: 'table_name', batch: true },
  create_foreign_key: {
    kind: 'constraint',
    action: 'create',
    params: ['constraint_name', 'source_table', 'referent_table', 'local_cols', 'remote_cols'],
    name: 'constraint_name',
    table: 'source_table',
    schemaKeyword: 'source_schema',
    batch: true,
  },
  create_unique_constraint: { kind: 'constraint', action: 'create', params: ['constraint_name', 'table_name', 'columns'], name: 'constraint_name', table: 'table_name', batch: true },
  create_check_constraint: { kind: 'constraint', action: 'create', params: ['constraint_name', 'table_name', 'condition'], name: 'constraint_name', table: 'table_name', batch: true },
  create_primary_key: { kind: 'constraint', action: 'create', params: ['constraint_name', 'table_name', 'columns'], name: 'constraint_name', table: 'table_name', batch: true },
  create_exclude_constraint: { kind: 'constraint', action: 'create', params: ['constraint_name', 'table_name'], name: 'constraint_name', table: 'table_name', batch: true },
  drop_constraint: { kind: 'constraint', action: 'drop', params: ['constraint_name', 'table_name', 'type_'], name: 'constraint_name', table: 'table_name', batch: true },
};

/** Inline constraint / index constructs inside create_table(...) that create a named object. */
const INLINE_KINDS: Record<string, ObjectKind> = {
  PrimaryKeyConstraint: 'constraint',
  UniqueConstraint: 'constraint',
  ForeignKeyConstraint: 'constraint',
  CheckConstraint: 'constraint',
  Index: 'index',
};

/** The table a batch_op refers to (from `with op.batch_alter_table(...) as batch_op`). */
export interface BatchTable {
  table?: string;
  schema?: string;
}

export interface ApiCall {
  call: Node;
  method: string;
  /** Label prefix for messages: 'op' or the batch receiver's name. */
  receiver: string;
  /** Set for calls on a batch_op. */
  batch?: BatchTable;
  autocommit: boolean;
  conditional: boolean;
  existenceChecked?: boolean;
  text: string;
}

/** An ApiOperation for a known schema op, or undefined when `method` is not one (the caller records an OtherOperation). */
export function apiOperation(api: ApiCall): ApiOperation | undefined {
  const spec = SPECS[api.method];
  if (!spec || (api.batch && !spec.batch)) return undefined;
  const args = callArguments(api.call);
  const keywords: Record<string, Range> = {};
  for (const [keyword, node] of args.keywords) keywords[keyword] = nodeRange(node);
  const operation: ApiOperation = {
    kind: 'api',
    name: api.method,
    range: nodeRange(api.call),
    autocommit: api.autocommit,
    conditional: api.conditional,
    facts: apiFacts(api, spec, args),
    keywords,
  };
  const closeParen = closingParen(args);
  if (closeParen) operation.closeParen = nodeRange(closeParen);
  if (api.existenceChecked) operation.existenceChecked = true;
  operation.changes = opChanges(operation, api.call, api.text);
  return operation;
}

function apiFacts(api: ApiCall, spec: ApiSpec, args: CallArguments): Fact[] {
  const params = api.batch ? spec.params.filter((p) => p !== spec.table) : spec.params;
  const param = (p: string): Node | undefined => {
    const index = params.indexOf(p);
    return argument(args, index, p);
  };
  const nameNode = param(spec.name);
  const name = spec.name === 'column' ? columnName(nameNode, api.text) : literalName(nameNode, api.text);
  if (typeof name !== 'string') return [];

  const schema = api.batch ? api.batch.schema : keywordString(args, spec.schemaKeyword ?? 'schema', api.text);
  let table: string | undefined;
  if (spec.table !== undefined) {
    if (api.batch) table = api.batch.table;
    else {
      const value = literalName(param(spec.table), api.text);
      table = typeof value === 'string' ? value : undefined;
    }
    // A column or constraint means nothing without its table; an index is found by name alone.
    if (table === undefined && spec.kind !== 'index') return [];
  }

  const object: ObjectRef = { kind: spec.kind, name };
  if (schema !== undefined) object.schema = schema;
  if (table !== undefined) object.table = table;
  const fact = baseFact(api, spec.action, object, args);

  if (api.method === 'rename_table') {
    const newName = literalName(param('new_table_name'), api.text);
    if (typeof newName !== 'string') return [];
    fact.newName = newName;
  } else if (api.method === 'alter_column') {
    const newName = keywordString(args, 'new_column_name', api.text);
    if (newName !== undefined) {
      fact.action = 'rename';
      fact.newName = newName;
    }
  } else if (api.method === 'create_table') {
    return createTableFacts(api, fact, args, schema, name);
  } else if (api.method === 'create_index') {
    const columns = literalNameList(param('columns'), api.text);
    if (columns.length > 0) fact.columns = columns;
  }
  if (api.method === 'create_index' || api.method === 'drop_index') fact.concurrently = keywordTrue(args, 'postgresql_concurrently');
  return [fact];
}

function baseFact(api: ApiCall, action: FactAction, object: ObjectRef, args: CallArguments): Fact {
  return {
    action,
    statement: `${api.receiver}.${api.method}`,
    object,
    ifExists: keywordTrue(args, 'if_exists'),
    ifNotExists: keywordTrue(args, 'if_not_exists'),
    orReplace: false,
    concurrently: false,
    range: nodeRange(api.call),
  };
}

/** create_table: the table with its columns, plus the named constraints and indexes declared inline. */
function createTableFacts(api: ApiCall, tableFact: Fact, args: CallArguments, schema: string | undefined, table: string): Fact[] {
  const columns: string[] = [];
  const inline: Fact[] = [];
  for (const element of args.positional.slice(args.keywords.has('table_name') ? 0 : 1)) {
    const { node, type } = unwrapped(element);
    if (type !== 'call') continue;
    const callee = dottedName(node.childForFieldName('function') ?? node)?.split('.').pop();
    if (callee === 'Column') {
      const column = columnCallName(node, api.text);
      if (typeof column === 'string') columns.push(column);
      continue;
    }
    const kind = callee === undefined ? undefined : INLINE_KINDS[callee];
    if (!kind) continue;
    const elementArgs = callArguments(node);
    const nameNode = argument(elementArgs, kind === 'index' ? 0 : -1, 'name');
    const name = literalName(nameNode, api.text);
    if (typeof name !== 'string') continue;
    const object: ObjectRef = { kind, name, table };
    if (schema !== undefined) object.schema = schema;
    const fact = baseFact(api, 'create', object, args);
    fact.range = nodeRange(node);
    fact.ifExists = false;
    fact.ifNotExists = false;
    fact.partOfStatement = true;
    inline.push(fact);
  }
  if (columns.length > 0) tableFact.columns = columns;
  return [tableFact, ...inline];
}

/** `sa.Column("name", ...)` -> "name". */
function columnName(node: Node | undefined, text: string): string | null | undefined {
  if (!node) return undefined;
  const column = unwrapped(node);
  return column.type === 'call' ? columnCallName(column.node, text) : undefined;
}

/** columnName of a call. */
function columnCallName(call: Node, text: string): string | null | undefined {
  const first = argument(callArguments(call), 0, 'name');
  return first && literalName(first, text);
}

function keywordString(args: CallArguments, keyword: string, text: string): string | undefined {
  const value = literalName(keywordValue(args, keyword), text);
  return typeof value === 'string' ? value : undefined;
}

function keywordTrue(args: CallArguments, keyword: string): boolean {
  const value = keywordValue(args, keyword);
  return value !== undefined && unwrapped(value).type === 'true';
}
