// What a Python file's code is, apart from how it is written: the syntax tree as a stream of tokens that leaves
// out comments, docstrings, whitespace and line breaks, so two texts whose streams are equal run alike; SQL strings
// compared as PostgreSQL's scanner reads them. Used to tell an edit of an applied migration's code from a comment,
// a docstring or a reformatting.
import { pythonParser } from '../parsers';
import type { MappedText } from '../python/mapped-text';
import { decodeStringLiteral } from '../python/string-literal';
import { stringLiteralOf, type Node } from '../python/syntax-tree';
import { sqlRangeToFile } from '../text';
import { firstSqlDifference } from '../sql/sql-tokens';
import type { Range } from '../types';
import { withLineFeeds } from './parse-migration';

export interface CodeToken {
  /** What is compared: a leaf's text, a string's value, or a node's type where it opens (`call(`) and `)` where it closes. */
  value: string;
  /** In the file: a leaf's range; an empty range where a node opens or closes. */
  range: Range;
  /** A string literal's decoded value, mapped to the file: where two values differ can be pointed at. */
  decoded?: MappedText;
}

/** Brackets that may follow a trailing comma: `f(a, b,)` is `f(a, b)`. */
const CLOSERS = new Set([')', ']', '}']);

/** Left out wherever they stand: they change nothing that runs (`;` only separates statements on one line). */
const IGNORED = new Set(['comment', 'line_continuation', ';']);

/** The code tokens of a text (parsed here; the tree is freed before returning). */
export function codeTokensOf(text: string): CodeToken[] {
  const tree = pythonParser().parse(withLineFeeds(text));
  if (!tree) throw new Error('the Python parser returned no tree');
  try {
    return codeTokens(tree.rootNode, text);
  } finally {
    tree.delete();
  }
}

/**
 * The tokens of a syntax tree, in source order. Iterative: a file may nest thousands of brackets.
 * - Docstrings (the first statement of the module, a function or a class, when it is only a string) are left out.
 * - A string literal is one token, its decoded value: quotes, prefixes that do not change the value and escapes
 *   that spell the same character compare equal (black rewrites `'x'` as `"x"`).
 * - Redundant parentheses (`(x)`) and a trailing comma before a closing bracket are left out: formatters add and
 *   remove them. A tuple's own comma (`(x,)`) is kept, and so is the comma of a subscript (`t[a,]` indexes by a tuple).
 */
export function codeTokens(root: Node, text: string): CodeToken[] {
  const tokens: CodeToken[] = [];
  const work: (Node | CodeToken)[] = [root];
  while (work.length > 0) {
    const item = work.pop()!;
    if (!isNode(item)) {
      tokens.push(item);
      continue;
    }
    const node = item;
    const literal = stringToken(node, text);
    if (literal) {
      tokens.push(literal);
      continue;
    }
    const children = significantChildren(node);
    if (node.childCount === 0) {
      tokens.push({ value: leafValue(node), range: { start: node.startIndex, end: node.endIndex } });
      continue;
    }
    // A parenthesised expression adds nothing to what it holds: `(x)` and `x` are the same code.
    const transparent = node.type === 'parenthesized_expression';
    if (!transparent) {
      tokens.push({ value: `${node.type}(`, range: { start: node.startIndex, end: node.startIndex } });
      work.push({ value: ')', range: { start: node.endIndex, end: node.endIndex } });
    }
    for (let i = children.length - 1; i >= 0; i--) work.push(children[i]!);
  }
  return tokens;
}

function isNode(item: Node | CodeToken): item is Node {
  return !('value' in item);
}

function significantChildren(node: Node): Node[] {
  const children = node.children.filter((child) => !IGNORED.has(child.type));
  const docstring = docstringOf(node, children);
  return children.filter((child, i) => {
    if (child === docstring) return false;
    if (node.type === 'parenthesized_expression' && (child.type === '(' || child.type === ')')) return false;
    return !(child.type === ',' && node.type !== 'subscript' && CLOSERS.has(children[i + 1]?.type ?? ''));
  });
}

