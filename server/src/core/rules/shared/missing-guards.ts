// The report the require-if-* rules share: the statements that lack IF [NOT] EXISTS, once each, with the fix.
import { guardFix, type Guard } from '../../fixes/guard';
import { factSites, type FactSite } from '../../migration/fact-sites';
import { migrationFunctions } from '../../migration/functions';
import { describeObject } from '../../sql/describe';
import { sameObject } from '../../symmetry';
import type { Fact, ObjectRef } from '../../types';
import type { RuleContext } from '../types';

/**
 * Reports every raw-SQL statement of upgrade() and downgrade() that `needsGuard` selects, once per statement
 * (DROP TABLE a, b has one guard for both objects), with the fix that inserts the guard.
 * Alembic's op.create_table & co. have no if_[not_]exists before Alembic 1.13: they are not reported.
 *
 * Not reported either, since a re-run cannot fail on them: a statement under a Python existence check
 * (`if not inspector.has_table(...)`), a TEMPORARY table, and a statement on an object the same function created,
 * dropped or renamed before it (a re-run stops at that earlier statement first, or the object is new): a DROP of
 * the type renamed to `_old` a line above, a CREATE INDEX or ADD COLUMN on a table created above.
 */
export function reportMissingGuards(
  { file, report }: RuleContext,
  guard: Guard,
  needsGuard: (fact: Fact, object: ObjectRef) => boolean,
  consequence: string,
): void {
  const seen = new Set<string>();
  for (const fn of migrationFunctions(file)) {
    const earlier: Earlier = new Map();
    for (const site of factSites(fn)) {
      const { fact } = site;
      const object = fact.object;
      const exempt = !object || site.op.existenceChecked || fact.temporary || touchedBefore(object, earlier);
      if (object) remember(site, object, earlier);
      if (exempt || site.op.kind !== 'sql' || fact.guardInsertAt === undefined || !needsGuard(fact, object)) continue;
      const key = `${site.op.range.start}:${fact.guardInsertAt}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const fix = guardFix(fact, site.op, guard);
      report({
        message: `${fact.statement} of ${describeObject(object)} without ${guard}: ${consequence}`,
        range: fact.range,
        fixes: fix ? [fix] : [],
      });
    }
  }
}

/** Objects met so far in a function, by kind and name (a long migration must not compare every pair). */
type Earlier = Map<string, ObjectRef[]>;

function keyOf(kind: ObjectRef['kind'], name: string): string {
  return `${kind}\0${name}`;
}

/** The object, or the table it belongs to, was created, dropped or renamed earlier in the function. */
function touchedBefore(object: ObjectRef, earlier: Earlier): boolean {
  if (earlier.get(keyOf(object.kind, object.name))?.some((e) => sameObject(e, object))) return true;
  if (object.kind === 'table' || object.table === undefined) return false;
  const table: ObjectRef = { kind: 'table', name: object.table };
  if (object.schema !== undefined) table.schema = object.schema;
  return earlier.get(keyOf('table', object.table))?.some((e) => sameObject(e, table)) ?? false;
}

/** What a later statement can no longer collide with: created, dropped, and both names of a rename. */
function remember({ fact }: FactSite, object: ObjectRef, earlier: Earlier): void {
  const add = (ref: ObjectRef): void => {
    const key = keyOf(ref.kind, ref.name);
    const list = earlier.get(key);
    if (list) list.push(ref);
    else earlier.set(key, [ref]);
  };
  if (fact.action === 'create' || fact.action === 'drop') add(object);
  else if (fact.action === 'rename') {
    add(object);
    if (fact.newName !== undefined) add({ ...object, name: fact.newName });
  }
}
