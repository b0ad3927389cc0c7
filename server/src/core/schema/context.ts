// The schema model as the rules of scope 'schema' see one file: the schema before its revision, its upgrade as the
// history replays it, the round trip of its upgrade and downgrade, and what the rest of the history does to an
// object, each computed on first use.
import { ancestorsOf } from '../graph/ancestry';
import type { RevisionGraph } from '../graph/types';
import type { HistoryEvent, SchemaContext } from '../rules/types';
import type { MigrationFile } from '../types';
import type { RevisionSchema } from './history';
import type { SchemaEvent } from './model';
import type { ReplayResult } from './replay';
import { replayFunction, type ReplayOptions } from './replay-migration';
import { roundTrip, type RoundTrip } from './round-trip';

/** Undefined for a file the graph does not hold as a revision (no id, an id declared again by another file). */
export function schemaContextFor(
  revisions: ReadonlyMap<string, RevisionSchema>,
  graph: RevisionGraph,
  file: MigrationFile,
  options: ReplayOptions,
): SchemaContext | undefined {
  const ids = file.revision?.ids ?? [];
  if (ids.length !== 1 || file.revision?.unknown) return undefined;
  const id = ids[0]!.value;
  const revision = graph.nodes.get(id)?.file === file.path ? revisions.get(id) : undefined;
  if (!revision) return undefined;
  let trip: RoundTrip | undefined;
  let upgraded: ReplayResult | undefined;
  let ancestors: Set<string> | undefined;
  // The snapshot's upgrade is this file's own only when the graph's file is this very parse.
  const own = revision.file === file ? revision : undefined;
  return {
    before: revision.start,
    upgrade: () => (upgraded ??= own ?? replayFunction(revision.start, file, file.upgrade, options)),
    roundTrip: () => (trip ??= roundTrip(revision.start, file, options, own)),
    historyOf: (kind, name) => historyOf(revisions, graph, id, (ancestors ??= ancestorsOf(graph, [id])), kind, name),
    unknownSince: (since) => {
      ancestors ??= ancestorsOf(graph, [id]);
      let after = false;
      for (const [revision, snapshot] of revisions) {
        if (after && snapshot.unknowns > 0 && ancestors.has(revision)) return true;
        after ||= revision === since;
      }
      return false;
    },
  };
}

/** What every upgrade of the history does to one object (by name, old or new), in history order. */
function historyOf(
  revisions: ReadonlyMap<string, RevisionSchema>,
  graph: RevisionGraph,
  self: string,
  ancestors: ReadonlySet<string>,
  kind: SchemaEvent['kind'],
  name: string,
): HistoryEvent[] {
  const out: HistoryEvent[] = [];
  for (const [revision, snapshot] of revisions) {
    for (const event of snapshot.events) {
      if (event.kind !== kind || !names(event, kind, name)) continue;
      const relation = revision === self ? 'self' : ancestors.has(revision) ? 'ancestor' : 'other';
      out.push({ revision, file: snapshot.file?.path ?? graph.nodes.get(revision)?.file, event, relation });
    }
  }
  return out;
}

/**
 * Does the event name the object, under its old or new name? Events name an index with its table
 * (`users.ix_users_email`, `billing.accounts.ix`) and its new name alone; a DROP INDEX names it without the table.
 */
function names(event: SchemaEvent, kind: SchemaEvent['kind'], name: string): boolean {
  if (event.name === name || event.newName === name) return true;
  if (kind !== 'index') return false;
  const parts = event.name.split('.');
  const withoutTable = parts.length > 2 ? `${parts[0]}.${parts[parts.length - 1]}` : parts[parts.length - 1];
  const schema = parts.length > 2 ? `${parts[0]}.` : '';
  return withoutTable === name || (event.newName !== undefined && `${schema}${event.newName}` === name);
}
