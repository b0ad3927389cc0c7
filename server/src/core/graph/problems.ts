// The problems of a revision graph, derived once: the graph rules report them in the files, and the graph JSON
// (the CLI's `graph --format json`, the sidebar) lists them, so the two cannot disagree.
import type { RevisionGraph, RevisionReference } from './types';

export type GraphProblem =
  | { kind: 'unknown-down-revision'; reference: RevisionReference }
  | { kind: 'duplicate-revision'; id: string; files: string[] }
  | { kind: 'multiple-heads'; heads: string[] }
  | { kind: 'revision-cycle'; cycle: string[] };

export type GraphProblemKind = GraphProblem['kind'];

// Each graph rule asks once per file of the location: compute the list once per graph.
const cache = new WeakMap<RevisionGraph, GraphProblem[]>();

export function graphProblems(graph: RevisionGraph): readonly GraphProblem[] {
  let problems = cache.get(graph);
  if (!problems) {
    problems = computeProblems(graph);
    cache.set(graph, problems);
  }
  return problems;
}

/** The problems of one kind, typed as that kind. */
export function problemsOf<K extends GraphProblemKind>(graph: RevisionGraph, kind: K): Extract<GraphProblem, { kind: K }>[] {
  return graphProblems(graph).filter((p): p is Extract<GraphProblem, { kind: K }> => p.kind === kind);
}

function computeProblems(graph: RevisionGraph): GraphProblem[] {
  const problems: GraphProblem[] = graph.unknownReferences.map((reference) => ({ kind: 'unknown-down-revision', reference }));
  for (const [id, files] of graph.duplicates) problems.push({ kind: 'duplicate-revision', id, files });
  // A down_revision we cannot read (a name, a call) hides an edge: its parent would look like a head.
  const hiddenEdge = [...graph.nodes.values()].some((node) => node.unknownParents);
  if (graph.heads.length > 1 && !hiddenEdge) problems.push({ kind: 'multiple-heads', heads: graph.heads });
  for (const cycle of graph.cycles) problems.push({ kind: 'revision-cycle', cycle });
  return problems;
}
