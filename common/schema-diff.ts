// Two schemas in SchemaJson's shape compared, every difference named by its path
// (`tables[users].columns[email].type`). The schema oracle compares the static model with PostgreSQL's catalogs;
// `alembic-lint verify` compares the catalogs before a revision's upgrade with those after its downgrade. One
// comparison for both, so what counts as a difference is decided once.
import type { SchemaJson } from './schema-json';

/** One step of a difference's path: the list (`tables`, `columns`, ...) and the key of the item in it. */
export interface DiffStep {
  list: 'tables' | 'columns' | 'indexes' | 'constraints' | 'enums' | 'sequences' | 'views' | 'functions' | 'triggers' | 'extensions' | 'schemas';
  key: string;
}

export type SchemaDifference =
  /** An item only the first schema (`a`: the model, or the schema before) has. */
  | { kind: 'only-a'; steps: DiffStep[] }
  /** An item only the second (`b`: the catalogs, or the schema after) has. */
  | { kind: 'only-b'; steps: DiffStep[] }
  /** A field of an item both have; the values as `show` prints them. */
  | { kind: 'field'; steps: DiffStep[]; field: string; a: string; b: string }
  /** The same columns of a table in another order. */
  | { kind: 'order'; steps: DiffStep[]; a: string[]; b: string[] };

/**
 * The differences between two schemas. What `a` marks `unknown: true` is not compared beyond its presence; an `a`
 * that is unknown as a whole (runtime-built SQL somewhere in the history) is compared only on the objects both name.
 */
export function schemaDifferences(a: SchemaJson, b: SchemaJson): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  const presence = !a.unknown;
  if (show(a.revision) !== show(b.revision)) out.push({ kind: 'field', steps: [], field: 'revision', a: show(a.revision), b: show(b.revision) });
  const ctx = { out, presence };
  keyed(ctx, [], 'tables', a.tables, b.tables, (t) => t.name, (steps, at, bt) => {
    if (at.unknown) return;
    keyed(ctx, steps, 'columns', at.columns, bt.columns, (col) => col.name, (colSteps, ac, bc) => {
      if (ac.unknown) return;
      same(out, colSteps, 'type', ac.type, bc.type);
      same(out, colSteps, 'nullable', ac.nullable, bc.nullable);
      same(out, colSteps, 'default', ac.default, bc.default);
    });
    order(out, steps, at.columns.map((col) => col.name), bt.columns.map((col) => col.name));
    keyed(ctx, steps, 'indexes', at.indexes, bt.indexes, (index) => index.name, (indexSteps, ai, bi) => {
      if (ai.unknown) return;
      same(out, indexSteps, 'columns', ai.columns, bi.columns);
      same(out, indexSteps, 'unique', ai.unique, bi.unique);
    });
    keyed(ctx, steps, 'constraints', at.constraints, bt.constraints, (constraint) => constraint.name, (constraintSteps, ak, bk) => {
      if (ak.unknown) return;
      same(out, constraintSteps, 'kind', ak.kind, bk.kind);
      same(out, constraintSteps, 'columns', ak.columns, bk.columns);
      same(out, constraintSteps, 'references', ak.references ?? null, bk.references ?? null);
    });
  });
  keyed(ctx, [], 'enums', a.enums, b.enums, (e) => e.name, (steps, ae, be) => same(out, steps, 'labels', ae.labels, be.labels));
  keyed(ctx, [], 'sequences', a.sequences, b.sequences, (s) => s.name, (steps, as, bs) => same(out, steps, 'ownedBy', as.ownedBy ?? null, bs.ownedBy ?? null));
  keyed(ctx, [], 'views', a.views, b.views, (v) => v.name, (steps, av, bv) => same(out, steps, 'materialized', av.materialized, bv.materialized));
  keyed(ctx, [], 'functions', a.functions, b.functions, (f) => `${f.name}(${f.arguments})`, () => undefined);
  keyed(ctx, [], 'triggers', a.triggers, b.triggers, (t) => `${t.name} on ${t.table}`, () => undefined);
  keyed(ctx, [], 'extensions', a.extensions, b.extensions, (name) => name, () => undefined);
  keyed(ctx, [], 'schemas', a.schemas, b.schemas, (name) => name, () => undefined);
  return out;
}

/** `tables[users].columns[email]`: how the oracle's messages name an item. */
export function diffPath(steps: readonly DiffStep[]): string {
  return steps.map((step, i) => `${i === 0 ? '' : '.'}${step.list}[${step.key}]`).join('');
}

/**
 * The differences between PostgreSQL's catalogs and the model, one readable line per difference, named by path:
 * `tables[users].columns[email].type: model 'text' vs catalog 'character varying(20)'`. [] when they agree.
 */
export function compareWithModel(catalog: SchemaJson, model: SchemaJson): string[] {
  return schemaDifferences(model, catalog).map((d) => {
    const path = diffPath(d.steps);
    switch (d.kind) {
      case 'only-a':
        return `${path}: in the model, not in the catalog`;
      case 'only-b':
        return `${path}: in the catalog, not in the model`;
      case 'field':
        return `${path === '' ? '' : `${path}.`}${d.field}: model ${d.a} vs catalog ${d.b}`;
      case 'order':
        return `${path}.columns: order model [${d.a.join(', ')}] vs catalog [${d.b.join(', ')}]`;
    }
  });
}

interface Context {
  out: SchemaDifference[];
  presence: boolean;
}

/** Matches two lists by key; reports what only one side has (when `presence`), then compares the pairs. */
function keyed<T>(ctx: Context, parent: DiffStep[], list: DiffStep['list'], a: readonly T[], b: readonly T[], key: (item: T) => string, compare: (steps: DiffStep[], a: T, b: T) => void): void {
  const inB = new Map(b.map((item) => [key(item), item]));
  const inA = new Map(a.map((item) => [key(item), item]));
  for (const [name, item] of inA) {
    const steps = [...parent, { list, key: name }];
    const other = inB.get(name);
    if (other === undefined) {
      if (ctx.presence) ctx.out.push({ kind: 'only-a', steps });
      continue;
    }
    compare(steps, item, other);
  }
  if (!ctx.presence) return;
  for (const name of inB.keys()) if (!inA.has(name)) ctx.out.push({ kind: 'only-b', steps: [...parent, { list, key: name }] });
}

/** Columns keep their ordinal order: the same names in another order is a difference of its own. */
function order(out: SchemaDifference[], steps: DiffStep[], a: string[], b: string[]): void {
  const common = new Set(a.filter((name) => b.includes(name)));
  const x = a.filter((name) => common.has(name));
  const y = b.filter((name) => common.has(name));
  if (x.join('\u0000') !== y.join('\u0000')) out.push({ kind: 'order', steps, a: x, b: y });
}

function same(out: SchemaDifference[], steps: DiffStep[], field: string, a: unknown, b: unknown): void {
  const x = show(a);
  const y = show(b);
  if (x !== y) out.push({ kind: 'field', steps, field, a: x, b: y });
}

/** 'text', null, true, ['a', 'b'], {table: 'users', columns: ['id']}: short, and unambiguous for strings. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}: ${show(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}
