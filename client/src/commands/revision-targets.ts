// Targets the commands offer: revision pick lists and the ranges for offline `--sql` runs.
import type { GraphLocation } from '../../../protocol';
import { revisionMarkers, shortDate, type RevisionState } from '../views/migrations-tree-model';

/**
 * `<parent>:<rev>`, the range whose SQL is the revision's own upgrade. Alembic 1.8 takes one starting revision:
 * a merge starts from its first parent, so its SQL also holds the other branches' steps not below that parent.
 */
export function stepSqlRange(location: GraphLocation, revision: string): string {
  const parent = location.revisions.find((r) => r.revision === revision)?.down_revisions[0];
  return `${parent ?? 'base'}:${revision}`;
}

/** From the database's current revision to the heads; undefined when it holds several (one start only). */
export function pendingSqlRange(current: readonly string[]): string | undefined {
  if (current.length > 1) return undefined;
  return `${current[0] ?? 'base'}:heads`;
}

export interface RevisionChoice {
  label: string;
  description: string;
  detail?: string;
  /** What the command passes on: a revision id, `heads` or `base`. */
  target: string;
}

export type ChoiceFilter = 'all' | 'pending' | 'applied';

/**
 * The revisions of the locations, newest first, as quick-pick entries. `states` (from revisionStates) filters them
 * when connected; unconnected, every revision is offered and Alembic judges the target.
 */
export function revisionChoices(locations: readonly GraphLocation[], states: ReadonlyMap<string, RevisionState> | undefined, filter: ChoiceFilter): RevisionChoice[] {
  const choices: RevisionChoice[] = [];
  for (const location of locations) {
    for (const revision of location.revisions) {
      const state = states?.get(revision.revision);
      if (state && filter === 'pending' && state !== 'pending') continue;
      if (state && filter === 'applied' && state === 'pending') continue;
      if (choices.some((c) => c.target === revision.revision)) continue;
      const parts = [shortDate(revision.create_date), ...revisionMarkers(location, revision.revision), ...(state ? [state] : [])];
      choices.push({
        label: revision.revision,
        description: parts.filter((p) => p !== '').join(' · '),
        ...(revision.message ? { detail: revision.message } : {}),
        target: revision.revision,
      });
    }
  }
  return choices;
}
