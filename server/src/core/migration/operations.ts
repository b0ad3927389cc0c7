// Walks one upgrade()/downgrade() body in source order and records every operation: SQL run
// through op.execute or a connection, Alembic schema API calls, and any other op.* call.
import type { SqlAnalysis, SqlOptions } from '../sql';
import { argument, callArguments, keywordValue, unwrapParens, type Node } from '../python/syntax-tree';
import type { Operation, OperationBase, Range, SqlOperation, SqlText } from '../types';
import { apiOperation, type ApiCall, type BatchTable } from './api-operations';
import { isExistenceCheck, onPostgres, type ValueOf } from './conditions';
import { extractSql, type ExtractContext, type NameBinding } from './extract-sql';
import { literalString } from './literals';

/** Receivers whose `.execute(...)` runs SQL on the migration's connection, by the names projects give them. */
const CONNECTION_NAMES = new Set(['conn', 'connection', 'bind']);
/** op.* helpers that compute a value and change nothing. */
const OP_VALUE_HELPERS = new Set(['f', 'inline_literal', 'implementation_for']);

export type SqlAnalyzer = (sql: SqlText, options: SqlOptions) => SqlAnalysis;

export interface ModuleScope {
  /** Names `op` is known by (`from alembic import op as alembic_op` adds one). */
  opNames: ReadonlySet<string>;
  /** Module-level names bound to one value. */
  constants: ReadonlyMap<string, NameBinding>;
  analyzeSql: SqlAnalyzer;
}

interface State {
  autocommit: boolean;
  conditional: boolean;
  /** Under a Python existence check (`if not inspector.has_table(...)`). */
  guarded: boolean;
  /** Inside a nested def or lambda: its `return` ends only itself. */
  nested: boolean;
  batches: ReadonlyMap<string, BatchTable>;
}

/** A single SQL statement that ends Alembic's transaction: what follows runs outside it (CONCURRENTLY can run). */
const ENDS_TRANSACTION = /^\s*(COMMIT|END)(\s+(WORK|TRANSACTION))?\s*;?\s*$/i;
/** ... and one that starts a new transaction again. */
const STARTS_TRANSACTION = /^\s*(BEGIN|START\s+TRANSACTION)(\s+(WORK|TRANSACTION))?\s*;?\s*$/i;

/** A node still to visit, with the state it runs in, and whether it is a part of an attribute (`<object>.<name>`). */
type Visit = [node: Node, state: State, inAttribute?: boolean];

function children(node: Node, state: State, inAttribute = false): Visit[] {
  return node.namedChildren.map((child): Visit => [child, state, inAttribute]);
}

interface Local {
  value: Node;
  count: number;
}

export interface WalkedBody {
  ops: Operation[];
  /** What never runs on PostgreSQL: the clauses of a dialect branch for other databases, what follows a `return`. */
  skipped: Range[];
}

export function collectOperations(body: Node, text: string, module: ModuleScope): Operation[] {
  return walkBody(body, text, module).ops;
}

export function walkBody(body: Node, text: string, module: ModuleScope): WalkedBody {
  return new BodyWalker(text, module).run(body);
}

class BodyWalker {
  private readonly ops: Operation[] = [];
  private readonly skipped: Range[] = [];
  private bodyEnd = 0;
  private readonly locals = new Map<string, Local>();
  /** Locals assigned a connection (`bind = op.get_bind()`). */
  private readonly connections = new Set<string>();
  private readonly extractContext: ExtractContext;
  private readonly valueOf: ValueOf;
  /** An unconditional `return` was met: nothing after it runs. */
  private ended = false;
  /** A `return` under a condition was met: what follows may not run. */
  private mayHaveReturned = false;
  /** That `return` was under an existence check: what follows runs only when the check let it. */
  private guardedByReturn = false;
  /** `op.execute("COMMIT")` ended Alembic's transaction (until a `BEGIN`). */
  private committed = false;

  constructor(
    private readonly text: string,
    private readonly module: ModuleScope,
  ) {
    this.extractContext = { text, lookup: (name) => this.lookup(name) };
    this.valueOf = (name) => {
      const binding = this.lookup(name);
      return binding && 'value' in binding ? binding.value : undefined;
    };
  }

  /** A local bound before this point shadows the module-level name. */
  private lookup(name: string): NameBinding | undefined {
    const local = this.locals.get(name);
    if (local) return local.count === 1 ? { value: local.value } : { ambiguous: true };
    return this.module.constants.get(name);
  }

