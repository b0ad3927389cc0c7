import { factsOf, hasUnknownEffects } from '../migration/fact-sites';
import type { Difference } from '../schema/diff';
import type { SchemaEvent } from '../schema/model';
import type { RoundTrip } from '../schema/round-trip';
import { ASSUMED_INDEXES, conventionAlias } from '../schema/working';
import { describeObject } from '../sql/describe';
import { isMet, obligationsOf } from '../symmetry';
import type { ObjectKind, Range } from '../types';
import type { RuleDefinition, RuleReport } from './types';

/** What the schema model does not hold: judged statement by statement, as before the model. */
const UNMODELLED = new Set<ObjectKind>(['policy', 'rule', 'procedure']);

export const downgradeNotSymmetric: RuleDefinition = {
  meta: {
    id: 'downgrade-not-symmetric',
    defaultSeverity: 'warning',
    summary: 'The downgrade does not bring the schema back to what it was before the upgrade: something left behind, missing or changed',
    fix: 'never',
    scope: 'schema',
  },
  check({ file, schema, report }) {
    const down = file.downgrade;
    // An empty or missing downgrade is missing-downgrade's finding; SQL we cannot read might undo anything.
    if (!file.upgrade || !down || down.bodyKind !== 'statements' || hasUnknownEffects(down) || !schema) return;
    const trip = schema.roundTrip();
    if (trip.downgradeUnknown) return;
    for (const finding of judge(trip, down.nameRange)) report(finding);
    const downFacts = factsOf(down);
    for (const o of obligationsOf(file.upgrade)) {
      if (!UNMODELLED.has(o.object.kind) || isMet(o, downFacts)) continue;
      const what = describeObject(o.object);
      const message =
        o.need === 'drop'
          ? `The upgrade creates ${what} but the downgrade does not drop it`
          : o.need === 'recreate'
            ? `The upgrade drops ${what} but the downgrade does not recreate it`
            : `The upgrade renames ${describeObject({ ...o.object, name: o.from })} to "${o.object.name}" but the downgrade does not rename it back`;
      report({ message, range: o.site.fact.range });
    }
  },
};

