// One upgrade() or downgrade() replayed on a schema: its operations in source order, each read against the schema
// the previous ones left (a default prints according to the column's type, an enum made a line above is an enum).
// The Python is parsed again here for the op.* calls' arguments, only when a schema is asked for.
import { withLineFeeds } from '../migration/parse-migration';
import { pythonParser } from '../parsers';
import { argument, callArguments, dottedName, findCall, unwrapParens, type Node, type Tree } from '../python/syntax-tree';
import { literalName, literalString } from '../migration/literals';
import type { MigrationFile, MigrationFunction, Operation, Range } from '../types';
import type { Change } from './changes';
import { opChanges, type BatchContext } from './from-op';
import { readStatement, sqlStatements, type ReadContext } from './from-sql';
import type { NamingConvention } from './naming-convention';
import { keyOf, qualified, type QualifiedName, type Schema } from './model';
import { applyChange, type ReplayResult } from './replay';
import { saType } from './sa-types';
import { WorkingSchema } from './working';

/** op.* calls that change no schema object. */
const NEUTRAL_OPS = new Set(['get_bind', 'get_context', 'f', 'inline_literal', 'batch_alter_table', 'implementation_for', 'invoke', 'bulk_insert', 'create_table_comment', 'drop_table_comment', 'execute']);

export interface ReplayOptions {
  /** env.py's naming convention, when it states one as a literal. */
  convention?: NamingConvention;
}

export function replayFunction(schema: Schema, file: MigrationFile, fn: MigrationFunction | undefined, options: ReplayOptions = {}): ReplayResult {
  const w = new WorkingSchema(schema);
  withFileTree(file, (tree) => replayInto(w, file, fn, tree, options));
  return w.result();
}

/** The file's syntax tree, parsed again only if an operation needs it, and freed when `use` returns. */
export function withFileTree<T>(file: MigrationFile, use: (treeOf: () => Tree | null) => T): T {
  let tree: Tree | null | undefined;
  const treeOf = (): Tree | null => {
    if (tree === undefined) {
      try {
        tree = pythonParser().parse(withLineFeeds(file.text));
      } catch {
        tree = null;
      }
    }
    return tree;
  };
  try {
    return use(treeOf);
  } finally {
    if (tree) tree.delete();
  }
}

/** Replays a function's operations on a working schema (several functions may follow each other on one). */
export function replayInto(w: WorkingSchema, file: MigrationFile, fn: MigrationFunction | undefined, treeOf: () => Tree | null, options: ReplayOptions = {}): void {
  if (!fn) return;
  const ctx = readContext(w, options.convention);
  {
    const typeCalls = file.text.includes('.create(') || file.text.includes('.drop(') ? enumCalls(treeOf(), file.text, fn.bodyRange) : [];
    let next = 0;
    const flushBefore = (offset: number): void => {
      while (next < typeCalls.length && typeCalls[next]!.range.start < offset) applyChange(w, typeCalls[next++]!);
    };
    for (const op of fn.ops) {
      flushBefore(op.range.start);
      try {
        replayOperation(w, op, ctx, treeOf, file.text);
      } catch {
        // A tree the model did not expect must not take the schema down: what the operation did is unknown.
        w.markUnknown();
      }
    }
    flushBefore(Infinity);
    // A helper called as a statement (`_drop_all()`, `metadata.create_all(bind)`) may change anything.
    const helpers = fn.helperCalls.filter((h) => !/\.(create|drop)$/.test(h) && !/^(print|logger\.\w+|log\.\w+|logging\.\w+)$/.test(h));
    if (helpers.length > 0) w.markUnknown();
  }
}

function replayOperation(w: WorkingSchema, op: Operation, ctx: ReadContext, treeOf: () => Tree | null, text: string): void {
  if (op.kind === 'sql') {
    const statements = sqlStatements(op);
    if (statements === 'unknown') applyChange(w, { op: 'unknown', reason: op.unknownReason ?? 'SQL not known', range: op.range });
    else for (const statement of statements) for (const change of readStatement(statement, ctx)) applyChange(w, change);
  } else if (op.kind === 'api') {
    const root = treeOf();
    const call = root && findCall(root.rootNode, op.range);
    const changes = call ? opChanges(op, call, text, batchOf(call, text), ctx) : [{ op: 'unknown' as const, reason: 'call not found', range: op.range }];
    for (const change of changes) applyChange(w, change);
  } else if (!NEUTRAL_OPS.has(op.name.replace(/^.*\./, ''))) {
    applyChange(w, { op: 'unknown', reason: `${op.name} is not modelled`, range: op.range });
  }
}

function readContext(w: WorkingSchema, convention: NamingConvention | undefined): ReadContext {
  return {
    ...(convention ? { convention } : {}),
    isEnum: (type) => w.schema.enums.has(type),
    columnType: (table: QualifiedName, column: string) => w.schema.tables.get(keyOf(table))?.columns.find((c) => c.name === column)?.type,
  };
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
function enumCalls(tree: Tree | null, text: string, body: Range): Change[] {
  if (!tree) return [];
  const bound = new Map<string, Node>();
  for (const assignment of tree.rootNode.descendantsOfType('assignment')) {
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (left?.type === 'identifier' && right && isEnumConstructor(right)) bound.set(left.text, unwrapParens(right));
  }
  const out: Change[] = [];
  for (const call of tree.rootNode.descendantsOfType('call')) {
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
