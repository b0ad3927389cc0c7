// The SQL text of an op.execute / conn.execute argument, when it can be known without running the
// code, with the map from SQL offsets back to the file. Everything else is unknown, with a reason.
import { concatMapped, toSqlSegments, type MappedText } from '../python/mapped-text';
import { decodeStringLiteral } from '../python/string-literal';
import { callArguments, dottedName, stringLiteralOf, unwrapParens, unwrapped, type Node } from '../python/syntax-tree';
import { dedentMapped, stripMapped } from '../python/text-transforms';
import type { Range, SqlText } from '../types';

/** What a name in the migration is bound to, as far as a static reading can tell. */
export type NameBinding = { value: Node } | { ambiguous: true };

export interface ExtractContext {
  text: string;
  /** A local of the function (bound before the use) or a module-level name. */
  lookup(name: string): NameBinding | undefined;
}

export interface ExtractedSql {
  sql: SqlText | null;
  unknownReason?: string;
  /** The SQL went through SQLAlchemy's text(): `:name` binds are SQLAlchemy's. */
  wrappedInText: boolean;
}

const TEXT_CALLS = new Set(['text', 'sa.text', 'sqlalchemy.text', 'sql.text', 'sa.sql.text', 'sqlalchemy.sql.text', 'expression.text']);
const DEDENT_CALLS = new Set(['textwrap.dedent', 'dedent']);
const STRIP_METHODS = new Set(['strip', 'lstrip', 'rstrip']);
/** Names can refer to names; a cycle (`a = b; b = a`) must not loop. */
const MAX_NAME_DEPTH = 8;
/**
 * Calls and parenthesised `+` nest as deep as the source does (`text(text(...))`, `"a" + ("b" + (...))`): past this
 * the SQL is unknown instead of a stack overflow that takes the rest of the file with it. A flat `"a" + "b" + ...`
 * chain is read in a loop and does not count.
 */
export const MAX_EXPRESSION_NESTING = 100;
/** How deep `known` is now (it is synchronous: a counter restored on the way out is enough). */
let nesting = 0;

interface Known {
  value: MappedText;
  range: Range;
  fromName: boolean;
  wrappedInText: boolean;
}

type Attempt = Known | { reason: string };

export function extractSql(node: Node, ctx: ExtractContext): ExtractedSql {
  const result = known(node, ctx, 0);
  if ('reason' in result) return { sql: null, unknownReason: result.reason, wrappedInText: false };
  return {
    sql: {
      text: result.value.text,
      segments: toSqlSegments(result.value.segments),
      range: result.range,
      editable: !result.fromName,
    },
    wrappedInText: result.wrappedInText,
  };
}

function known(raw: Node, ctx: ExtractContext, depth: number): Attempt {
  if (nesting >= MAX_EXPRESSION_NESTING) return { reason: 'expression nested too deeply' };
  nesting++;
  try {
    return knownNode(raw, ctx, depth);
  } finally {
    nesting--;
  }
}

function knownNode(raw: Node, ctx: ExtractContext, depth: number): Attempt {
  const { node, type } = unwrapped(raw);
  switch (type) {
    case 'string':
      return literal(node, ctx.text, type);
    case 'concatenated_string':
      return concatenation(node, ctx.text);
    case 'binary_operator':
      return binary(node, ctx, depth);
    case 'call':
      return call(node, ctx, depth);
    case 'identifier':
      return name(node.text, ctx, depth);
    default:
      return { reason: `${type.replace(/_/g, ' ')} expression` };
  }
}

/** `type`: the node's type, read by the caller already. */
function literal(node: Node, text: string, type: string): Attempt {
  const lit = stringLiteralOf(node, text, type);
  if (!lit) return { reason: 'not a string literal' };
  if (lit.bytes) return { reason: 'bytes literal' };
  const decoded = decodeStringLiteral(text, lit);
  if ('error' in decoded) return { reason: decoded.error };
  // The literal's own bounds are the node's: asking the node for its end again would be another call.
  return { value: decoded.value, range: { start: lit.start, end: lit.end }, fromName: false, wrappedInText: false };
}

