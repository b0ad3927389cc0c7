// `alembic history` as text, one line per revision, newest first, in Alembic's own format:
//   <down revisions or <base>> [(<depends_on>)] -> <rev> [(<branch labels>)] [(head)|(effective head)] [(branchpoint)] [(mergepoint)], <message>
import { historyOrder } from './order';
import type { RevisionGraph, RevisionNode } from './types';

export function formatHistory(graph: RevisionGraph): string {
  const labels = effectiveBranchLabels(graph);
  return historyOrder(graph)
    .map((id) => historyLine(graph.nodes.get(id)!, labels.get(id)))
    .join('\n');
}

function historyLine(node: RevisionNode, labels: Set<string> | undefined): string {
  const down = node.parents.length > 0 ? node.parents.join(', ') : '<base>';
  const dependsOn = node.dependsOn.length > 0 ? ` (${node.dependsOn.join(', ')})` : '';
  let text = `${down}${dependsOn} -> ${node.id}`;
  if (labels && labels.size > 0) text += ` (${[...labels].sort().join(', ')})`;
  // Alembic's "head" ignores depends_on; a head something depends on is only an "effective head".
  if (node.children.length === 0) text += node.dependents.length === 0 ? ' (head)' : ' (effective head)';
  if (node.children.length > 1) text += ' (branchpoint)';
  if (node.parents.length > 1) text += ' (mergepoint)';
  return `${text}, ${node.message}`;
}

/**
 * Alembic shows a branch label on every revision of the branch: the labelled revision, everything built on it,
 * and the revisions below it down to the nearest branch point or merge point.
 */
function effectiveBranchLabels(graph: RevisionGraph): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  const add = (id: string, labels: string[]): void => {
    let set = result.get(id);
    if (!set) result.set(id, (set = new Set()));
    for (const label of labels) set.add(label);
  };
  for (const labelled of graph.nodes.values()) {
    const labels = labelled.branchLabels;
    if (labels.length === 0) continue;
    const seen = new Set<string>([labelled.id]);
    const todo = [labelled.id];
    while (todo.length > 0) {
      const id = todo.pop()!;
      add(id, labels);
      for (const child of graph.nodes.get(id)?.children ?? []) {
        if (!seen.has(child)) {
          seen.add(child);
          todo.push(child);
        }
      }
    }
    let below = labelled.parents.length === 1 ? graph.nodes.get(labelled.parents[0]!) : undefined;
    while (below && !seen.has(below.id) && below.children.length + below.dependents.length <= 1 && below.parents.length <= 1) {
      seen.add(below.id);
      add(below.id, labels);
      below = below.parents.length === 1 ? graph.nodes.get(below.parents[0]!) : undefined;
    }
  }
  return result;
}
