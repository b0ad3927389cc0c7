import { factSites } from '../facts';
import { guardFix } from '../fixes/guard';
import { describeObject } from '../sql/describe';
import type { ObjectKind } from '../types';
import type { Rule } from './types';

/** The CREATE forms a re-run trips over and PostgreSQL can guard with IF NOT EXISTS. */
const GUARDED_KINDS = new Set<ObjectKind>(['table', 'index', 'sequence', 'schema', 'extension', 'materialized view', 'column']);

export const requireIfNotExists: Rule = {
  meta: {
    id: 'require-if-not-exists',
    defaultSeverity: 'warning',
    summary: 'CREATE TABLE / INDEX / SEQUENCE / SCHEMA / EXTENSION / MATERIALIZED VIEW and ADD COLUMN without IF NOT EXISTS',
    fixable: true,
    scope: 'file',
  },
  check({ file, report }) {
    // DROP TABLE a, b has one guard for both objects: report the statement once.
    const seen = new Set<string>();
    for (const fn of [file.upgrade, file.downgrade]) {
      for (const site of factSites(fn)) {
        const { fact } = site;
        // Alembic's op.create_table & co. have no if_not_exists before Alembic 1.13: raw SQL only.
        if (site.op.kind !== 'sql' || fact.action !== 'create' || !fact.object) continue;
        if (!GUARDED_KINDS.has(fact.object.kind) || fact.ifNotExists || fact.orReplace || fact.guardInsertAt === undefined) continue;
        const key = `${site.op.range.start}:${fact.guardInsertAt}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const fix = guardFix(fact, site.op, 'IF NOT EXISTS');
        report({
          message: `${fact.statement} of ${describeObject(fact.object)} without IF NOT EXISTS: running the migration again fails because it already exists`,
          range: fact.range,
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
};
