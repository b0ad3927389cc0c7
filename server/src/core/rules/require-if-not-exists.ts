import { reportMissingGuards } from './shared/missing-guards';
import type { ObjectKind } from '../types';
import type { RuleDefinition } from './types';

/** The CREATE forms a re-run trips over and PostgreSQL can guard with IF NOT EXISTS. */
const GUARDED_KINDS = new Set<ObjectKind>(['table', 'index', 'sequence', 'schema', 'extension', 'materialized view', 'column', 'statistics']);
/** Not a CREATE, but fails the same way on a re-run and takes the same guard (PostgreSQL 9.3+). */
const ADD_VALUE = 'ALTER TYPE ... ADD VALUE';

export const requireIfNotExists: RuleDefinition = {
  meta: {
    id: 'require-if-not-exists',
    defaultSeverity: 'warning',
    summary: '`CREATE TABLE / INDEX / SEQUENCE / SCHEMA / EXTENSION / MATERIALIZED VIEW / STATISTICS`, `ADD COLUMN` and `ALTER TYPE ... ADD VALUE` without `IF NOT EXISTS`',
    // Not when the SQL comes from a variable: only a string written in the call is edited in place.
    fix: 'sometimes',
    scope: 'file',
  },
  check(context) {
    reportMissingGuards(
      context,
      'IF NOT EXISTS',
      (fact, object) =>
        ((fact.action === 'create' && GUARDED_KINDS.has(object.kind)) || fact.statement === ADD_VALUE) && !fact.ifNotExists && !fact.orReplace,
      'running the migration again fails because it already exists',
    );
  },
};
