// The schema model as the rules of scope 'schema' see one file: the schema before its revision, and the round trip
// of its upgrade and downgrade, computed on first use.
import type { RevisionGraph } from '../graph/types';
import type { SchemaContext } from '../rules/types';
import type { MigrationFile } from '../types';
import type { RevisionSchema } from './history';
import type { ReplayOptions } from './replay-migration';
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
  // The snapshot's upgrade is this file's own only when the graph's file is this very parse.
  const upgraded = revision.file === file ? revision : undefined;
  return { before: revision.start, roundTrip: () => (trip ??= roundTrip(revision.start, file, options, upgraded)) };
}
