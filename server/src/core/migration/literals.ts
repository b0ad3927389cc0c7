// Static values of small Python expressions: names and ids given as string literals.
import { decodeStringLiteral } from '../python/string-literal';
import { argument, callArguments, dottedName, stringLiteralOf, unwrapped, type Node } from '../python/syntax-tree';
import type { StringField } from '../types';

/** The value of a plain (not f-, not bytes) string literal, or undefined. */
export function literalString(node: Node | undefined, text: string): string | undefined {
  if (!node) return undefined;
  const value = unwrapped(node);
  return plainString(value.node, text, value.type)?.value;
}

/**
 * A plain string literal's value and range (quotes included), or undefined. `node` has no parentheses around it;
 * `type`: its type, when the caller has read it already.
 */
export function plainString(node: Node, text: string, type = node.type): StringField | undefined {
  const lit = stringLiteralOf(node, text, type);
  if (!lit || lit.bytes) return undefined;
  const decoded = decodeStringLiteral(text, lit);
  return 'error' in decoded ? undefined : { value: decoded.value.text, range: { start: lit.start, end: lit.end } };
}

/**
 * An object name given as a string literal or wrapped in `op.f(...)` / `conv(...)` (which mark a
 * final name). null for `None` (an unnamed object), undefined when not known statically.
 */
export function literalName(node: Node | undefined, text: string): string | null | undefined {
  // A loop: `op.f(op.f(...))` nests as deep as it is written.
  for (let current = node; current; ) {
    const { node: value, type } = unwrapped(current);
    if (type === 'none') return null;
    if (type !== 'call') return plainString(value, text, type)?.value;
    const last = dottedName(value.childForFieldName('function') ?? value)?.split('.').pop();
    if (last !== 'f' && last !== 'conv') return undefined;
    current = argument(callArguments(value), 0);
  }
  return undefined;
}

/** `["a", "b"]`, `("a",)` or a single `"a"` -> the names that are literals. */
export function literalNameList(node: Node | undefined, text: string): string[] {
  if (!node) return [];
  const { node: list, type } = unwrapped(node);
  const elements = type === 'list' || type === 'tuple' ? list.namedChildren : [list];
  const names: string[] = [];
  for (const element of elements) {
    const name = literalName(element, text);
    if (typeof name === 'string') names.push(name);
  }
  return names;
}
