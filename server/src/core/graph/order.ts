// Newest-first order of a graph's revisions, as `alembic history` lists them: a revision comes after every
// revision built on it (through down_revision or depends_on), and a branch is followed down until it meets
// another branch's pending revisions, so each branch stays together.
import type { RevisionGraph } from './types';

export function historyOrder(graph: RevisionGraph): string[] {
  const { nodes } = graph;
  const pending = new Map<string, number>();
  for (const node of nodes.values()) pending.set(node.id, new Set([...node.children, ...node.dependents]).size);

  const below = (id: string): string[] => {
    const node = nodes.get(id)!;
    return [...new Set([...node.parents, ...node.dependencies])].filter((p) => nodes.has(p));
  };
  // The first ready revision in file order goes first; the last pushed is the next taken.
  const stack = [...nodes.keys()].filter((id) => pending.get(id) === 0).reverse();
  const order: string[] = [];
  const emitted = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    order.push(id);
    emitted.add(id);
    const ready = below(id).filter((p) => {
      const left = pending.get(p)! - 1;
      pending.set(p, left);
      return left === 0;
    });
    for (let i = ready.length - 1; i >= 0; i--) stack.push(ready[i]!);
  }
  // Revisions on a cycle never become ready: list them last, in file order, so nothing is left out.
  if (order.length < nodes.size) for (const id of nodes.keys()) if (!emitted.has(id)) order.push(id);
  return order;
}
