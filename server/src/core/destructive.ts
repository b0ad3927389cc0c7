// What running a downgrade destroys, in words for a confirmation dialog: "drop table orders", "DELETE FROM users";
// and what could not be analysed, so the dialog never says "nothing destructive" about code it cannot read.
import { factSites } from './migration/fact-sites';
import { unanalysedSql } from './migration/unanalysed-sql';
import { describeObject } from './sql/describe';
import type { MigrationFunction, ObjectKind } from './types';

export interface DestructiveAnalysis {
  /** Statements that lose data (a table, a column, rows), in order, deduplicated. */
  destructive: string[];
  /** Drops of what holds no data (an index, a constraint, a function, a view): listed, never called data loss. */
  dropsWithoutData: string[];
  /** What the analysis cannot judge, in words ("op.drop_table with a name known only at run time"): it may destroy data too. */
  unanalysed: string[];
}

/** Alembic calls that drop something: one whose names are not literals has no facts, and is not analysed. */
const DROP_CALL = /^drop_/;
/** op.* calls that run code or SQL the analysis does not see. */
const OPAQUE_CALLS = new Set(['invoke', 'run_async', 'execute_if']);
/** Drops that lose no data. */
const HARMLESS_DROPS = /_comment$/;
/**
 * What holds rows or values: dropping it loses data. A schema takes its tables along (CASCADE), and an object whose
 * kind is not known is counted in, rather than called harmless. An index, a constraint or a view is built again
 * from what stays.
 */
const HOLDS_DATA: ReadonlySet<ObjectKind> = new Set<ObjectKind>(['table', 'column', 'schema', 'other']);

export function analyseDestructive(fn: MigrationFunction | undefined): DestructiveAnalysis {
  const destructive = new Set<string>();
  const dropsWithoutData = new Set<string>();
  const unanalysed = new Set<string>();
  for (const { fact } of factSites(fn)) {
    if (fact.action === 'drop' && fact.object) (HOLDS_DATA.has(fact.object.kind) ? destructive : dropsWithoutData).add(`drop ${describeObject(fact.object)}`);
    else if (fact.statement === 'DELETE' || fact.statement === 'TRUNCATE') {
      const target = fact.object ? ` ${fact.object.name}` : '';
      destructive.add(fact.statement === 'DELETE' ? `DELETE FROM${target}` : `TRUNCATE${target}`);
    } else if (fact.statement === 'UPDATE') {
      // The values an UPDATE overwrites are gone: as lost as a dropped column's.
      destructive.add(`UPDATE${fact.object ? ` ${fact.object.name}` : ''} (overwrites the values it sets)`);
    } else if (fact.changesType && fact.object) {
      unanalysed.add(`type change of ${describeObject(fact.object)} (a narrower type may cut or lose values)`);
    }
  }
  for (const op of fn?.ops ?? []) {
    if (op.kind === 'sql') continue;
    if (op.kind === 'api') {
      if (DROP_CALL.test(op.name) && !HARMLESS_DROPS.test(op.name) && op.facts.length === 0) unanalysed.add(`op.${op.name} with a name known only at run time`);
      if (op.name === 'alter_column' && op.keywords['type_'] !== undefined) {
        const column = op.facts.find((f) => f.object)?.object;
        unanalysed.add(`type change of ${column ? describeObject(column) : 'a column'} (a narrower type may cut or lose values)`);
      }
    } else if ((DROP_CALL.test(op.name) && !HARMLESS_DROPS.test(op.name)) || OPAQUE_CALLS.has(op.name)) {
      unanalysed.add(`op.${op.name}(...)`);
    }
  }
  const { runTime: runtimeSql, unparsed, tooComplex } = unanalysedSql([fn]);
  if (runtimeSql > 0) unanalysed.add(`${runtimeSql} SQL statement${runtimeSql === 1 ? '' : 's'} built at run time`);
  if (unparsed > 0) unanalysed.add(`${unparsed} SQL string${unparsed === 1 ? '' : 's'} that do${unparsed === 1 ? 'es' : ''} not parse`);
  if (tooComplex > 0) unanalysed.add(`${tooComplex} SQL string${tooComplex === 1 ? '' : 's'} too complex to read (not checked)`);
  for (const callee of fn?.helperCalls ?? []) unanalysed.add(`${callee}(...), a call the analysis does not follow`);
  return { destructive: [...destructive], dropsWithoutData: [...dropsWithoutData], unanalysed: [...unanalysed] };
}
