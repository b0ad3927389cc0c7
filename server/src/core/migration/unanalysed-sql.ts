// SQL the analysis could not read: built at run time, too complex for the parser, or not parsing at all. Rules stay
// silent about it; the CLI's summary and the downgrade dialog count it, so nobody mistakes silence for a clean bill.
import type { MigrationFunction } from '../types';

export interface UnanalysedSql {
  /** `op.execute(f"...")`, `.format()`, a variable: the text is known only when the migration runs. */
  runTime: number;
  /** Past the parser's limits (sql-too-complex): not checked. */
  tooComplex: number;
  /** Does not parse (sql-syntax reports it). */
  unparsed: number;
}

export function unanalysedSql(functions: readonly (MigrationFunction | undefined)[]): UnanalysedSql {
  const counts: UnanalysedSql = { runTime: 0, tooComplex: 0, unparsed: 0 };
  for (const fn of functions) {
    for (const op of fn?.ops ?? []) {
      if (op.kind !== 'sql') continue;
      if (op.sql === null) counts.runTime++;
      else if (op.notChecked !== undefined) counts.tooComplex++;
      else if (op.syntaxError) counts.unparsed++;
    }
  }
  return counts;
}
