// upgrade() / downgrade(): where they are, what their body amounts to, and their operations.
import { firstNamedNonComment, nodeRange, type Node } from '../python/syntax-tree';
import { enumCalls } from '../schema/from-op';
import type { BodyKind, MigrationFile, MigrationFunction, Operation } from '../types';
import type { Range } from '../types';
import { walkBody, type ModuleScope } from './operations';

/** upgrade() then downgrade(), those the file defines: what the rules and fixes that read both walk. */
export function migrationFunctions(file: MigrationFile): MigrationFunction[] {
  return [file.upgrade, file.downgrade].filter((fn): fn is MigrationFunction => fn !== undefined);
}

/**
 * `engines`: the `upgrade_<engine>()` functions a Flask-Migrate multi-database dispatcher calls; what the function
 * does is then what they do together (each walked on its own: their locals are their own).
 */
export function migrationFunction(def: Node, name: MigrationFunction['name'], text: string, module: ModuleScope, engines?: Node[]): MigrationFunction {
  const nameNode = def.childForFieldName('name');
  const body = def.childForFieldName('body');
  const parameters = def.childForFieldName('parameters');
  const fn: MigrationFunction = {
    name,
    range: nodeRange(def),
    nameRange: nameNode ? nodeRange(nameNode) : nodeRange(def),
    bodyRange: body ? nodeRange(body) : { start: def.endIndex, end: def.endIndex },
    bodyKind: bodyKind(body),
    bodyIndent: bodyIndent(def, body ? firstNamedNonComment(body) : null, text),
    ops: [],
    hasParameters: parameters !== null && firstNamedNonComment(parameters) !== null,
    helperCalls: [],
  };
  // `sa.Enum(...).create(bind)` and the like: types made beside the operations (checked cheaply first).
  if (text.includes('.create(') || text.includes('.drop(')) {
    const types = enumCalls(def.tree.rootNode, text, fn.bodyRange);
    if (types.length > 0) fn.typeChanges = types;
  }
  if (!engines) {
    if (body) {
      const { ops, skipped } = walkBody(body, text, module);
      fn.ops = ops;
      fn.helperCalls = helperCalls(body, ops, skipped);
    }
    return fn;
  }
  const kinds: BodyKind[] = [];
  for (const engine of engines) {
    const block = engine.childForFieldName('body');
    if (!block) continue;
    const { ops, skipped } = walkBody(block, text, module);
    fn.ops.push(...ops);
    fn.helperCalls.push(...helperCalls(block, ops, skipped));
    kinds.push(bodyKind(block));
  }
  fn.engines = engines.map((engine) => engine.childForFieldName('name')?.text ?? '');
  fn.bodyKind = kinds.includes('statements') ? 'statements' : kinds.includes('raises') ? 'raises' : 'empty';
  return fn;
}

/** Callees that only log or print: they change nothing in the database. */
const HARMLESS_CALLEE = /^(print|logger\.\w+|log\.\w+|logging\.\w+|LOG\.\w+|LOGGER\.\w+|warnings\.warn)$/;

/**
 * Statement-level calls that collectOperations did not record (their range starts no operation). Iterative, over
 * the blocks a body nests (if/for/with/try...), so a deep body cannot exhaust the stack; nested defs are skipped,
 * and so is what never runs on PostgreSQL (`skipped`: another dialect's branch, what follows a `return`).
 */
function helperCalls(body: Node, ops: readonly Operation[], skipped: readonly Range[]): string[] {
  const recorded = new Set(ops.map((op) => op.range.start));
  const found: string[] = [];
  const stack: Node[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const type = node.type;
    if (type === 'function_definition' || type === 'class_definition' || type === 'lambda' || type === 'comment') continue;
    if (skipped.length > 0 && skipped.some((r) => r.start <= node.startIndex && node.endIndex <= r.end)) continue;
    if (type === 'expression_statement') {
      const call = statementCall(node);
      if (call && !recorded.has(call.startIndex)) {
        const callee = call.childForFieldName('function')?.text.replace(/\s+/g, '') ?? '';
        if (callee && !HARMLESS_CALLEE.test(callee)) found.push(callee);
      }
      continue;
    }
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return found;
}

/** The call an expression statement is (`f()`, `await f()`), if it is one. */
function statementCall(statement: Node): Node | undefined {
  let expression = firstNamedNonComment(statement);
  let type = expression?.type;
  if (expression && type === 'await') {
    expression = firstNamedNonComment(expression);
    type = expression?.type;
  }
  return expression && type === 'call' ? expression : undefined;
}

/** What the body does before anything else can: a `return` first (after no-ops) ends it doing nothing. */
function bodyKind(body: Node | null): BodyKind {
  let raises = false;
  for (const statement of body?.namedChildren ?? []) {
    const type = statement.type;
    if (type === 'comment') continue;
    if (type === 'return_statement') break;
    if (type === 'raise_statement') raises = true;
    else if (!isNoOp(statement, type)) return 'statements';
  }
  return raises ? 'raises' : 'empty';
}

/** Expressions that, as a statement of their own, do nothing: `...` and bare strings (docstrings). */
const NO_OP_EXPRESSIONS = new Set(['ellipsis', 'string', 'concatenated_string']);

/** `pass`, `...` and bare strings do nothing. */
function isNoOp(statement: Node, type: string): boolean {
  if (type === 'pass_statement') return true;
  if (type !== 'expression_statement') return false;
  const expression = firstNamedNonComment(statement);
  // The node keeps the namedChildren just read: their length costs no call into WebAssembly (namedChildCount does).
  return expression !== null && statement.namedChildren.length === 1 && NO_OP_EXPRESSIONS.has(expression.type);
}

/**
 * The first statement's indentation as written. A body on the def's own line (`def f(): pass`) gets
 * the def's indentation plus four spaces; a body of comments only, the comments' indentation.
 */
function bodyIndent(def: Node, first: Node | null, text: string): string {
  const defIndent = leadingWhitespace(text, lineStart(text, def.startIndex));
  if (first) {
    const firstLine = lineStart(text, first.startIndex);
    return firstLine === lineStart(text, def.startIndex) ? `${defIndent}    ` : leadingWhitespace(text, firstLine);
  }
  const next = leadingWhitespace(text, nextLineStart(text, def.endIndex));
  return next.length > defIndent.length && next.startsWith(defIndent) ? next : `${defIndent}    `;
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return i;
}

function nextLineStart(text: string, offset: number): number {
  const lf = text.indexOf('\n', offset);
  return lf < 0 ? text.length : lf + 1;
}

function leadingWhitespace(text: string, start: number): string {
  let i = start;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 0xfeff)) i++;
  return text.slice(start, i).replace(/\uFEFF/g, '');
}
