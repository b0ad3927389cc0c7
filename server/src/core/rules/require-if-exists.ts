import { reportMissingGuards } from '../fixes/guard';
import type { RuleDefinition } from './types';

export const requireIfExists: RuleDefinition = {
  meta: {
    id: 'require-if-exists',
    defaultSeverity: 'warning',
    summary: 'DROP of any object, and DROP COLUMN / DROP CONSTRAINT, without IF EXISTS',
    fixable: true,
    scope: 'file',
  },
  check(context) {
    reportMissingGuards(context, 'IF EXISTS', (fact) => fact.action === 'drop' && !fact.ifExists, 'running it again fails once the object is gone');
  },
};