  run(body: Node): WalkedBody {
    this.bodyEnd = body.endIndex;
    this.walk(body, { autocommit: false, conditional: false, guarded: false, nested: false, batches: new Map() });
    return { ops: this.ops, skipped: this.skipped };
  }

  /**
   * Visits the tree in source order with a stack of its own: Python nests as deep as anyone writes it (thousands of
   * brackets), and recursion that deep overflows the call stack and loses the whole function.
   */
  private walk(root: Node, rootState: State): void {
    const pending: Visit[] = [[root, rootState]];
    for (let next = pending.pop(); next; next = pending.pop()) {
      const children = this.visit(next[0], next[1], next[2]);
      // Everything still pending comes after the return in source order.
      if (this.ended) return;
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
    }
  }

  /** Records what `node` itself is; returns the children still to visit, in order, each with its state. */
  private visit(node: Node, state: State, inAttribute = false): Visit[] {
    switch (node.type) {
      case 'call':
        if (this.call(node, state, inAttribute)) return [];
        break;
      case 'attribute':
        return children(node, state, true);
      case 'with_statement':
        return this.withStatement(node, state);
      case 'assignment':
        this.assignment(node);
        break;
      case 'augmented_assignment':
        this.rebind(node.childForFieldName('left'));
        break;
      case 'if_statement':
        return this.ifStatement(node, state);
      case 'return_statement':
        this.returnStatement(node, state);
        return [];
      case 'while_statement':
        return this.branches(node, 'condition', state);
      case 'for_statement':
        return this.branches(node, 'right', state);
      case 'except_clause':
      case 'case_clause':
      case 'conditional_expression':
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        // Runs zero or several times.
        return children(node, state.conditional ? state : { ...state, conditional: true });
      case 'lambda':
      case 'function_definition':
      case 'class_definition':
        // Runs only when called, and its `return` is its own.
        return children(node, { ...state, conditional: true, nested: true });
      case 'string':
      case 'comment':
        return [];
    }
    return children(node, state);
  }

  /** if/while/for: the part evaluated on entry runs unconditionally, the blocks do not. */
  private branches(node: Node, entryField: string, state: State): Visit[] {
    const entry = node.childForFieldName(entryField);
    const inner = state.conditional ? state : { ...state, conditional: true };
    return node.namedChildren.map((child): Visit => [child, entry !== null && child.equals(entry) ? state : inner]);
  }

  /**
   * if / elif / else. Only what runs on PostgreSQL counts: a clause whose condition is false there (`dialect.name ==
   * "mysql"`) is not visited at all, one that is true there makes the clauses after it unreachable and, when no
   * earlier clause was uncertain, runs as unconditionally as the `if` itself. A clause after an existence check, and
   * the check's own block, are guarded by it.
   */
  private ifStatement(node: Node, state: State): Visit[] {
    const visits: Visit[] = [];
    const inner: State = state.conditional ? state : { ...state, conditional: true };
    const clauses: Array<{ condition: Node | null; body: Node | null }> = [
      { condition: node.childForFieldName('condition'), body: node.childForFieldName('consequence') },
    ];
    for (const alternative of node.childrenForFieldName('alternative')) {
      if (alternative.type === 'elif_clause') {
        clauses.push({ condition: alternative.childForFieldName('condition'), body: alternative.childForFieldName('consequence') });
      } else {
        clauses.push({ condition: null, body: alternative.childForFieldName('body') });
      }
    }
    let uncertain = false;
    let guarded = state.guarded;
    for (const { condition, body } of clauses) {
      const value = condition ? onPostgres(condition, this.text, this.valueOf) : true;
      if (condition) {
        visits.push([condition, uncertain ? inner : state]);
        guarded ||= isExistenceCheck(condition, this.valueOf);
      }
      if (value === false) {
        if (body) this.skipped.push({ start: body.startIndex, end: body.endIndex });
        continue;
      }
      const base = value === true && !uncertain ? state : inner;
      if (body) visits.push([body, guarded === base.guarded ? base : { ...base, guarded }]);
      if (value === true) {
        // The clauses after this one never run on PostgreSQL.
        const last = node.childrenForFieldName('alternative').at(-1);
        if (last && body && last.endIndex > body.endIndex) this.skipped.push({ start: body.endIndex, end: last.endIndex });
        break;
      }
      uncertain = true;
    }
    return visits;
  }