/** The docstring statement among a module's or a function's or class's body children, if any. */
function docstringOf(node: Node, children: readonly Node[]): Node | undefined {
  const isBody = node.type === 'module' || (node.type === 'block' && (node.parent?.type === 'function_definition' || node.parent?.type === 'class_definition'));
  if (!isBody) return undefined;
  const first = children.find((child) => child.isNamed);
  if (first?.type !== 'expression_statement' || first.namedChildCount !== 1) return undefined;
  const expression = first.firstNamedChild;
  return expression?.type === 'string' || expression?.type === 'concatenated_string' ? first : undefined;
}

/** An f-string's pieces are compared as written, but for its quotes and the case of its prefix. */
function leafValue(node: Node): string {
  if (node.isMissing) return `missing ${node.type}`;
  switch (node.type) {
    case 'string_start':
      return `${node.text.replace(/["']/g, '').toLowerCase()}"`;
    case 'string_end':
      return '"';
    case 'string_content':
      return node.text.replace(/\r\n?/g, '\n');
    default:
      return node.text;
  }
}

/** A string literal as one token, its value (`b'..'` kept apart from `'..'`); undefined for f-strings and non-strings. */
function stringToken(node: Node, text: string): CodeToken | undefined {
  const literal = stringLiteralOf(node, text);
  if (!literal || literal.formatted) return undefined;
  const decoded = decodeStringLiteral(text, literal);
  if ('error' in decoded) return undefined;
  const value = `${literal.bytes ? 'bytes' : 'str'} ${JSON.stringify(decoded.value.text)}`;
  return { value, range: { start: node.startIndex, end: node.endIndex }, decoded: decoded.value };
}

/**
 * Where `text`'s code first differs from `base`'s: the range of the first differing token of `text` (or its last
 * token, when `text` ends where `base` goes on); undefined when their code is the same. `sqlRanges`: where `text`
 * holds SQL (the literals of `op.execute` and the like); a SQL literal is compared as PostgreSQL reads it, so its
 * whitespace, its comments and the case of its keywords may change.
 */
export function firstCodeDifference(text: string, base: string, sqlRanges: readonly Range[] = []): Range | undefined {
  const ours = codeTokensOf(text);
  const theirs = codeTokensOf(base);
  for (let i = 0; ; i++) {
    const mine = ours[i];
    const other = theirs[i];
    if (!mine || !other) {
      if (!mine && !other) return undefined;
      return leafAt(ours, i) ?? { start: 0, end: 0 };
    }
    if (mine.value === other.value) continue;
    if (!mine.decoded || !other.decoded) return leafAt(ours, i) ?? { start: 0, end: 0 };
    if (!sqlRanges.some((r) => r.start <= mine.range.start && mine.range.end <= r.end)) return withinString(mine, mine.decoded, other.decoded.text);
    const sql = firstSqlDifference(mine.decoded.text, other.decoded.text);
    if (sql === 'same') continue;
    if (sql === undefined) return withinString(mine, mine.decoded, other.decoded.text);
    return mapToFile(mine, mine.decoded, sql);
  }
}

/** A range in a string's decoded value, in the file. */
function mapToFile(token: CodeToken, decoded: MappedText, range: Range): Range {
  return sqlRangeToFile({ ...decoded, range: token.range, editable: false }, range);
}

/**
 * Two strings whose values differ (the SQL of an `op.execute`, most often): the word of `token` where its value
 * first differs from `other`, rather than the whole literal.
 */
function withinString(token: CodeToken, decoded: MappedText, other: string): Range {
  const value = decoded.text;
  let k = 0;
  while (k < value.length && k < other.length && value[k] === other[k]) k++;
  // Back to the start of the word the difference is in (`INTEGER` -> `BIGINT` differs at its first letter anyway).
  while (k > 0 && k < value.length && /\w/.test(value[k - 1]!) && /\w/.test(value[k]!)) k--;
  if (k >= value.length) return token.range;
  let end = k + 1;
  while (end < value.length && /\w/.test(value[end - 1]!) && /\w/.test(value[end]!)) end++;
  return mapToFile(token, decoded, { start: k, end });
}

/** The first token with text at or after `index` (a node's opening marks no text), else the last one before it. */
function leafAt(tokens: readonly CodeToken[], index: number): Range | undefined {
  const isLeaf = (t: CodeToken): boolean => t.range.end > t.range.start;
  const after = tokens.slice(index).find(isLeaf);
  if (after) return after.range;
  return tokens.slice(0, index).reverse().find(isLeaf)?.range;
}
