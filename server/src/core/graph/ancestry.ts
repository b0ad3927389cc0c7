// What a revision is built on: its parents and what it depends on, all the way down to the bases.
import type { RevisionGraph } from './types';

/** The revisions below `ids` (their parents and dependencies, transitively); with `inclusive`, `ids` themselves too. */
export function ancestorsOf(graph: RevisionGraph, ids: readonly string[], inclusive = false): Set<string> {
  const seen = new Set<string>(inclusive ? ids.filter((id) => graph.nodes.has(id)) : []);
  const pending = [...ids];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const node = graph.nodes.get(next);
    for (const below of [...(node?.parents ?? []), ...(node?.dependencies ?? [])]) {
      if (seen.has(below)) continue;
      seen.add(below);
      pending.push(below);
    }
  }
  return seen;
}
