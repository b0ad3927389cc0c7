// The schema model as the rules of scope 'schema' see one file: the schema before its revision, its upgrade as the
// history replays it, the round trip of its upgrade and downgrade, and what the rest of the history does to an
// object, each computed on first use.
import { ancestorsOf, completeHistories } from '../graph/ancestry';
import { revisionInGraph } from '../graph/build';
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
  /** SchemaHistory.version when `revisions` was computed: an unchanged version spares checking every snapshot. */
  version?: number,
): SchemaContext | undefined {
  const id = revisionInGraph(graph, file);
  const revision = id === undefined ? undefined : revisions.get(id);
  if (id === undefined || !revision) return undefined;
  let trip: RoundTrip | undefined;
  let upgraded: ReplayResult | undefined;
  let ancestors: Set<string> | undefined;
  let index: HistoryIndex | undefined;
  // The snapshot's upgrade is this file's own only when the graph's file is this very parse.
  const own = revision.file === file ? revision : undefined;
  return {
    before: revision.start,
    upgrade: () => (upgraded ??= own ?? replayFunction(revision.start, file.upgrade, options)),
    roundTrip: () => (trip ??= roundTrip(revision.start, file, options, own)),
    historyOf: (kind, name) => {
      index ??= historyIndex(revisions, version);
      return historyOf(index, graph, id, () => (ancestors ??= ancestorsOf(graph, [id])), kind, name);
    },
    historyComplete: () => completeHistories(graph).has(id),
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

/**
 * What every upgrade of the history does to one object (by name, old or new), in history order. The ancestors are
 * asked for only when there is something to place (most objects asked about were never touched).
 */
function historyOf(
  index: HistoryIndex,
  graph: RevisionGraph,
  self: string,
  ancestorsOfSelf: () => ReadonlySet<string>,
  kind: SchemaEvent['kind'],
  name: string,
): HistoryEvent[] {
  return (index.byName.get(`${kind} ${name}`) ?? []).map(({ revision, snapshot, event }) => {
    const relation = revision === self ? 'self' : ancestorsOfSelf().has(revision) ? 'ancestor' : 'other';
    return { revision, file: snapshot.file?.path ?? graph.nodes.get(revision)?.file, event, relation };
  });
}

/**
 * The history's events by `kind name` (a rename's also under its new name), in history order. A rule may ask about
 * an object for every revision (a foreign key to a table older than the migrations in each): a lookup must not
 * walk every event of the history.
 */
interface HistoryIndex {
  /** The snapshots it was built from, in order: the history updates its map in place, so they are compared. */
  snapshots: RevisionSchema[];
  ids: string[];
  /** The history's version it was last checked against. */
  version: number | undefined;
  byName: Map<string, IndexEntry[]>;
}

interface IndexEntry {
  revision: string;
  snapshot: RevisionSchema;
  event: SchemaEvent;
  /** The revision's place in the history: lists stay in that order when a revision's entries are replaced. */
  position: number;
}

const indexes = new WeakMap<ReadonlyMap<string, RevisionSchema>, HistoryIndex>();

/** At most this many revisions replayed again since the last lookup are patched in; more, and the index is rebuilt. */
const PATCH_LIMIT = 64;

/**
 * The index of the history's current snapshots. A keystroke replays the edited revision (and later its
 * descendants): those few are patched in place of their old entries rather than the whole history indexed again.
 */
function historyIndex(revisions: ReadonlyMap<string, RevisionSchema>, version: number | undefined): HistoryIndex {
  const cached = indexes.get(revisions);
  if (cached && version !== undefined && cached.version === version) return cached;
  if (cached && cached.snapshots.length === revisions.size) {
    const changed: number[] = [];
    let i = 0;
    let sameIds = true;
    for (const [id, snapshot] of revisions) {
      if (id !== cached.ids[i]) sameIds = false;
      else if (snapshot !== cached.snapshots[i]) changed.push(i);
      i++;
    }
    if (sameIds && changed.length <= PATCH_LIMIT) {
      const snapshots = [...revisions.values()];
      for (const position of changed) replaceEntries(cached, position, snapshots[position]!);
      cached.version = version;
      return cached;
    }
  }
  const index: HistoryIndex = { snapshots: [...revisions.values()], ids: [...revisions.keys()], version, byName: new Map() };
  index.snapshots.forEach((snapshot, position) => addEntries(index, position, snapshot));
  indexes.set(revisions, index);
  return index;
}

function addEntries(index: HistoryIndex, position: number, snapshot: RevisionSchema): void {
  const revision = index.ids[position]!;
  for (const event of snapshot.events) {
    for (const name of namesOf(event)) {
      const key = `${event.kind} ${name}`;
      const entry = { revision, snapshot, event, position };
      const list = index.byName.get(key);
      if (list) list.push(entry);
      else index.byName.set(key, [entry]);
    }
  }
}

function replaceEntries(index: HistoryIndex, position: number, snapshot: RevisionSchema): void {
  const touched = new Set<string>();
  for (const snapshotOf of [index.snapshots[position]!, snapshot]) for (const event of snapshotOf.events) for (const name of namesOf(event)) touched.add(`${event.kind} ${name}`);
  for (const key of touched) {
    const kept = (index.byName.get(key) ?? []).filter((e) => e.position !== position);
    if (kept.length > 0) index.byName.set(key, kept);
    else index.byName.delete(key);
  }
  index.snapshots[position] = snapshot;
  addEntries(index, position, snapshot);
  // Stable: a revision's own entries keep the order of its events.
  for (const key of touched) index.byName.get(key)?.sort((a, b) => a.position - b.position);
}

/**
 * The names an event is found by: its object's, and a rename's new one. Events name an index with its table
 * (`users.ix_users_email`, `billing.accounts.ix`) and its new name alone; a DROP INDEX names it without the table
 * (`ix_users_email`, `billing.ix`): indexes are found by both.
 */
function namesOf(event: SchemaEvent): string[] {
  const names = new Set([event.name]);
  if (event.kind === 'index') {
    const parts = event.name.split('.');
    const schema = parts.length > 2 ? `${parts[0]}.` : '';
    names.add(`${schema}${parts[parts.length - 1]}`);
    if (event.newName !== undefined) names.add(`${schema}${event.newName}`);
  }
  if (event.newName !== undefined) names.add(event.newName);
  return [...names];
}
