// What a revision is built on: its parents and what it depends on, all the way down to the bases.
import { historyOrder } from './order';
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

const complete = new WeakMap<RevisionGraph, ReadonlySet<string>>();

/**
 * The revisions whose whole history is in the graph: none of them, nor anything below them, names a parent or a
 * dependency the folder lacks or computes its parents at run time. Made once per graph (every file asks).
 */
export function completeHistories(graph: RevisionGraph): ReadonlySet<string> {
  let known = complete.get(graph);
  if (known) return known;
  const done = new Set<string>();
  // Oldest first: a revision after everything it is built on (revisions on a cycle come last and never qualify).
  for (const id of [...historyOrder(graph)].reverse()) {
    const node = graph.nodes.get(id);
    if (!node || node.unknownParents || node.dependencies.length < node.dependsOn.length) continue;
    if ([...node.parents, ...node.dependencies].every((below) => done.has(below))) done.add(id);
  }
  known = done;
  complete.set(graph, known);
  return known;
}
