// Small helpers over tree-sitter-python nodes. web-tree-sitter parses JavaScript strings as UTF-16,
// so node.startIndex / endIndex are already UTF-16 offsets into the text (checked by the
// non-ASCII tests): no conversion is needed.
// What a Node knows besides startIndex is asked of WebAssembly on every read (type, endIndex, text, children,
// fields: the node is copied in, and nodes it returns are copied out and allocated), and every migration of a
// workspace is read on start-up and the open one on each keystroke: the readers read each of them once per node.
import type { Node, Parser, Tree } from 'web-tree-sitter';
import type { Range } from '../types';
import { readStringLiteral, type StringLiteral } from './string-literal';

export type { Node, Parser, Tree };

export function nodeRange(node: Node): Range {
  return { start: node.startIndex, end: node.endIndex };
}

/** The call whose range is exactly `range` (an operation's). */
export function findCall(root: Node, range: Range): Node | undefined {
  for (let node: Node | null = root.descendantForIndex(range.start, range.end); node; node = node.parent) {
    if (node.type === 'call' && node.startIndex === range.start && node.endIndex === range.end) return node;
    if (node.startIndex < range.start) break;
  }
  return undefined;
}

/** `(x)` -> `x`, any depth. */
export function unwrapParens(node: Node): Node {
  return unwrapped(node).node;
}

/** unwrapParens, with the type of the node it returns (read on the way: the caller need not ask again). */
export function unwrapped(node: Node): { node: Node; type: string } {
  let current = node;
  let type = current.type;
  while (type === 'parenthesized_expression') {
    const inner = firstNamedNonComment(current);
    if (!inner) break;
    current = inner;
    type = current.type;
  }
  return { node: current, type };
}

export function firstNamedNonComment(node: Node): Node | null {
  for (const child of node.namedChildren) if (child.type !== 'comment') return child;
  return null;
}

/** `a.b.c` as a string; undefined for anything that is not a chain of names. */
export function dottedName(node: Node): string | undefined {
  // A loop down the object chain: `a.b.c...` can be thousands of attributes long.
  const parts: string[] = [];
  let current: Node = node;
  let type = current.type;
  while (type === 'attribute') {
    const object = current.childForFieldName('object');
    const attribute = current.childForFieldName('attribute');
    if (!object || !attribute) return undefined;
    parts.push(attribute.text);
    current = object;
    type = current.type;
  }
  if (type !== 'identifier') return undefined;
  parts.push(current.text);
  return parts.reverse().join('.');
}

export interface CallArguments {
  positional: Node[];
  /** keyword name -> the keyword_argument node. */
  keywords: Map<string, Node>;
  /** `*args` / `**kwargs` were passed (positional arguments after `*args` are left out: their positions are not known). */
  hasSplat: boolean;
  /** The `argument_list` node (absent for `f(x for x in y)`, whose argument is a generator expression). */
  list?: Node;
}

export function callArguments(call: Node): CallArguments {
  const result: CallArguments = { positional: [], keywords: new Map(), hasSplat: false };
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return result;
  result.list = list;
  let afterListSplat = false;
  for (const child of list.namedChildren) {
    switch (child.type) {
      case 'keyword_argument': {
        // The name is read from the text: cheaper than asking the tree for another node.
        const name = /^[^\s=]+/.exec(child.text)?.[0];
        if (name !== undefined) result.keywords.set(name, child);
        break;
      }
      case 'list_splat':
        afterListSplat = true;
        result.hasSplat = true;
        break;
      case 'dictionary_splat':
        result.hasSplat = true;
        break;
      case 'comment':
        break;
      default:
        if (!afterListSplat) result.positional.push(child);
    }
  }
  return result;
}

/**
 * The `)` that closes the argument list, when the parser did not have to invent it. Apart from callArguments: it costs
 * four more calls into WebAssembly, and only an op.* call's fixes (which add an argument) need it.
 */
export function closingParen(args: CallArguments): Node | undefined {
  const last = args.list?.lastChild;
  return last && last.type === ')' && !last.isMissing ? last : undefined;
}

/** The value of the keyword argument `keyword`. */
export function keywordValue(args: CallArguments, keyword: string): Node | undefined {
  return args.keywords.get(keyword)?.childForFieldName('value') ?? undefined;
}

/** The argument at `index` (negative: keyword only), or the keyword argument's value named `keyword`. */
export function argument(args: CallArguments, index: number, keyword?: string): Node | undefined {
  const byKeyword = keyword === undefined ? undefined : keywordValue(args, keyword);
  if (byKeyword || index < 0) return byKeyword;
  return args.positional[index];
}

/** Delimiters and flags of a `string` node. `type`: the node's type, when the caller has read it already. */
export function stringLiteralOf(node: Node, text: string, type = node.type): StringLiteral | undefined {
  if (type !== 'string') return undefined;
  // A string whose closing quote the parser had to invent contains an error.
  return readStringLiteral(text, node.startIndex, node.endIndex, !node.hasError);
}
