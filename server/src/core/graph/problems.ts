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
  /** The cycles each revision is part of, and the heads when there are several: a file's question is a lookup. */
  cyclesByRevision: Map<string, string[][]>;
  heads: Set<string>;
  /** The files declaring each duplicated id. */
  duplicates: Map<string, Set<string>>;
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
    const cyclesByRevision = new Map<string, string[][]>();
    for (const problem of byKind.get('revision-cycle') ?? []) {
      if (problem.kind !== 'revision-cycle') continue;
      for (const id of new Set(problem.cycle)) {
        const list = cyclesByRevision.get(id);
        if (list) list.push(problem.cycle);
        else cyclesByRevision.set(id, [problem.cycle]);
      }
    }
    const headsProblem = byKind.get('multiple-heads')?.[0];
    const heads = new Set(headsProblem?.kind === 'multiple-heads' ? headsProblem.heads : []);
    const duplicates = new Map<string, Set<string>>();
    for (const problem of byKind.get('duplicate-revision') ?? []) {
      if (problem.kind === 'duplicate-revision') duplicates.set(problem.id, new Set(problem.files));
    }
    entry = { all, byKind, cyclesByRevision, heads, duplicates };
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

/** The cycles `id` is part of. */
export function cyclesThrough(graph: RevisionGraph, id: string): readonly string[][] {
  return derived(graph).cyclesByRevision.get(id) ?? [];
}

/** The files that declare `id` when more than one does. */
export function filesDeclaring(graph: RevisionGraph, id: string): ReadonlySet<string> | undefined {
  return derived(graph).duplicates.get(id);
}

/** `id` is one of several heads (the multiple-heads problem is reported). */
export function isOneOfHeads(graph: RevisionGraph, id: string): boolean {
  return derived(graph).heads.has(id);
}

/**
 * How many ids a message names. A problem can involve every revision of the location (a cycle through all of them,
 * thousands of heads), and each of its files repeats the message: listing them all grows with the square of the graph.
 */
export const MAX_LISTED_IDS = 10;

/**
 * `a, b, c`; past the cap the first ones and how many more: `a, b, ... j and 9,990 more`. `total` is how many there
 * are when `ids` holds only the first of them.
 */
export function listIds(ids: readonly string[], total = ids.length): string {
  const shown = ids.slice(0, MAX_LISTED_IDS);
  if (total <= shown.length) return shown.join(', ');
  return `${shown.join(', ')} and ${(total - shown.length).toLocaleString('en-US')} more`;
}

/** The cycle as a path back to its start, `a -> b -> c -> a`; a long one with its middle left out and its length. */
export function cyclePath(cycle: readonly string[]): string {
  if (cycle.length <= MAX_LISTED_IDS) return [...cycle, cycle[0]].join(' -> ');
  const shown = cycle.slice(0, MAX_LISTED_IDS - 1);
  const left = cycle.length - MAX_LISTED_IDS;
  return `${[...shown, `(${left.toLocaleString('en-US')} more)`, cycle[cycle.length - 1], cycle[0]].join(' -> ')} (${cycle.length.toLocaleString('en-US')} revisions)`;
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