/** One finding per difference, at the statement that made it; a rename or a recreation under another name pairs two. */
function judge(trip: RoundTrip, downgradeName: Range): RuleReport[] {
  const out: RuleReport[] = [];
  const { differences, upgradeEvents, downgradeEvents } = trip;
  const leftovers = differences.filter((d) => d.change === 'leftover');
  const paired = new Set<Difference>();
  // One constraint under the name it was given and the one the common convention makes of it (`valid_title`,
  // `ck_menu_entries_valid_title`): the project's convention, which the model may not know, names both alike.
  for (const d of differences.filter((x) => x.change === 'missing' && x.kind === 'constraint')) {
    const alias = leftovers.find((l) => l.kind === d.kind && tableOf(l.name) === tableOf(d.name) && conventionAlias(lastPart(l.name, d.kind), lastPart(d.name, d.kind), lastPart(tableOf(d.name), 'column')));
    if (alias) paired.add(alias).add(d);
  }
  // The upgrade creates an object the history already has, without IF NOT EXISTS: PostgreSQL would refuse it, so
  // the history and this migration disagree about that object, and what the downgrade leaves of it is not known.
  const refused = (d: Difference): boolean => trip.refused.has(`${d.kind} ${d.name}`) || (ON_TABLE.has(d.kind) && trip.refused.has(`table ${tableOf(d.name)}`));
  for (const d of differences.filter((x) => x.change === 'missing' && !paired.has(x) && !refused(x))) {
    const site = lastEvent(upgradeEvents, (e) => (e.action === 'drop' || e.action === 'rename') && e.name === eventName(d, e));
    if (site?.action === 'rename') {
      const renamed = renamedTo(site);
      for (const l of leftovers) if (l.kind === d.kind && l.name === renamed) paired.add(l);
      out.push({ message: `The upgrade renames ${describe(d)} to "${lastPart(renamed, d.kind)}" but the downgrade does not rename it back`, range: site.range });
    } else if (site) {
      const recreated = leftovers.find((l) => !paired.has(l) && sameShape(l, d) && madeBy(downgradeEvents, l));
      if (recreated) {
        paired.add(recreated);
        out.push({ message: `The upgrade drops ${describe(d)}; the downgrade recreates it under another name, "${lastPart(recreated.name, d.kind)}"`, range: site.range });
      } else {
        const along = site.cascade ? ' (along with what it depended on)' : '';
        out.push({ message: `The upgrade drops ${describe(d)}${along} but the downgrade does not recreate it`, range: site.range });
      }
    } else if (!trip.upgradeUnknown && !trip.wasAssumed(d)) {
      // Only what the history itself made: an object it never heard of may have come from elsewhere.
      const dropped = lastEvent(downgradeEvents, (e) => (e.action === 'drop' || e.action === 'rename') && e.name === eventName(d, e));
      out.push({
        message: `After the downgrade ${describe(d)} is gone, but it existed before the upgrade`,
        range: dropped?.range ?? downgradeName,
      });
    }
  }
  for (const d of leftovers) {
    // The downgrade creates it itself (CREATE OR REPLACE of the old definition, or recreating what the history does
    // not know): it means it to exist. Only what the upgrade made and the downgrade leaves is reported.
    if (paired.has(d) || madeBy(downgradeEvents, d)) continue;
    const site = lastEvent(upgradeEvents, (e) => (e.action === 'create' && e.name === eventName(d, e)) || (e.action === 'rename' && renamedTo(e) === d.name));
    if (site) out.push({ message: `The upgrade creates ${describe(d)} but the downgrade does not drop it`, range: site.range });
  }
  for (const d of differences.filter((x) => x.change === 'changed')) {
    const touches = (e: SchemaEvent): boolean => e.kind === d.kind && (e.name === d.name || renamedTo(e) === d.name);
    // A column: the statement that set what differs (its type rather than its NOT NULL).
    const setsIt = (e: SchemaEvent): boolean => touches(e) && (d.aspects === undefined || e.aspects === undefined || e.aspects.some((a) => d.aspects!.includes(a)));
    const site = lastEvent(upgradeEvents, setsIt) ?? lastEvent(upgradeEvents, touches) ?? lastEvent(downgradeEvents, touches);
    out.push({ message: `The downgrade does not restore ${describe(d)}: ${d.detail}`, range: site?.range ?? downgradeName });
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

function lastEvent(events: readonly SchemaEvent[], match: (e: SchemaEvent) => boolean): SchemaEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (match(events[i]!)) return events[i];
  return undefined;
}

/** The name `d` has in the event's terms (functions are named with their arguments there); no name for another kind. */
function eventName(d: Difference, e: SchemaEvent): string {
  if (e.kind !== d.kind) return '\u0000';
  return d.kind === 'function' && e.name.startsWith(`${d.name}(`) ? e.name : d.name;
}

const ON_TABLE = new Set<SchemaEvent['kind']>(['column', 'index', 'constraint', 'trigger']);

/** A rename event's new name, as differences name objects (`table.column` for what lives on a table). */
function renamedTo(e: SchemaEvent): string | undefined {
  if (e.action !== 'rename' || e.newName === undefined) return undefined;
  return ON_TABLE.has(e.kind) ? `${e.name.slice(0, e.name.lastIndexOf('.'))}.${e.newName}` : e.newName;
}

function madeBy(events: readonly SchemaEvent[], d: Difference): boolean {
  return events.some((e) => e.kind === d.kind && ((e.action === 'create' && e.name === eventName(d, e)) || renamedTo(e) === d.name));
}

/** Two objects of one kind, on one table, with the same known definition. */
function sameShape(a: Difference, b: Difference): boolean {
  if (a.kind !== b.kind || a.definition === undefined || a.definition !== b.definition) return false;
  return !ON_TABLE.has(a.kind) || tableOf(a.name) === tableOf(b.name);
}

function tableOf(name: string): string {
  return name.slice(0, name.lastIndexOf('.'));
}

function lastPart(name: string | undefined, kind: SchemaEvent['kind']): string {
  if (name === undefined) return '?';
  return ON_TABLE.has(kind) ? name.slice(name.lastIndexOf('.') + 1) : name;
}

function describe(d: Difference): string {
  if (!ON_TABLE.has(d.kind)) return `${d.kind} ${d.name}`;
  const table = tableOf(d.name);
  const name = lastPart(d.name, d.kind);
  switch (d.kind) {
    case 'column':
      return `column ${d.name}`;
    case 'index':
      return table === ASSUMED_INDEXES || table.endsWith(`.${ASSUMED_INDEXES}`) ? `index ${name}` : `index ${name} on ${table}`;
    default:
      return `${d.kind} ${name} on ${table}`;
  }
}
