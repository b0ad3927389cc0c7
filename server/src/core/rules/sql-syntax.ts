import { migrationFunctions } from '../migration/functions';
import type { RuleDefinition } from './types';

export const sqlSyntax: RuleDefinition = {
  meta: {
    id: 'sql-syntax',
    defaultSeverity: 'error',
    summary: 'SQL in `op.execute` / `conn.execute` that PostgreSQL cannot parse, underlined at the exact character',
    fix: 'never',
    scope: 'file',
  },
  check({ file, report }) {
    for (const fn of migrationFunctions(file)) {
      for (const op of fn.ops) {
        if (op.kind !== 'sql' || !op.syntaxError) continue;
        report({ message: `SQL syntax error: ${op.syntaxError.message}`, range: op.syntaxError.range });
      }
    }
  },
};
