// IF NOT EXISTS / IF EXISTS: the fix inserting the guard into the SQL string at the point the SQL layer found for it.
import { sqlOffsetToFile } from '../text';
import type { Fact, Fix, SqlOperation } from '../types';

export type Guard = 'IF NOT EXISTS' | 'IF EXISTS';

export function guardFix(fact: Fact, op: SqlOperation, guard: Guard): Fix | undefined {
  if (fact.guardInsertAt === undefined || !op.sql?.editable) return undefined;
  const at = sqlOffsetToFile(op.sql, fact.guardInsertAt);
  return { title: `Add ${guard}`, edits: [{ range: { start: at, end: at }, newText: `${guard} ` }] };
}
