import { factSites } from '../facts';
import { guardFix } from '../fixes/guard';
import { describeObject } from '../sql/describe';
import type { Rule } from './types';

export const requireIfExists: Rule = {
  meta: {
    id: 'require-if-exists',
    defaultSeverity: 'warning',
    summary: 'DROP of any object, and DROP COLUMN / DROP CONSTRAINT, without IF EXISTS',
    fixable: true,
    scope: 'file',
  },
  check({ file, report }) {
    // DROP TABLE a, b has one guard for both objects: report the statement once.
    const seen = new Set<string>();
    for (const fn of [file.upgrade, file.downgrade]) {
      for (const site of factSites(fn)) {
        const { fact } = site;
        // Alembic's op.drop_* have no if_exists before Alembic 1.13: raw SQL only.
        if (site.op.kind !== 'sql' || fact.action !== 'drop' || !fact.object) continue;
        if (fact.ifExists || fact.guardInsertAt === undefined) continue;
        const key = `${site.op.range.start}:${fact.guardInsertAt}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const fix = guardFix(fact, site.op, 'IF EXISTS');
        report({
          message: `${fact.statement} of ${describeObject(fact.object)} without IF EXISTS: running it again fails once the object is gone`,
          range: fact.range,
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
};
