// The problems of a revision graph, derived once: the graph rules report them in the files, and the graph JSON
// (the CLI's `graph --format json`, the sidebar) lists them, so the two cannot disagree.
import type { GraphProblemKind } from '../../../../common/graph-json';
import type { RevisionGraph, RevisionReference } from './types';

export type { GraphProblemKind };

/** One variant per kind of the JSON (common/graph-json.ts), with what the rules need to report it in the files. */
export type GraphProblem =
  | { kind: 'unknown-down-revision'; reference: RevisionReference }
  | { kind: 'duplicate-revision'; id: string; files: string[] }
  | { kind: 'multiple-heads'; heads: string[] }
  | { kind: 'revision-cycle'; cycle: string[] };

type OfKind<K extends GraphProblemKind> = Extract<GraphProblem, { kind: K }>;

interface Derived {
  all: GraphProblem[];
  byKind: Map<GraphProblemKind, GraphProblem[]>;
}

// Each graph rule asks once per file of the location: derive the problems once per graph, grouped by kind, so a
// rule's question costs a lookup, not a pass over every problem of the location.
const cache = new WeakMap<RevisionGraph, Derived>();

function derived(graph: RevisionGraph): Derived {
  let entry = cache.get(graph);
  if (!entry) {
    const all = computeProblems(graph);
    const byKind = new Map<GraphProblemKind, GraphProblem[]>();
    for (const problem of all) {
      const list = byKind.get(problem.kind);
      if (list) list.push(problem);
      else byKind.set(problem.kind, [problem]);
    }
    entry = { all, byKind };
    cache.set(graph, entry);
  }
  return entry;
}

export function graphProblems(graph: RevisionGraph): readonly GraphProblem[] {
  return derived(graph).all;
}

/** The problems of one kind, typed as that kind. */
export function problemsOf<K extends GraphProblemKind>(graph: RevisionGraph, kind: K): readonly OfKind<K>[] {
  return (derived(graph).byKind.get(kind) ?? []) as OfKind<K>[];
}

function computeProblems(graph: RevisionGraph): GraphProblem[] {
  const problems: GraphProblem[] = graph.unknownReferences.map((reference) => ({ kind: 'unknown-down-revision', reference }));
  for (const [id, files] of graph.duplicates) problems.push({ kind: 'duplicate-revision', id, files });
  // A down_revision we cannot read (a name, a call) hides an edge: its parent would look like a head. So does a
  // file whose revision is unknown (`revision = make_id()`, a file that could not be read): its parent has a child.
  const hiddenEdge = graph.opaqueFiles.length > 0 || [...graph.nodes.values()].some((node) => node.unknownParents);
  if (graph.heads.length > 1 && !hiddenEdge) problems.push({ kind: 'multiple-heads', heads: graph.heads });
  for (const cycle of graph.cycles) problems.push({ kind: 'revision-cycle', cycle });
  return problems;
}
