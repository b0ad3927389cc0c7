import { upgradeEffect } from './shared/upgrade-effect';
import type { Operation } from '../types';
import type { RuleDefinition } from './types';

/** A statement that writes rows: UPDATE, INSERT, DELETE, TRUNCATE, MERGE, or op.bulk_insert. */
function changesRows(op: Operation): boolean {
  if (op.kind === 'sql') return op.statements.some((s) => /^(UPDATE|INSERT|DELETE|TRUNCATE|MERGE)\b/.test(s.facts[0]?.statement ?? ''));
  return op.kind === 'other' && /bulk_insert$/.test(op.name);
}

export const irreversibleDataMigration: RuleDefinition = {
  meta: {
    id: 'irreversible-data-migration',
    defaultSeverity: 'info',
    enabledByDefault: false,
    summary: 'An upgrade that changes only data (UPDATE, INSERT, DELETE) with an empty or missing `downgrade()`',
    fix: 'never',
    scope: 'file',
  },
  check({ file, report }) {
    const up = file.upgrade;
    const down = file.downgrade;
    if (!file.isMigration || !up || up.bodyKind !== 'statements' || (down && down.bodyKind === 'statements')) return;
    if (!up.ops.some(changesRows) || upgradeEffect(file) !== 'data') return;
    const where = down ? down.nameRange : up.nameRange;
    report({
      message: `The upgrade changes data only and ${down ? 'downgrade() does not restore it' : 'there is no downgrade()'}: reverting this revision keeps the changed rows as they are`,
      range: where,
    });
  },
};