function concatenation(node: Node, text: string): Attempt {
  const pieces: MappedText[] = [];
  for (const child of node.namedChildren) {
    const type = child.type;
    if (type === 'comment') continue;
    const piece = literal(child, text, type);
    if ('reason' in piece) return piece;
    pieces.push(piece.value);
  }
  return { value: concatMapped(pieces), range: { start: node.startIndex, end: node.endIndex }, fromName: false, wrappedInText: false };
}

/** `a + b + c` parses as `(a + b) + c`: the left spine is walked in a loop, so a long chain costs no stack. */
function binary(node: Node, ctx: ExtractContext, depth: number): Attempt {
  const operands: Node[] = [];
  let current: Node = node;
  for (;;) {
    const operator = current.childForFieldName('operator')?.type;
    if (operator === '%') return { reason: '% formatting' };
    const left = current.childForFieldName('left');
    const right = current.childForFieldName('right');
    if (operator !== '+' || !left || !right) return { reason: `${operator ?? 'binary'} expression` };
    operands.push(right);
    const next = unwrapParens(left);
    if (next.type !== 'binary_operator') {
      operands.push(left);
      break;
    }
    current = next;
  }
  operands.reverse();
  const pieces: Known[] = [];
  for (const operand of operands) {
    const piece = known(operand, ctx, depth);
    if ('reason' in piece) return piece;
    pieces.push(piece);
  }
  return {
    value: concatMapped(pieces.map((p) => p.value)),
    range: { start: pieces[0]!.range.start, end: pieces[pieces.length - 1]!.range.end },
    fromName: pieces.some((p) => p.fromName),
    wrappedInText: false,
  };
}

function call(node: Node, ctx: ExtractContext, depth: number): Attempt {
  const fn = node.childForFieldName('function');
  if (!fn) return { reason: 'call' };
  const args = callArguments(node);
  if (fn.type === 'attribute') {
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const object = fn.childForFieldName('object');
    if (method === 'format') return { reason: 'str.format()' };
    if (object && STRIP_METHODS.has(method) && args.positional.length === 0 && args.keywords.size === 0) {
      return transformed(known(object, ctx, depth), (v) => stripMapped(v, method as 'strip'));
    }
    // text("...").bindparams(...) still runs the text.
    if (object && method === 'bindparams') {
      const inner = known(object, ctx, depth);
      return 'reason' in inner || inner.wrappedInText ? inner : { reason: 'bindparams() on a non-text() value' };
    }
  }
  const callee = dottedName(fn);
  const first = args.positional[0] ?? args.keywords.get('text')?.childForFieldName('value') ?? undefined;
  if (callee !== undefined && TEXT_CALLS.has(callee)) {
    if (!first) return { reason: `${callee}() without text` };
    const inner = known(first, ctx, depth);
    return 'reason' in inner ? inner : { ...inner, wrappedInText: true };
  }
  if (callee !== undefined && DEDENT_CALLS.has(callee)) {
    if (!first) return { reason: `${callee}() without text` };
    return transformed(known(first, ctx, depth), dedentMapped);
  }
  return { reason: `call to ${callee ?? 'an expression'}()` };
}

function transformed(inner: Attempt, transform: (value: MappedText) => MappedText): Attempt {
  return 'reason' in inner ? inner : { ...inner, value: transform(inner.value) };
}

function name(identifier: string, ctx: ExtractContext, depth: number): Attempt {
  const binding = ctx.lookup(identifier);
  if (!binding) return { reason: `name '${identifier}' is not bound to a known string` };
  if ('ambiguous' in binding) return { reason: `name '${identifier}' is assigned more than once` };
  if (depth >= MAX_NAME_DEPTH) return { reason: `name '${identifier}' refers to names too deeply` };
  const inner = known(binding.value, ctx, depth + 1);
  if ('reason' in inner) return { reason: `name '${identifier}': ${inner.reason}` };
  return { ...inner, fromName: true };
}
