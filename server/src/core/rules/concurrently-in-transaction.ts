import { factSites } from '../migration/fact-sites';
import { migrationFunctions } from '../migration/functions';
import type { RuleDefinition } from './types';

export const concurrentlyInTransaction: RuleDefinition = {
  meta: {
    id: 'concurrently-in-transaction',
    defaultSeverity: 'error',
    summary: '`CREATE / DROP INDEX CONCURRENTLY` and `REINDEX CONCURRENTLY` outside `autocommit_block()`',
    fix: 'never',
    scope: 'file',
  },
  check({ file, report }) {
    for (const fn of migrationFunctions(file)) {
      for (const { fact, op } of factSites(fn)) {
        if (!fact.concurrently || op.autocommit) continue;
        report({
          message:
            `${fact.statement} CONCURRENTLY cannot run inside a transaction block, and Alembic runs each migration in one: ` +
            'put it inside `with op.get_context().autocommit_block():`',
          range: fact.range,
        });
      }
    }
  },
};
