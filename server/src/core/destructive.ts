// What running a downgrade destroys, in words for a confirmation dialog: "drop table orders", "DELETE FROM users".
import { factSites } from './migration/fact-sites';
import { describeObject } from './sql/describe';
import type { MigrationFunction } from './types';

/** Statements that lose data, in order, deduplicated. SQL we cannot read is counted, since it may destroy anything. */
export function destructiveStatements(fn: MigrationFunction | undefined): string[] {
  const out = new Set<string>();
  for (const { fact } of factSites(fn)) {
    if (fact.action === 'drop' && fact.object) out.add(`drop ${describeObject(fact.object)}`);
    else if (fact.statement === 'DELETE' || fact.statement === 'TRUNCATE') {
      const target = fact.object ? ` ${fact.object.name}` : '';
      out.add(fact.statement === 'DELETE' ? `DELETE FROM${target}` : `TRUNCATE${target}`);
    }
  }
  const unknown = fn?.ops.filter((op) => op.kind === 'sql' && op.sql === null).length ?? 0;
  if (unknown > 0) out.add(`${unknown} statement${unknown === 1 ? '' : 's'} built at run time (not checked)`);
  const unread = fn?.ops.filter((op) => op.kind === 'sql' && op.notChecked !== undefined).length ?? 0;
  if (unread > 0) out.add(`${unread} SQL string${unread === 1 ? '' : 's'} too complex to read (not checked)`);
  return [...out];
}
