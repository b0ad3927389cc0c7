// Small helpers over tree-sitter-python nodes. web-tree-sitter parses JavaScript strings as UTF-16,
// so node.startIndex / endIndex are already UTF-16 offsets into the text (checked by the
// non-ASCII tests): no conversion is needed.
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
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = firstNamedNonComment(current);
    if (!inner) break;
    current = inner;
  }
  return current;
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
  while (current.type === 'attribute') {
    const object = current.childForFieldName('object');
    const attribute = current.childForFieldName('attribute');
    if (!object || !attribute) return undefined;
    parts.push(attribute.text);
    current = object;
  }
  if (current.type !== 'identifier') return undefined;
  parts.push(current.text);
  return parts.reverse().join('.');
}

export interface CallArguments {
  positional: Node[];
  /** keyword name -> the keyword_argument node. */
  keywords: Map<string, Node>;
  /** `*args` / `**kwargs` were passed (positional arguments after `*args` are left out: their positions are not known). */
  hasSplat: boolean;
  closeParen?: Node;
}

export function callArguments(call: Node): CallArguments {
  const result: CallArguments = { positional: [], keywords: new Map(), hasSplat: false };
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return result;
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
  const last = list.lastChild;
  if (last && last.type === ')' && !last.isMissing) result.closeParen = last;
  return result;
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

/** Delimiters and flags of a `string` node. */
export function stringLiteralOf(node: Node, text: string): StringLiteral | undefined {
  if (node.type !== 'string') return undefined;
  // A string whose closing quote the parser had to invent contains an error.
  return readStringLiteral(text, node.startIndex, node.endIndex, !node.hasError);
}
