// A revision's upgrade and then its downgrade, replayed on the schema before it: what the downgrade fails to undo is
// what differs from that schema. Objects the history never made but the migration names (a schema older than the
// migrations, a missing parent) are assumed to have existed, so they are judged too.
import type { MigrationFile } from '../types';
import { diffSchemas, type Difference } from './diff';
import type { Schema, SchemaEvent } from './model';
import type { ReplayResult } from './replay';
import { replayInto, type ReplayOptions } from './replay-migration';
import { ASSUMED_INDEXES, refusedCreations, WorkingSchema, type Rejection } from './working';

export interface RoundTrip {
  /** How the schema after the downgrade differs from the one before the upgrade. */
  differences: Difference[];
  upgradeEvents: SchemaEvent[];
  downgradeEvents: SchemaEvent[];
  /** Operations the model could not read (SQL built at run time, helper calls): they may have done anything. */
  upgradeUnknown: boolean;
  downgradeUnknown: boolean;
  /** Objects the upgrade creates although the history already has them, without IF NOT EXISTS (PostgreSQL refuses). */
  refused: ReadonlySet<string>;
  /** What PostgreSQL would reject in the downgrade, run on the schema the upgrade left. */
  downgradeRejected: Rejection[];
  /** Was the object assumed to exist (the history never made it), or does it live on a table that was? */
  wasAssumed(d: Pick<Difference, 'kind' | 'name'>): boolean;
}

/**
 * With `upgraded`, the upgrade's replay on `start` without assumptions: when it found every object it looked for,
 * assuming would change nothing, and only the downgrade is replayed.
 */
export function roundTrip(start: Schema, file: MigrationFile, options: ReplayOptions = {}, upgraded?: ReplayResult): RoundTrip {
  const reuse = upgraded !== undefined && upgraded.misses === 0;
  const w = reuse ? new WorkingSchema(upgraded.schema, true, { events: upgraded.events, start }) : new WorkingSchema(start, true);
  let upgradeEvents = reuse ? upgraded.events.length : 0;
  let upgradeUnknowns = reuse ? upgraded.unknowns : 0;
  let upgradeRejections = 0;
  if (reuse) w.unknowns = upgraded.unknowns;
  if (!reuse) {
    replayInto(w, file.upgrade, options);
    upgradeEvents = w.events.length;
    upgradeUnknowns = w.unknowns;
    upgradeRejections = w.rejected.length;
  }
  replayInto(w, file.downgrade, options);
  const assumed = new Set(diffSchemas(start, w.before).map((d) => `${d.kind} ${d.name}`));
  const onTable = (name: string): string => `table ${name.slice(0, name.lastIndexOf('.'))}`;
  return {
    refused: refusedCreations(reuse ? (upgraded.rejected ?? []) : w.rejected.slice(0, upgradeRejections)),
    wasAssumed: (d) =>
      assumed.has(`${d.kind} ${d.name}`) ||
      (['column', 'index', 'constraint', 'trigger'].includes(d.kind) && assumed.has(onTable(d.name))) ||
      (d.kind === 'index' && onTable(d.name).endsWith(ASSUMED_INDEXES)),
    differences: diffSchemas(w.before, w.schema),
    upgradeEvents: w.events.slice(0, upgradeEvents),
    downgradeEvents: w.events.slice(upgradeEvents),
    downgradeRejected: w.rejected.slice(upgradeRejections),
    upgradeUnknown: upgradeUnknowns > 0,
    downgradeUnknown: w.unknowns > upgradeUnknowns,
  };
}
