import * as path from 'node:path';
import { moveStatementAbove } from '../fixes/move-statement';
import type { RevisionGraph } from '../graph/types';
import { factsOf } from '../migration/fact-sites';
import { keyOf, qualified, type SchemaEvent } from '../schema/model';
import type { UnresolvedReference } from '../schema/working';
import { offsetToPosition } from '../text';
import type { MigrationFile, MigrationFunction, Range } from '../types';
import type { HistoryEvent, RuleDefinition, RuleReport, SchemaContext } from './types';

export const foreignKeyOrder: RuleDefinition = {
  meta: {
    id: 'foreign-key-order',
    defaultSeverity: 'error',
    summary: 'A foreign key to a table that does not exist yet: created further down the upgrade, or by a revision this one does not depend on',
    fix: 'sometimes',
    scope: 'schema',
  },
  check({ file, graph, schema, report }) {
    const up = file.upgrade;
    if (!up || !schema) return;
    // The history's replay records every foreign key whose table the schema did not hold at that point; most of
    // those tables are older than the migrations, and only a table the history creates elsewhere is reported.
    const { events, unresolvedReferences = [] } = schema.upgrade();
    for (const reference of unresolvedReferences) {
      const later = createdLaterInUpgrade(reference, events);
      const elsewhere = later ? undefined : createdElsewhere(reference, events, schema);
      if ((!later && !elsewhere) || (graph && olderThanMigrations(reference.table, graph, schema))) continue;
      if (later) report(laterReport(file, up, reference, later));
      else if (elsewhere) report(elsewhereReport(reference, elsewhere));
    }
  },
};

const names = (table: string) => (e: SchemaEvent): boolean => e.kind === 'table' && (e.name === table || e.newName === table);

/** The CREATE further down this upgrade, when this upgrade did nothing to the table before the reference. */
function createdLaterInUpgrade({ table, range }: UnresolvedReference, events: readonly SchemaEvent[]): SchemaEvent | undefined {
  const touching = events.filter(names(table));
  // Created and dropped again, renamed away: what it was at that point is another story.
  if (touching.some((e) => e.range.start < range.start)) return undefined;
  return touching[0]?.action === 'create' ? touching[0] : undefined;
}

/** The CREATE by a revision this one is not built on (a descendant, another branch), when no ancestor touched it. */
function createdElsewhere({ table }: UnresolvedReference, events: readonly SchemaEvent[], schema: SchemaContext): HistoryEvent | undefined {
  // This upgrade renames something to it, or drops it: not a table that is simply missing.
  if (events.some(names(table))) return undefined;
  const history = schema.historyOf('table', table).filter((h) => h.relation !== 'self');
  // The ancestors made it and it is gone again, or they renamed it away: another story.
  if (history.some((h) => h.relation === 'ancestor')) return undefined;
  // The first thing the rest of the history does to it must be to create it.
  const first = history[0];
  // A revision it is built on that is not in the folder may have created it.
  return first?.event.action === 'create' && first.event.name === table && schema.historyComplete() ? first : undefined;
}

/**
 * An upgrade of the history drops or renames the table where the model held none: the table was there before the
 * migrations (what that upgrade then creates under the name is a new table), so a reference to it may be right.
 */
function olderThanMigrations(table: string, graph: RevisionGraph, schema: SchemaContext): boolean {
  const removes = (e: { action: string }): boolean => e.action === 'drop' || e.action === 'rename';
  const history = schema.historyOf('table', table);
  return graph.files.some((f) => {
    const written = factsOf(f.upgrade).filter((fact) => removes(fact) && fact.object?.kind === 'table' && keyOf(qualified(fact.object.name, fact.object.schema)) === table);
    if (written.length === 0) return false;
    const applied = history.filter((h) => h.file === f.path && removes(h.event) && h.event.name === table);
    return written.length > applied.length;
  });
}

function laterReport(file: MigrationFile, up: MigrationFunction, { table, range }: UnresolvedReference, create: SchemaEvent): RuleReport {
  const line = offsetToPosition(file.lineStarts, create.range.start).line + 1;
  const child = opAt(up, range.start);
  const parent = opAt(up, create.range.start);
  const fix = child && parent && moveStatementAbove(file, up, parent, child, `Move the statement that creates "${table}" above this one`);
  return {
    message: `The foreign key references "${table}", which does not exist yet: "${table}" is created later in this upgrade (line ${line}). Create the parent table first`,
    range,
    ...(fix ? { fixes: [fix] } : {}),
  };
}

function elsewhereReport({ table, range }: UnresolvedReference, create: HistoryEvent): RuleReport {
  const where = create.file ? ` (${path.basename(create.file)})` : '';
  return {
    message: `The foreign key references "${table}", which does not exist yet: "${table}" is created by revision ${create.revision}${where}, which this revision does not depend on. Create the table first, or make this revision depend on ${create.revision}`,
    range,
  };
}

/** The range of the operation of `fn` at `offset` (the call). */
function opAt(fn: MigrationFunction, offset: number): Range | undefined {
  return fn.ops.find((op) => op.range.start <= offset && offset < op.range.end)?.range;
}
