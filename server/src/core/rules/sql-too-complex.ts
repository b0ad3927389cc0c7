import { migrationFunctions } from '../migration/functions';
import type { RuleDefinition } from './types';

/**
 * SQL the checker did not parse (nested too deeply or too large for PostgreSQL's parser to run safely here, or the
 * parser failed on it). Not an error: the SQL may well be right; the user learns that it was not checked.
 */
export const sqlTooComplex: RuleDefinition = {
  meta: {
    id: 'sql-too-complex',
    defaultSeverity: 'info',
    summary: 'SQL too deeply nested or too large for the checker to parse: it is not checked, and not reported as wrong',
    fix: 'never',
    scope: 'file',
  },
  check({ file, report }) {
    for (const fn of migrationFunctions(file)) {
      for (const op of fn.ops) {
        if (op.kind === 'sql' && op.notChecked) report({ message: op.notChecked.message, range: op.notChecked.range });
      }
    }
  },
};
