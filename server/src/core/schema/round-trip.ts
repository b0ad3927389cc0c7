// A revision's upgrade and then its downgrade, replayed on the schema before it: what the downgrade fails to undo is
// what differs from that schema. Objects the history never made but the migration names (a schema older than the
// migrations, a missing parent) are assumed to have existed, so they are judged too.
import type { MigrationFile } from '../types';
import { diffSchemas, type Difference } from './diff';
import type { Schema, SchemaEvent } from './model';
import { replayInto, type ReplayOptions } from './replay-migration';
import { ASSUMED_INDEXES, WorkingSchema } from './working';

export interface RoundTrip {
  /** How the schema after the downgrade differs from the one before the upgrade. */
  differences: Difference[];
  upgradeEvents: SchemaEvent[];
  downgradeEvents: SchemaEvent[];
  /** Operations the model could not read (SQL built at run time, helper calls): they may have done anything. */
  upgradeUnknown: boolean;
  downgradeUnknown: boolean;
  /** Was the object assumed to exist (the history never made it), or does it live on a table that was? */
  wasAssumed(d: Pick<Difference, 'kind' | 'name'>): boolean;
}

export function roundTrip(start: Schema, file: MigrationFile, options: ReplayOptions = {}): RoundTrip {
  const w = new WorkingSchema(start, true);
  replayInto(w, file, file.upgrade, options);
  const upgradeEvents = w.events.length;
  const upgradeUnknowns = w.unknowns;
  replayInto(w, file, file.downgrade, options);
  const assumed = new Set(diffSchemas(start, w.before, start).map((d) => `${d.kind} ${d.name}`));
  const onTable = (name: string): string => `table ${name.slice(0, name.lastIndexOf('.'))}`;
  return {
    wasAssumed: (d) =>
      assumed.has(`${d.kind} ${d.name}`) ||
      (['column', 'index', 'constraint', 'trigger'].includes(d.kind) && assumed.has(onTable(d.name))) ||
      (d.kind === 'index' && onTable(d.name).endsWith(ASSUMED_INDEXES)),
    differences: diffSchemas(w.before, w.schema, start),
    upgradeEvents: w.events.slice(0, upgradeEvents),
    downgradeEvents: w.events.slice(upgradeEvents),
    upgradeUnknown: upgradeUnknowns > 0,
    downgradeUnknown: w.unknowns > upgradeUnknowns,
  };
}
