// Walks the facts of a migration function together with where they came from, so rules stay a few lines.
import type { ApiOperation, Fact, MigrationFunction, SqlOperation, SqlStatement } from '../types';

export type FactSite =
  | { fact: Fact; op: SqlOperation; statement: SqlStatement }
  | { fact: Fact; op: ApiOperation; statement?: undefined };

/** A parse is never changed once made: its sites are listed once, for the several rules that walk them. */
const sitesOf = new WeakMap<MigrationFunction, readonly FactSite[]>();

export function factSites(fn: MigrationFunction | undefined): readonly FactSite[] {
  if (!fn) return [];
  let sites = sitesOf.get(fn);
  if (!sites) {
    const list: FactSite[] = [];
    for (const op of fn.ops) {
      if (op.kind === 'sql') {
        for (const statement of op.statements) for (const fact of statement.facts) list.push({ fact, op, statement });
      } else if (op.kind === 'api') {
        for (const fact of op.facts) list.push({ fact, op });
      }
    }
    sitesOf.set(fn, (sites = list));
  }
  return sites;
}

export function factsOf(fn: MigrationFunction | undefined): Fact[] {
  return factSites(fn).map((site) => site.fact);
}

/** op.* calls that only read context or build values: they change nothing by themselves. */
const INERT_OPS = new Set(['get_bind', 'get_context', 'f', 'inline_literal', 'batch_alter_table', 'implementation_for', 'invoke']);

/** The function contains operations whose effect we cannot know (SQL built at run time, extension ops, API calls with computed names). */
export function hasUnknownEffects(fn: MigrationFunction | undefined): boolean {
  if (!fn) return false;
  return fn.ops.some(
    (op) =>
      (op.kind === 'sql' && (op.sql === null || op.syntaxError !== undefined || op.notChecked !== undefined)) ||
      (op.kind === 'other' && !INERT_OPS.has(op.name.replace(/^.*\./, ''))) ||
      (op.kind === 'api' && op.facts.length === 0),
  );
}
