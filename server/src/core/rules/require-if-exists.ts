import { reportMissingGuards } from './shared/missing-guards';
import type { RuleDefinition } from './types';

export const requireIfExists: RuleDefinition = {
  meta: {
    id: 'require-if-exists',
    defaultSeverity: 'warning',
    summary: '`DROP` of any object, `DROP COLUMN` and `DROP CONSTRAINT` without `IF EXISTS`',
    // Not when the SQL comes from a variable: only a string written in the call is edited in place.
    fix: 'sometimes',
    scope: 'file',
  },
  check(context) {
    reportMissingGuards(context, 'IF EXISTS', (fact) => fact.action === 'drop' && !fact.ifExists, 'running it again fails once the object is gone');
  },
};
