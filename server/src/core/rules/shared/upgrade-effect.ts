// What an upgrade does to the schema, whatever the history before it: missing-downgrade asks for a downgrade only
// when it changes the schema, irreversible-data-migration looks at those that change data only.
import { factsOf } from '../../migration/fact-sites';
import { EMPTY_SCHEMA } from '../../schema/model';
import { replayInto } from '../../schema/replay-migration';
import { WorkingSchema } from '../../schema/working';
import type { MigrationFile, ObjectKind } from '../../types';

/** DDL the schema model does not hold, recognised from the statements. */
const UNMODELLED_DDL = new Set<ObjectKind>(['policy', 'rule', 'procedure']);

/**
 * 'schema': it creates, drops, renames or alters a schema object (an extension alone does not count: extensions are
 * shared and a downgrade leaves them); 'data': nothing but data, validation, comments, settings; 'unknown': SQL built
 * at run time or helper calls, which may do anything.
 */
export function upgradeEffect(file: MigrationFile): UpgradeEffect {
  // Both rules ask about the same parse: replayed once.
  let effect = effects.get(file);
  if (effect === undefined) effects.set(file, (effect = replayedEffect(file)));
  return effect;
}

type UpgradeEffect = 'schema' | 'data' | 'unknown';

const effects = new WeakMap<MigrationFile, UpgradeEffect>();

function replayedEffect(file: MigrationFile): UpgradeEffect {
  // Assume mode: an ALTER of a table the history never made still changes it.
  const w = new WorkingSchema(EMPTY_SCHEMA, true);
  replayInto(w, file.upgrade);
  if (w.events.some((e) => e.kind !== 'extension')) return 'schema';
  if (factsOf(file.upgrade).some((f) => f.object && UNMODELLED_DDL.has(f.object.kind) && f.action !== 'other')) return 'schema';
  return w.unknowns > 0 ? 'unknown' : 'data';
}
