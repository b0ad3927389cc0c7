// What an `if` in a migration tests, as far as a static reading can tell: the database dialect (only what runs on
// PostgreSQL counts) and whether an object exists (a Python guard that stands for IF [NOT] EXISTS).
import { unwrapParens, type Node } from '../python/syntax-tree';
import { literalString } from './literals';

/** The value a condition has on PostgreSQL: true, false, or undefined when it does not depend on the dialect alone. */
export type OnPostgres = boolean | undefined;

/** A name's single value before this point (a local, else a module constant); undefined when unknown or rebound. */
export type ValueOf = (name: string) => Node | undefined;

/** SQLAlchemy's name of the PostgreSQL dialect (`dialect.name`, `engine.name`). */
const POSTGRES = 'postgresql';
/** Names and values can refer to names; a cycle must not loop. */
const MAX_DEPTH = 8;

/**
 * `op.get_bind().dialect.name == "postgresql"`, `bind.engine.name != "postgresql"`, `dialect in ("mysql", "sqlite")`,
 * `url.startswith("mysql")`, `not ...`, `and` / `or` of those: their value on PostgreSQL. Anything else is undefined,
 * and so is a comparison with a name SQLAlchemy never gives PostgreSQL but a reader might mean it by (`"postgres"`).
 */
export function onPostgres(condition: Node, text: string, valueOf: ValueOf, depth = 0): OnPostgres {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrapParens(condition);
  switch (node.type) {
    case 'not_operator': {
      const argument = node.childForFieldName('argument');
      const value = argument ? onPostgres(argument, text, valueOf, depth + 1) : undefined;
      return value === undefined ? undefined : !value;
    }
    case 'boolean_operator': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const a = left ? onPostgres(left, text, valueOf, depth + 1) : undefined;
      const b = right ? onPostgres(right, text, valueOf, depth + 1) : undefined;
      const and = node.childForFieldName('operator')?.type === 'and';
      if (and) return a === false || b === false ? false : a === true && b === true ? true : undefined;
      return a === true || b === true ? true : a === false && b === false ? false : undefined;
    }
    case 'comparison_operator':
      return comparison(node, text, valueOf, depth);
    case 'call':
      return startsWith(node, text, valueOf, depth);
    case 'identifier': {
      const value = valueOf(node.text);
      return value ? onPostgres(value, text, valueOf, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

/** `a == b`, `a != b`, `a in (...)`, `a not in (...)`, with one side the dialect's name. */
function comparison(node: Node, text: string, valueOf: ValueOf, depth: number): OnPostgres {
  const operands = node.namedChildren.filter((c) => c.type !== 'comment');
  const operators = node.childrenForFieldName('operators');
  if (operands.length !== 2 || operators.length !== 1) return undefined;
  const operator = operators[0]!.type;
  const [left, right] = operands as [Node, Node];
  if (operator === '==' || operator === '!=') {
    const name = isDialectName(left, valueOf, depth) ? literalString(right, text) : isDialectName(right, valueOf, depth) ? literalString(left, text) : undefined;
    const equal = name === undefined ? undefined : nameIsPostgres(name);
    return equal === undefined ? undefined : operator === '==' ? equal : !equal;
  }
  if ((operator === 'in' || operator === 'not in') && isDialectName(left, valueOf, depth)) {
    const contains = anyIsPostgres(literalStrings(right, text), nameIsPostgres);
    return contains === undefined ? undefined : operator === 'in' ? contains : !contains;
  }
  return undefined;
}

/** `<url>.startswith("mysql")` / `.startswith(("mysql", "sqlite"))` on a database URL or the dialect's name. */
function startsWith(call: Node, text: string, valueOf: ValueOf, depth: number): OnPostgres {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'startswith') return undefined;
  const receiver = fn.childForFieldName('object');
  if (!receiver || !(isDialectName(receiver, valueOf, depth) || isDatabaseUrl(receiver, valueOf, depth))) return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  if (args.length !== 1) return undefined;
  // `postgresql://` and `postgresql+psycopg2://` both start with every prefix of "postgresql"; a longer prefix
  // (`postgresql+asyncpg`) depends on the driver.
  return anyIsPostgres(literalStrings(args[0]!, text), (prefix) =>
    POSTGRES.startsWith(prefix) ? true : prefix.startsWith('postgres') ? undefined : false,
  );
}

/** The dialect's name compared with `name`: true for "postgresql", unknown for "postgres" (a typo, or meant so). */
function nameIsPostgres(name: string): OnPostgres {
  const lower = name.toLowerCase();
  return lower === POSTGRES ? true : lower.startsWith('postgres') || lower === 'pg' ? undefined : false;
}

/** True when one of `names` is PostgreSQL's, false when none can be, undefined when unknown (or not all literals). */
function anyIsPostgres(names: Array<string | undefined> | undefined, test: (name: string) => OnPostgres): OnPostgres {
  if (!names || names.length === 0 || names.some((n) => n === undefined)) return undefined;
  let result: OnPostgres = false;
  for (const name of names as string[]) {
    const value = test(name);
    if (value === true) return true;
    if (value === undefined) result = undefined;
  }
  return result;
}

/** A string literal, or a tuple / list / set of them. */
function literalStrings(node: Node, text: string): Array<string | undefined> | undefined {
  const value = unwrapParens(node);
  if (value.type === 'string') return [literalString(value, text)];
  if (value.type === 'tuple' || value.type === 'list' || value.type === 'set') {
    return value.namedChildren.filter((c) => c.type !== 'comment').map((c) => literalString(c, text));
  }
  return undefined;
}

/** `<x>.dialect.name`, `<x>.engine.name`, `dialect.name`, or a name bound to one of those. */
function isDialectName(raw: Node, valueOf: ValueOf, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = unwrapParens(raw);
  if (node.type === 'identifier') {
    const value = valueOf(node.text);
    return value !== undefined && isDialectName(value, valueOf, depth + 1);
  }
  if (node.type !== 'attribute' || node.childForFieldName('attribute')?.text !== 'name') return false;
  const owner = unwrapParens(node.childForFieldName('object') ?? node);
  const last = owner.type === 'attribute' ? owner.childForFieldName('attribute')?.text : owner.type === 'identifier' ? owner.text : undefined;
  if (last === 'dialect' || last === 'engine') return true;
  // `dialect = bind.dialect` then `dialect.name`.
  if (owner.type === 'identifier') {
    const value = valueOf(owner.text);
    const bound = value ? unwrapParens(value) : undefined;
    const attr = bound?.type === 'attribute' ? bound.childForFieldName('attribute')?.text : undefined;
    return attr === 'dialect' || attr === 'engine';
  }
  return false;
}

/** `url`, `db_url`, `str(bind.url)`, `config.get_main_option("sqlalchemy.url")`, or a name bound to one. */
function isDatabaseUrl(raw: Node, valueOf: ValueOf, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = unwrapParens(raw);
  if (node.type === 'identifier') {
    if (/url/i.test(node.text)) return true;
    const value = valueOf(node.text);
    return value !== undefined && isDatabaseUrl(value, valueOf, depth + 1);
  }
  return /\burl\b|_url\b|\.url\b|get_main_option|DATABASE_URL/i.test(node.text);
}

/** Inspector and dialect methods that read the catalog: a condition built on one tests whether an object exists. */
const CATALOG_READS = new Set([
  'has_table',
  'has_index',
  'has_sequence',
  'has_schema',
  'has_type',
  'get_table_names',
  'get_view_names',
  'get_materialized_view_names',
  'get_sequence_names',
  'get_schema_names',
  'get_columns',
  'get_indexes',
  'get_unique_constraints',
  'get_check_constraints',
  'get_foreign_keys',
  'get_pk_constraint',
  'get_enums',
]);

/** Catalogs a query tests existence in (`SELECT 1 FROM pg_indexes WHERE ...`, `to_regclass('t')`). */
const CATALOG_SQL = /\b(information_schema|pg_catalog|pg_class|pg_index|pg_indexes|pg_tables|pg_type|pg_enum|pg_constraint|pg_namespace|pg_proc|pg_trigger|pg_extension|pg_attribute|pg_views|pg_matviews|pg_sequences?|to_regclass|to_regtype)\b/i;

/**
 * `if not inspector.has_table("x")`, `if "ix_a" not in [i["name"] for i in inspector.get_indexes("t")]`,
 * `if not exists` after `exists = conn.execute(text("SELECT ... FROM pg_indexes ...")).scalar()`: the condition reads
 * the catalog, so what it guards is guarded. Which object it asks about is not compared: a check is taken to guard
 * what it encloses (a false finding costs more than a missed one).
 */
export function isExistenceCheck(condition: Node, valueOf: ValueOf): boolean {
  return readsCatalog(condition, valueOf, 0, new Set());
}

/** `expanded`: each name is followed once, so names that refer to many names cost no more than the names. */
function readsCatalog(condition: Node, valueOf: ValueOf, depth: number, expanded: Set<string>): boolean {
  if (depth > MAX_DEPTH) return false;
  const pending: Node[] = [condition];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === 'call') {
      const fn = node.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
      if (method !== undefined && CATALOG_READS.has(method)) return true;
    } else if (node.type === 'string') {
      if (CATALOG_SQL.test(node.text)) return true;
      continue;
    } else if (node.type === 'identifier') {
      if (expanded.has(node.text)) continue;
      expanded.add(node.text);
      const value = valueOf(node.text);
      if (value && readsCatalog(value, valueOf, depth + 1, expanded)) return true;
      continue;
    }
    pending.push(...node.namedChildren);
  }
  return false;
}
