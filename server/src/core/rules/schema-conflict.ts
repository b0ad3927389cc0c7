import { guardFix } from '../fixes/guard';
import { factSites, type FactSite } from '../migration/fact-sites';
import type { SchemaEvent } from '../schema/model';
import type { Rejection } from '../schema/working';
import type { MigrationFunction, Range } from '../types';
import type { HistoryEvent, RuleDefinition, RuleReport, SchemaContext } from './types';

export const schemaConflict: RuleDefinition = {
  meta: {
    id: 'schema-conflict',
    defaultSeverity: 'error',
    summary: 'A statement PostgreSQL will reject on the schema the history has built: it creates what already exists, or changes what the history removed',
    fix: 'sometimes',
    scope: 'schema',
  },
  check({ file, schema, report }) {
    if (!schema) return;
    const up = file.upgrade;
    if (up) for (const finding of judge(schema, up, schema.upgrade().rejected ?? [], 'upgrade')) report(finding);
    const down = file.downgrade;
    // The downgrade runs on what the upgrade left; an upgrade the model cannot read leaves nothing certain.
    if (!up || !down || down.bodyKind !== 'statements') return;
    const trip = schema.roundTrip();
    if (trip.upgradeUnknown) return;
    for (const finding of judge(schema, down, trip.downgradeRejected, 'downgrade')) report(finding);
  },
};

type Phase = 'upgrade' | 'downgrade';

function judge(schema: SchemaContext, fn: MigrationFunction, rejections: readonly Rejection[], phase: Phase): RuleReport[] {
  const out: RuleReport[] = [];
  const seen = new Set<string>();
  for (const r of rejections) {
    const key = `${r.reason} ${r.kind} ${r.name} ${r.range.start}`;
    // What ran before it could not be read: it may have made or removed the object.
    if (seen.has(key) || r.afterUnknown) continue;
    seen.add(key);
    const sites = sitesAt(fn, r.range);
    // Only a statement that surely runs, and that PostgreSQL's own guard does not excuse.
    if (sites.length === 0 || sites.some((s) => s.op.conditional || s.op.existenceChecked === true || guarded(s, r))) continue;
    const finding = r.reason === 'duplicate' ? duplicate(r) : r.reason === 'exists' ? exists(schema, r, phase, sites) : missing(schema, r, phase);
    if (finding) out.push(finding);
  }
  return out;
}

/** The facts of the statement (or op.* call) the rejection is about. */
function sitesAt(fn: MigrationFunction, range: Range): FactSite[] {
  return [...factSites(fn)].filter((s) => {
    if (s.op.range.start > range.start || s.op.range.end < range.end) return false;
    return s.statement === undefined || s.statement.facts[0]?.range.start === range.start;
  });
}

/** `ALTER TABLE IF EXISTS ...` (and of an index, a sequence, a view): the whole statement is skipped without the object. */
const ALTER_IF_EXISTS = /^\s*ALTER\s+(?:MATERIALIZED\s+)?\w+\s+IF\s+EXISTS\b/i;

function guarded(site: FactSite, r: Rejection): boolean {
  if (r.reason === 'duplicate') return false;
  if (r.reason === 'exists') return site.fact.ifNotExists || site.fact.orReplace;
  return site.fact.ifExists || ALTER_IF_EXISTS.test(site.fact.sql ?? '');
}

function duplicate(r: Rejection): RuleReport {
  const what = r.kind === 'type' ? `the label '${r.detail}'` : `the column "${r.detail}"`;
  return { message: `This statement names ${what} twice: PostgreSQL rejects it`, range: r.range };
}

/** A create of what the history already has. */
function exists(schema: SchemaContext, r: Rejection, phase: Phase, sites: FactSite[]): RuleReport | undefined {
  const label = r.detail;
  const made = last(before(schema, schema.historyOf(r.kind, r.name), r, phase), ({ action, newName }) => action === 'create' || (action === 'rename' && newName !== undefined) || (label !== undefined && action === 'alter'));
  if (!made || (made.relation === 'ancestor' && schema.unknownSince(made.revision))) return undefined;
  const how = made.event.action === 'create' ? 'creates' : made.event.action === 'rename' ? 'renames an object to' : 'changes';
  const site = sites.find((s) => s.op.kind === 'sql' && s.fact.guardInsertAt !== undefined);
  const fix = site && site.op.kind === 'sql' ? guardFix(site.fact, site.op, 'IF NOT EXISTS') : undefined;
  const withFix = (message: string): RuleReport => ({ message, range: r.range, ...(fix ? { fixes: [fix] } : {}) });
  if (label !== undefined) {
    return withFix(`${capitalized(describe(r.kind, r.name))} already has the label '${label}' (${where(made)} ${how} the type). PostgreSQL rejects ADD VALUE without IF NOT EXISTS`);
  }
  const guard = r.kind === 'function' || r.kind === 'trigger' || r.kind === 'view' ? 'without OR REPLACE' : r.kind === 'type' || r.kind === 'constraint' ? 'a second time' : 'without IF NOT EXISTS';
  return withFix(`${capitalized(describe(r.kind, r.name))} already exists: ${where(made)} ${how} it. PostgreSQL rejects creating it ${guard}`);
}

