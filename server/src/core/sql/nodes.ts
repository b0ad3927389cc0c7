// Typed access to libpg-query's JSON tree, where every node is an object with a single key naming its type.
import type { Node } from 'libpg-query';

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every node type with its fields: `NodeFields['CreateStmt']` is the CreateStmt interface. */
export type NodeFields = UnionToIntersection<Node>;
export type NodeType = keyof NodeFields;

export function nodeTypeOf(node: Node | undefined): string {
  if (node) for (const key in node) return key;
  return '';
}

/** The fields of `node` when it is a `type` node. */
export function asNode<K extends NodeType>(node: Node | undefined, type: K): NodeFields[K] | undefined {
  return (node as Partial<NodeFields> | undefined)?.[type];
}

/** The `sval`s of a list of String nodes (qualified names, name lists). */
export function strings(nodes: readonly Node[] | undefined): string[] {
  const out: string[] = [];
  for (const n of nodes ?? []) {
    const s = asNode(n, 'String')?.sval;
    if (s !== undefined) out.push(s);
  }
  return out;
}
