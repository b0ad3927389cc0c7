// The report the require-if-* rules share: the statements that lack IF [NOT] EXISTS, once each, with the fix.
import { guardFix, type Guard } from '../../fixes/guard';
import { factSites } from '../../migration/fact-sites';
import { migrationFunctions } from '../../migration/functions';
import { describeObject } from '../../sql/describe';
import type { Fact, ObjectRef } from '../../types';
import type { RuleContext } from '../types';

/**
 * Reports every raw-SQL statement of upgrade() and downgrade() that `needsGuard` selects, once per statement
 * (DROP TABLE a, b has one guard for both objects), with the fix that inserts the guard.
 * Alembic's op.create_table & co. have no if_[not_]exists before Alembic 1.13: they are not reported.
 */
export function reportMissingGuards(
  { file, report }: RuleContext,
  guard: Guard,
  needsGuard: (fact: Fact, object: ObjectRef) => boolean,
  consequence: string,
): void {
  const seen = new Set<string>();
  for (const fn of migrationFunctions(file)) {
    for (const site of factSites(fn)) {
      const { fact } = site;
      const object = fact.object;
      if (site.op.kind !== 'sql' || !object || fact.guardInsertAt === undefined || !needsGuard(fact, object)) continue;
      const key = `${site.op.range.start}:${fact.guardInsertAt}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const fix = guardFix(fact, site.op, guard);
      report({
        message: `${fact.statement} of ${describeObject(object)} without ${guard}: ${consequence}`,
        range: fact.range,
        fixes: fix ? [fix] : [],
      });
    }
  }
}