/** A drop, rename or change of what the history removed, or of a column or constraint a known table never had. */
function missing(schema: SchemaContext, r: Rejection, phase: Phase): RuleReport | undefined {
  const history = before(schema, schema.historyOf(r.kind, r.name), r, phase);
  const latest = history[history.length - 1];
  const renamedAway = latest?.event.action === 'rename' && lastPart(latest.event.newName ?? '') !== lastPart(r.name);
  if (latest && (latest.event.action === 'drop' || renamedAway)) {
    if (latest.relation === 'ancestor' && schema.unknownSince(latest.revision)) return undefined;
    const verb = latest.event.action === 'drop' ? (latest.event.cascade ? 'drops it along with what it depended on' : 'drops it') : `renames it to "${lastPart(latest.event.newName ?? '')}"`;
    return { message: `${capitalized(describe(r.kind, r.name))} no longer exists: ${where(latest)} ${verb}. PostgreSQL rejects this statement`, range: r.range };
  }
  if (latest || (r.kind !== 'column' && r.kind !== 'constraint')) return undefined;
  // Never there: only said of a table whose every column and constraint the history knows.
  const table = r.name.slice(0, r.name.lastIndexOf('.'));
  const created = last(before(schema, schema.historyOf('table', table), r, phase), ({ action, newName }) => action === 'create' || (action === 'rename' && newName === table));
  // CREATE TABLE IF NOT EXISTS may have met a table older than the history, with columns of its own.
  if (!created || created.event.ifNotExists === true || !fullyKnown(schema, table) || (created.relation === 'ancestor' && schema.unknownSince(created.revision))) return undefined;
  const how = created.event.action === 'create' ? 'creates' : 'renames a table to';
  return { message: `${capitalized(describe(r.kind, r.name))} does not exist: ${where(created)} ${how} "${table}" without it, and nothing since adds it. PostgreSQL rejects this statement`, range: r.range };
}

function fullyKnown(schema: SchemaContext, table: string): boolean {
  const states = [schema.before.tables.get(table), schema.upgrade().schema.tables.get(table)].filter((t) => t !== undefined);
  return states.length > 0 && states.every((t) => !t.unknown && !t.columns.some((c) => c.unknown) && !t.constraints.some((k) => k.unknown));
}

/**
 * The history's events that happened before the statement: in the revisions it is built on, and earlier in its own
 * upgrade. When a revision it is built on is missing from the folder, only its own upgrade is known.
 */
function before(schema: SchemaContext, events: HistoryEvent[], r: Rejection, phase: Phase): HistoryEvent[] {
  const complete = schema.historyComplete();
  return events.filter((e) => (complete && e.relation === 'ancestor') || (e.relation === 'self' && (phase === 'downgrade' || e.event.range.start < r.range.start)));
}

function last(events: HistoryEvent[], matches: (e: SchemaEvent) => boolean): HistoryEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (matches(events[i]!.event)) return events[i];
  return undefined;
}

function where(e: HistoryEvent): string {
  if (e.relation === 'self') return 'this upgrade';
  const file = e.file?.split(/[\\/]/).pop();
  return `revision ${e.revision}${file ? ` (${file})` : ''}`;
}

function describe(kind: SchemaEvent['kind'], name: string): string {
  // Indexes are named with their table, except in a DROP INDEX that names none.
  if (kind === 'column' || kind === 'constraint' || kind === 'trigger' || (kind === 'index' && name.includes('.'))) {
    const at = name.lastIndexOf('.');
    return `${kind} "${name.slice(at + 1)}" on table "${name.slice(0, at)}"`;
  }
  if (kind === 'type') return `type "${name}"`;
  return `${kind} "${name}"`;
}

function lastPart(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
