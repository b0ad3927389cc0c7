import { generatedDowngradeFix } from '../fixes/downgrade';
import { upgradeEffect } from './shared/upgrade-effect';
import type { RuleDefinition } from './types';

export const missingDowngrade: RuleDefinition = {
  meta: {
    id: 'missing-downgrade',
    defaultSeverity: 'warning',
    summary: 'An upgrade that changes the schema with no `downgrade()`, or one that is empty, `pass`, `...` or only raises',
    // Not when nothing the upgrade does can be inverted (data changes only): a downgrade of TODOs fixes nothing.
    fix: 'sometimes',
    // The fix looks in ancestor revisions for the definition of what the upgrade drops.
    scope: 'graph',
  },
  check({ file, graph, report }) {
    const up = file.upgrade;
    const down = file.downgrade;
    // Merge revisions and no-op revisions have nothing to undo.
    if (!file.isMigration || !up || up.bodyKind !== 'statements') return;
    if (down && down.bodyKind === 'statements') return;
    // Data only, validation, an extension, or nothing that runs on PostgreSQL (another dialect's branch, an early
    // return): no schema to restore (irreversible-data-migration reports data migrations, when enabled).
    if (upgradeEffect(file) === 'data') return;
    const fix = generatedDowngradeFix(file, graph);
    const fixes = fix ? [fix] : [];
    if (!down) {
      report({ message: 'No downgrade(): this migration cannot be reverted', range: up.nameRange, fixes });
    } else if (down.bodyKind === 'raises') {
      report({
        message:
          'downgrade() only raises: this migration cannot be reverted. If that is your policy for this revision, suppress the finding here (# alembic-lint: ignore[missing-downgrade]) or set the rule\'s severity for the project',
        range: down.nameRange,
        fixes,
      });
    } else if (down.engines) {
      const names = down.engines.length > 0 ? down.engines.map((e) => `${e}()`).join(', ') : 'no downgrade_<engine>() function';
      report({ message: `downgrade() dispatches to ${names}, and they are empty: reverting this migration leaves its changes in place`, range: down.nameRange, fixes });
    } else {
      report({ message: 'downgrade() is empty: reverting this migration leaves its changes in place', range: down.nameRange, fixes });
    }
  },
};
