// Walks over one location's revision graph as Alembic does: down_revisions and depends_on both count as
// parents, because upgrading to a revision also applies what it depends on (and downgrading a dependency
// reverts its dependents).
import type { GraphLocation, GraphRevision } from '../../../protocol';

export interface RevisionIndex {
  byId: ReadonlyMap<string, GraphRevision>;
  parents(id: string): string[];
  children(id: string): string[];
}

export function indexRevisions(location: GraphLocation): RevisionIndex {
  const byId = new Map<string, GraphRevision>();
  // The first declaration wins, as the graph lists them: a duplicate id is reported as a problem anyway.
  for (const revision of location.revisions) if (!byId.has(revision.revision)) byId.set(revision.revision, revision);
  const children = new Map<string, string[]>();
  const parentsOf = (id: string): string[] => {
    const revision = byId.get(id);
    if (!revision) return [];
    return [...revision.down_revisions, ...revision.depends_on].filter((p) => byId.has(p));
  };
  for (const id of byId.keys()) {
    for (const parent of parentsOf(id)) {
      const list = children.get(parent) ?? [];
      if (!list.includes(id)) list.push(id);
      children.set(parent, list);
    }
  }
  return { byId, parents: parentsOf, children: (id) => children.get(id) ?? [] };
}

/** The given revisions and everything reachable from them through `next`; unknown ids are left out. */
function closure(index: RevisionIndex, start: readonly string[], next: (id: string) => string[]): Set<string> {
  const seen = new Set<string>();
  const stack = start.filter((id) => index.byId.has(id));
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    // A cycle in a broken graph ends here: `seen` stops the walk.
    for (const other of next(id)) if (!seen.has(other)) stack.push(other);
  }
  return seen;
}

/** The revisions and all their ancestors: what the database holds when these are its current revisions. */
export function ancestorsInclusive(index: RevisionIndex, ids: readonly string[]): Set<string> {
  return closure(index, ids, index.parents);
}

/** The revisions and all their descendants. */
export function descendantsInclusive(index: RevisionIndex, ids: readonly string[]): Set<string> {
  return closure(index, ids, index.children);
}

/** The location holding a revision id (the first that declares it). */
export function locationOfRevision(locations: readonly GraphLocation[], revision: string): GraphLocation | undefined {
  return locations.find((l) => l.revisions.some((r) => r.revision === revision));
}

/** How messages name a revision: `0006 (add orders)`; the bare id when it has no message or no file declares it. */
export function revisionTitle(locations: readonly GraphLocation[], id: string): string {
  const message = locationOfRevision(locations, id)?.revisions.find((r) => r.revision === id)?.message;
  return message ? `${id} (${message})` : id;
}
