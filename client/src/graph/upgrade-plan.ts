// What an upgrade will apply, computed as Alembic does: the target's ancestors (heads: every head's) that the
// database does not hold yet; for the check of their findings before it runs.
import type { GraphLocation, GraphRevision } from '../../../protocol';
import { ancestorsInclusive, indexRevisions } from './revision-walk';

/**
 * `target` is `heads` or a revision id; `current` is what the version table holds. Oldest first: the order Alembic
 * applies them in. A target no file declares applies nothing we know of (Alembic reports it).
 */
export function revisionsToApply(locations: readonly GraphLocation[], current: readonly string[], target: string): GraphRevision[] {
  const toApply: GraphRevision[] = [];
  for (const location of locations) {
    const index = indexRevisions(location);
    const wanted = ancestorsInclusive(index, target === 'heads' ? location.heads : [target]);
    const applied = ancestorsInclusive(index, current);
    for (const revision of [...location.revisions].reverse()) {
      if (wanted.has(revision.revision) && !applied.has(revision.revision) && !toApply.some((r) => r.revision === revision.revision)) toApply.push(revision);
    }
  }
  return toApply;
}
