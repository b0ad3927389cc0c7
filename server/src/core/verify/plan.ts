// Which revisions `alembic-lint verify` checks, in which order, and what it applies first without checking:
// the whole history, up to --revision, the ones after --from (the editor's "verify pending"), or --only one.
import { ancestorsOf } from '../graph/ancestry';
import { historyOrder } from '../graph/order';
import type { RevisionGraph } from '../graph/types';

export interface VerifyScope {
  /** Verify from the base up to this revision, inclusive. */
  revision?: string;
  /** Apply this revision (and what it is built on) without verifying it; verify what comes after. */
  from?: string;
  /** Apply this revision's parents without verifying them; verify this revision alone. */
  only?: string;
}

export interface VerifyPlan {
  /** Applied without verifying, in this order (every one oldest first: a revision after what it is built on). */
  prepare: string[];
  /** Verified one by one, oldest first; branches stay together, as `alembic history` lists them (reversed). */
  verify: string[];
}

/** Oldest first: each revision after its parents and dependencies. */
export function graphOrder(graph: RevisionGraph): string[] {
  return [...historyOrder(graph)].reverse();
}

/** The ids in scope must exist (resolveRevision first); the plan never names a revision twice. */
export function verifyPlan(graph: RevisionGraph, scope: VerifyScope): VerifyPlan {
  const order = graphOrder(graph);
  if (scope.only !== undefined) {
    const below = ancestorsOf(graph, [scope.only]);
    return { prepare: order.filter((id) => below.has(id)), verify: [scope.only] };
  }
  const upTo = scope.revision === undefined ? undefined : ancestorsOf(graph, [scope.revision], true);
  const applied = scope.from === undefined ? new Set<string>() : ancestorsOf(graph, [scope.from], true);
  return {
    prepare: order.filter((id) => applied.has(id)),
    verify: order.filter((id) => !applied.has(id) && (upTo === undefined || upTo.has(id))),
  };
}

/**
 * A revision named on the command line: an id, a unique prefix of one, or `head` when there is one head. An
 * error message (for exit 2) otherwise.
 */
export function resolveRevision(graph: RevisionGraph, asked: string, flag: string): string | { problem: string } {
  if (asked === 'head' || asked === 'heads') {
    if (graph.heads.length === 1) return graph.heads[0]!;
    return { problem: `${flag} ${asked}: the history has ${graph.heads.length} heads (${graph.heads.join(', ')}): name one` };
  }
  if (graph.nodes.has(asked)) return asked;
  const matches = [...graph.nodes.keys()].filter((id) => id.startsWith(asked));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) return { problem: `${flag} ${asked} is ambiguous: ${matches.sort().join(', ')}` };
  return { problem: `${flag} ${asked}: no such revision` };
}

/** The revisions of `applied` no other revision of it is built on: what Alembic's version table holds for them. */
export function headsOf(graph: RevisionGraph, applied: ReadonlySet<string>): string[] {
  const below = new Set<string>();
  for (const id of applied) for (const parent of ancestorsOf(graph, [id])) below.add(parent);
  return [...applied].filter((id) => !below.has(id)).sort();
}

/**
 * The target of the downgrade that undoes `id` alone: `<id>@-1` (one step down its own branch, whatever other
 * branches are applied; Alembic accepts it for a base too). A merge has no single step down (`<id>@-1` and `-1` are
 * an "Ambiguous walk" for Alembic): downgrading to one of its parents unmerges it back to all of them.
 */
export function downgradeTarget(graph: RevisionGraph, id: string): string {
  const parents = graph.nodes.get(id)?.parents ?? [];
  return parents.length > 1 ? parents[0]! : `${id}@-1`;
}