  /**
   * A `return` that always runs ends the function; one under a condition makes the rest conditional (counted, but
   * marked so) and, under an existence check, guarded by it.
   */
  private returnStatement(node: Node, state: State): void {
    if (state.nested) return;
    if (!state.conditional) {
      this.ended = true;
      this.skipped.push({ start: node.endIndex, end: this.bodyEnd });
      return;
    }
    this.mayHaveReturned = true;
    if (state.guarded) this.guardedByReturn = true;
  }

  /** What an operation at this point runs under, with what earlier statements (a return, a COMMIT) changed. */
  private base(state: State): Omit<OperationBase, 'range'> {
    const base: Omit<OperationBase, 'range'> = {
      autocommit: state.autocommit || this.committed,
      conditional: state.conditional || this.mayHaveReturned,
    };
    if (state.guarded || this.guardedByReturn) base.existenceChecked = true;
    return base;
  }

  private withStatement(node: Node, state: State): Visit[] {
    const visits: Visit[] = [];
    let inner = state;
    const clause = node.namedChildren.find((c) => c.type === 'with_clause');
    for (const item of clause?.namedChildren ?? []) {
      if (item.type !== 'with_item') continue;
      let value = item.childForFieldName('value');
      let alias: string | undefined;
      if (value?.type === 'as_pattern') {
        alias = value.childForFieldName('alias')?.firstNamedChild?.text;
        value = value.firstNamedChild;
      }
      if (!value) continue;
      const expr = unwrapParens(value);
      const fn = expr.type === 'call' ? expr.childForFieldName('function') : null;
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if (method === 'autocommit_block') {
        inner = { ...inner, autocommit: true };
      } else if (method === 'batch_alter_table' && fn && this.isOp(fn.childForFieldName('object'))) {
        if (alias !== undefined) inner = { ...inner, batches: new Map([...inner.batches, [alias, this.batchTable(expr)]]) };
      } else {
        visits.push([value, inner]);
      }
    }
    const body = node.childForFieldName('body');
    if (body) visits.push([body, inner]);
    return visits;
  }

  private batchTable(call: Node): BatchTable {
    const args = callArguments(call);
    const batch: BatchTable = {};
    const table = literalString(argument(args, 0, 'table_name'), this.text);
    const schema = literalString(keywordValue(args, 'schema'), this.text);
    if (table !== undefined) batch.table = table;
    if (schema !== undefined) batch.schema = schema;
    return batch;
  }

