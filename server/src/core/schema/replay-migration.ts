// One upgrade() or downgrade() replayed on a schema: its operations in source order, each applied to the schema the
// previous ones left. What each operation changes was read at parse time (from-sql.ts, from-op.ts); what depends on
// the schema it lands in is settled here: a default prints according to the column's type, an enum made a line
// above is an enum, unnamed objects of op.* calls take env.py's naming convention.
import type { MigrationFunction, Operation } from '../types';
import type { Change, ColumnSpec, PendingDefault } from './changes';
import { withConventionNames } from './from-op';
import type { NamingConvention } from './naming-convention';
import { keyOf, type QualifiedName, type Schema } from './model';
import { formatDefault, type FormattedDefault } from './pg-types';
import { applyChange, type ReplayResult } from './replay';
import { WorkingSchema } from './working';

/** op.* calls that change no schema object. */
const NEUTRAL_OPS = new Set(['get_bind', 'get_context', 'f', 'inline_literal', 'batch_alter_table', 'implementation_for', 'invoke', 'bulk_insert', 'create_table_comment', 'drop_table_comment', 'execute']);

export interface ReplayOptions {
  /** env.py's naming convention, when it states one as a literal. */
  convention?: NamingConvention;
}

export function replayFunction(schema: Schema, fn: MigrationFunction | undefined, options: ReplayOptions = {}): ReplayResult {
  const w = new WorkingSchema(schema);
  replayInto(w, fn, options);
  return w.result();
}

/** Replays a function's operations on a working schema (several functions may follow each other on one). */
export function replayInto(w: WorkingSchema, fn: MigrationFunction | undefined, options: ReplayOptions = {}): void {
  if (!fn) return;
  const typeCalls = fn.typeChanges ?? [];
  let next = 0;
  const flushBefore = (offset: number): void => {
    while (next < typeCalls.length && typeCalls[next]!.range.start < offset) applyChange(w, typeCalls[next++]!);
  };
  for (const op of fn.ops) {
    flushBefore(op.range.start);
    try {
      replayOperation(w, op, options.convention);
    } catch {
      // A change the model did not expect must not take the schema down: what the operation did is unknown.
      w.markUnknown();
    }
  }
  flushBefore(Infinity);
  // A helper called as a statement (`_drop_all()`, `metadata.create_all(bind)`) may change anything.
  const helpers = fn.helperCalls.filter((h) => !/\.(create|drop)$/.test(h) && !/^(print|logger\.\w+|log\.\w+|logging\.\w+)$/.test(h));
  if (helpers.length > 0) w.markUnknown();
}

function replayOperation(w: WorkingSchema, op: Operation, convention: NamingConvention | undefined): void {
  if (op.kind === 'sql') {
    // Not known statically, not parsed, or refused by PostgreSQL (the migration stops there): what follows is unknown.
    if (op.sql === null || op.notChecked || op.syntaxError) {
      applyChange(w, { op: 'unknown', reason: op.unknownReason ?? 'SQL not known', range: op.range });
      return;
    }
    for (const statement of op.statements) {
      // A statement is read against the schema its predecessors left.
      const range = statement.facts[0]?.range ?? op.range;
      for (const draft of statement.changes) applySettled(w, { ...draft, range } as Change);
    }
  } else if (op.kind === 'api') {
    const changes = op.changes ?? [{ op: 'unknown' as const, reason: 'call not read', range: op.range }];
    for (const change of changes) applySettled(w, withConventionNames(change, convention));
  } else if (!NEUTRAL_OPS.has(op.name.replace(/^.*\./, ''))) {
    applyChange(w, { op: 'unknown', reason: `${op.name} is not modelled`, range: op.range });
  }
}

/** Applies a change with what depends on the schema it lands in settled: defaults printed, an existing enum kept. */
function applySettled(w: WorkingSchema, change: Change): void {
  const done = settled(change, w);
  if (done) applyChange(w, done);
}

function settled(change: Change, w: WorkingSchema): Change | undefined {
  const isEnum = (type: string): boolean => w.schema.enums.has(type);
  const column = (spec: ColumnSpec): ColumnSpec => {
    if (!spec.pendingDefault) return spec;
    const { pendingDefault, ...rest } = spec;
    const value = printed(pendingDefault, spec.type, isEnum);
    return { ...rest, default: value.text, ...(value.unknown ? { unknown: true } : {}) };
  };
  switch (change.op) {
    case 'create table':
      return change.columns.some((c) => c.pendingDefault) ? { ...change, columns: change.columns.map(column) } : change;
    case 'add column':
      return change.column.pendingDefault ? { ...change, column: column(change.column) } : change;
    case 'alter column': {
      if (!change.pendingDefault) return change;
      const { pendingDefault, ...rest } = change;
      const value = printed(pendingDefault, change.type ?? columnType(w, change.table, change.column), isEnum);
      return { ...rest, default: value.text, ...(value.unknown ? { unknown: true } : {}) };
    }
    case 'create enum':
      // SQLAlchemy's checkfirst: the type already there is not created again (nor refused).
      return change.checkFirst && isEnum(keyOf(change.name)) ? undefined : change;
    default:
      return change;
  }
}

function printed(pending: PendingDefault, type: string | undefined, isEnum: (type: string) => boolean): FormattedDefault {
  if (type === undefined) return { text: '?', unknown: true };
  return 'expr' in pending ? formatDefault(pending.expr, type, isEnum) : pending;
}

function columnType(w: WorkingSchema, table: QualifiedName, column: string): string | undefined {
  return w.schema.tables.get(keyOf(table))?.columns.find((c) => c.name === column)?.type;
}
