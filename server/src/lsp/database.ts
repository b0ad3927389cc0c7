// What the connected databases have applied, as the client reads it: the `pending` scope changes with it.
import type { DatabaseRevisionsParams } from '../../../protocol';
import { refreshAppliedBases } from './base';
import { publishAll } from './publish';
import type { ServerState } from './state';

export function databaseRevisionsChanged(state: ServerState, params: DatabaseRevisionsParams): void {
  const next = new Map<string, readonly string[]>();
  for (const entry of Array.isArray(params?.locations) ? params.locations : []) {
    if (typeof entry?.location !== 'string' || !Array.isArray(entry.current)) continue;
    next.set(entry.location, entry.current.filter((id): id is string => typeof id === 'string'));
  }
  const same = next.size === state.databaseRevisions.size && [...next].every(([k, v]) => state.databaseRevisions.get(k)?.join(' ') === v.join(' '));
  state.databaseRevisions = next;
  if (same || !state.ready) return;
  // What is applied changed: the pending scope, and which files an edit since the last commit is an edit of.
  refreshAppliedBases(state);
  publishAll(state);
}