  private assignment(node: Node): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) {
      this.rebind(left);
      return;
    }
    const name = left.text;
    const local = this.locals.get(name);
    this.locals.set(name, { value: right, count: (local?.count ?? 0) + 1 });
    if (this.isConnection(right, false)) this.connections.add(name);
    else this.connections.delete(name);
  }

  /** Targets of tuple unpacking, `+=` and the like: their value is no longer known. */
  private rebind(target: Node | null): void {
    const pending = target ? [target] : [];
    for (let node = pending.pop(); node; node = pending.pop()) {
      if (node.type === 'identifier') {
        this.locals.set(node.text, { value: node, count: 2 });
        this.connections.delete(node.text);
      } else if (node.type === 'pattern_list' || node.type === 'tuple_pattern' || node.type === 'list_pattern') {
        pending.push(...node.namedChildren);
      }
    }
  }

  /**
   * Records the call when it is an operation; true means its arguments hold no further operations. `inAttribute`: the
   * call is the object of an attribute (`op.get_bind().execute`).
   */
  private call(call: Node, state: State, inAttribute: boolean): boolean {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') return false;
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const object = fn.childForFieldName('object');
    if (!object) return false;

    // A plain name (`op`, `batch_op`), read once.
    const receiver = object.type === 'identifier' ? object.text : undefined;
    if (receiver !== undefined) {
      if (this.module.opNames.has(receiver)) return this.opCall(call, method, state, inAttribute);
      const batch = state.batches.get(receiver);
      if (batch) {
        if (method === 'execute') this.sqlOperation(call, 'op.execute', state);
        else this.ops.push(apiOperation(this.apiCall(call, method, receiver, state, batch)) ?? this.other(call, method, state));
        return true;
      }
    }
    if (method === 'exec_driver_sql' || (method === 'execute' && this.isConnection(object, true))) {
      this.sqlOperation(call, 'connection', state, method === 'exec_driver_sql');
      return true;
    }
    return false;
  }

  private opCall(call: Node, method: string, state: State, inAttribute: boolean): boolean {
    if (OP_VALUE_HELPERS.has(method)) return true;
    // op.get_bind().execute(...), op.get_context().autocommit_block(): the outer call is what counts.
    if (inAttribute) return true;
    if (method === 'execute') this.sqlOperation(call, 'op.execute', state);
    else this.ops.push(apiOperation(this.apiCall(call, method, 'op', state)) ?? this.other(call, method, state));
    return true;
  }

  private apiCall(call: Node, method: string, receiver: string, state: State, batch?: BatchTable): ApiCall {
    const { autocommit, conditional, existenceChecked } = this.base(state);
    const api: ApiCall = { call, method, receiver, autocommit, conditional, text: this.text };
    if (existenceChecked) api.existenceChecked = true;
    if (batch) api.batch = batch;
    return api;
  }

  private other(call: Node, name: string, state: State): Operation {
    const { autocommit, conditional, existenceChecked } = this.base(state);
    const op: Operation = { kind: 'other', name, range: { start: call.startIndex, end: call.endIndex }, autocommit, conditional };
    if (existenceChecked) op.existenceChecked = true;
    return op;
  }

  private sqlOperation(call: Node, via: SqlOperation['via'], state: State, driverSql = false): void {
    const args = callArguments(call);
    const source = argument(args, 0, via === 'op.execute' ? 'sqltext' : 'statement');
    const { autocommit, conditional, existenceChecked } = this.base(state);
    const op: SqlOperation = {
      kind: 'sql',
      via,
      range: { start: call.startIndex, end: call.endIndex },
      autocommit,
      conditional,
      sql: null,
      statements: [],
    };
    if (existenceChecked) op.existenceChecked = true;
    if (!source) {
      op.unknownReason = 'no SQL argument';
    } else {
      const extracted = extractSql(source, this.extractContext);
      op.sql = extracted.sql;
      if (extracted.unknownReason !== undefined) op.unknownReason = extracted.unknownReason;
      if (op.sql) {
        // Alembic wraps an op.execute string in text(); SQLAlchemy 1.x hands a plain string given to
        // a connection to the driver as it is.
        const throughText = !driverSql && (via === 'op.execute' || extracted.wrappedInText);
        analyse(op, { sqlalchemyText: throughText, driverParams: !throughText }, this.module.analyzeSql);
      }
    }
    this.ops.push(op);
    if (op.sql && !state.nested) {
      if (ENDS_TRANSACTION.test(op.sql.text)) this.committed = true;
      else if (STARTS_TRANSACTION.test(op.sql.text)) this.committed = false;
    }
  }

  private isOp(node: Node | null): boolean {
    return node !== null && node.type === 'identifier' && this.module.opNames.has(node.text);
  }

  /** `op.get_bind()`, `op.get_context().bind` / `.connection`, a local assigned one of those, or a conventional name. */
  private isConnection(raw: Node, byName: boolean): boolean {
    const node = unwrapParens(raw);
    switch (node.type) {
      case 'identifier':
        return this.connections.has(node.text) || (byName && CONNECTION_NAMES.has(node.text));
      case 'call':
        return this.isOpCall(node, 'get_bind');
      case 'attribute': {
        const attribute = node.childForFieldName('attribute')?.text;
        const object = node.childForFieldName('object');
        return (attribute === 'bind' || attribute === 'connection') && object !== null && this.isOpCall(object, 'get_context');
      }
      default:
        return false;
    }
  }

  /** `op.<method>(...)`. */
  private isOpCall(node: Node, method: string): boolean {
    if (node.type !== 'call') return false;
    const fn = node.childForFieldName('function');
    return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === method && this.isOp(fn.childForFieldName('object'));
  }
}

/** The SQL layer must never take the file analysis down with it. */
function analyse(op: SqlOperation, options: SqlOptions, analyzeSql: SqlAnalyzer): void {
  try {
    const result = analyzeSql(op.sql!, options);
    op.statements = result.statements;
    if (result.syntaxError) op.syntaxError = result.syntaxError;
    if (result.notChecked) op.notChecked = result.notChecked;
  } catch {
    op.statements = [];
  }
}
