// What a downgrade owes its upgrade: the net schema effect of the upgrade, as obligations the downgrade
// must meet (drop what was created, recreate what was dropped, rename back what was renamed).
import { factSites, type FactSite } from './migration/fact-sites';
import type { Fact, MigrationFunction, ObjectKind, ObjectRef } from './types';

/** Objects whose creation a downgrade must undo. Extensions and schemas are shared by other objects: not required. */
const CHECKED_KINDS = new Set<ObjectKind>([
  'table', 'column', 'index', 'constraint', 'type', 'function', 'procedure', 'trigger', 'view', 'materialized view',
  'sequence', 'policy', 'rule', 'statistics',
]);

/** Objects that live on a table and go away with it. */
const TABLE_BOUND_KINDS = new Set<ObjectKind>(['column', 'index', 'constraint', 'trigger', 'policy', 'rule']);

export type Obligation =
  | { need: 'drop'; object: ObjectRef; site: FactSite; /** CREATE OR REPLACE: restoring the old definition also meets it. */ orReplace: boolean }
  | { need: 'recreate'; object: ObjectRef; site: FactSite }
  | { need: 'rename-back'; object: ObjectRef; from: string; site: FactSite };

export function sameObject(a: ObjectRef, b: ObjectRef): boolean {
  if (a.kind !== b.kind || a.name !== b.name) return false;
  if (a.schema !== undefined && b.schema !== undefined && a.schema !== b.schema) return false;
  if (a.table !== undefined && b.table !== undefined && a.table !== b.table) return false;
  return true;
}

function isTableOf(table: ObjectRef, object: ObjectRef): boolean {
  return table.kind === 'table' && TABLE_BOUND_KINDS.has(object.kind) && object.table === table.name;
}

/** The upgrade's net effect, in upgrade order. Objects created and dropped again inside the upgrade cancel out. */
export function obligationsOf(upgrade: MigrationFunction | undefined): Obligation[] {
  const obligations: Obligation[] = [];
  for (const site of factSites(upgrade)) {
    const { fact } = site;
    const object = fact.object;
    if (!object || !object.name || !CHECKED_KINDS.has(object.kind)) continue;
    if (fact.action === 'create') {
      const dropped = obligations.findIndex((o) => o.need === 'recreate' && sameObject(o.object, object));
      // DROP then CREATE of the same object redefines it: the downgrade's duty is the old definition, which we cannot check.
      if (dropped >= 0) obligations.splice(dropped, 1);
      else obligations.push({ need: 'drop', object, site, orReplace: fact.orReplace });
    } else if (fact.action === 'drop') {
      const created = obligations.findIndex((o) => o.need === 'drop' && (sameObject(o.object, object) || isTableOf(object, o.object)));
      if (created >= 0) {
        // Temporary objects (created, then dropped) leave nothing to undo; a dropped table takes its columns and indexes along.
        for (let i = obligations.length - 1; i >= 0; i--) {
          const o = obligations[i]!;
          if (o.need === 'drop' && (sameObject(o.object, object) || isTableOf(object, o.object))) obligations.splice(i, 1);
        }
      } else {
        obligations.push({ need: 'recreate', object, site });
      }
    } else if (fact.action === 'rename' && fact.newName) {
      const created = obligations.find((o) => o.need === 'drop' && sameObject(o.object, object));
      if (created) created.object = { ...created.object, name: fact.newName };
      else obligations.push({ need: 'rename-back', object: { ...object, name: fact.newName }, from: object.name, site });
    }
  }
  return obligations;
}

/** True when the downgrade's facts meet the obligation. */
export function isMet(obligation: Obligation, downgrade: readonly Fact[]): boolean {
  const { object } = obligation;
  switch (obligation.need) {
    case 'drop':
      return downgrade.some(
        (f) =>
          f.object !== undefined &&
          ((f.action === 'drop' && (sameObject(f.object, object) || isTableOf(f.object, object))) ||
            (obligation.orReplace && f.action === 'create' && sameObject(f.object, object))),
      );
    case 'recreate':
      return downgrade.some(
        (f) => f.action === 'create' && f.object !== undefined && (sameObject(f.object, object) || isTableOf(f.object, object)),
      );
    case 'rename-back':
      return downgrade.some(
        (f) => f.action === 'rename' && f.object !== undefined && sameObject(f.object, object) && f.newName === obligation.from,
      );
  }
}
