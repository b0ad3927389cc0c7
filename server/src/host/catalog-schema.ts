// The schema oracle: what PostgreSQL's own catalogs hold after a real `alembic upgrade`, read into the one shape
// the static model prints (common/schema-json.ts), and a comparison of the two that names every difference by
// path. PostgreSQL is the judge, so this file prints everything the way the catalogs do (format_type, pg_get_expr,
// pg_get_indexdef) and follows schema-json.ts's conventions: names qualified except in public, lists sorted, the
// version table, plpgsql, PostgreSQL's own schemas and whatever an extension owns left out.
// The database tests (test/db) and `alembic-lint verify` share it.
import type { Client } from 'pg';
import { quoteIdent } from '../../../common/quote-ident';
import type { ColumnJson, ConstraintJson, ConstraintKind, EnumJson, FunctionJson, IndexJson, SchemaJson, SequenceJson, TableJson, TriggerJson, ViewJson } from '../../../common/schema-json';

export interface DumpOptions {
  /** The version table Alembic keeps in public (default alembic_version): its row is `revision`, the table is left out. */
  versionTable?: string;
  /** Its schema (default public). */
  versionTableSchema?: string;
  /**
   * false: `revision` is left null and the version table is not read (verify compares schemas between steps, and a
   * database with several branches applied has several rows, which SchemaJson has no room for).
   */
  readRevision?: boolean;
}

/** Schemas whose objects are ours: not PostgreSQL's own (pg_catalog, pg_toast, pg_temp_N, information_schema). */
const USER_SCHEMA = `n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'`;

/** Objects that belong to an extension (pg_depend deptype 'e'): pgcrypto's functions, citext's type, ... */
const NOT_EXTENSION_MEMBER = (catalog: string, oid: string): string =>
  `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${catalog}'::regclass AND e.objid = ${oid} AND e.deptype = 'e')`;

/** `audit.events`, or `users` in public: unquoted, as PostgreSQL stores the names. */
export function qualifiedName(schema: string, name: string): string {
  return schema === 'public' ? name : `${schema}.${name}`;
}

/** Code-unit order, the same in every producer (localeCompare would depend on the machine's locale). */
export function byName<T extends { name: string }>(a: T, b: T): number {
  return compareStrings(a.name, b.name);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const CONSTRAINT_KINDS: Record<string, ConstraintKind> = { p: 'primary key', u: 'unique', c: 'check', f: 'foreign key', x: 'exclude' };

/**
 * Reads the schema the connected database holds. Read-only; eleven catalog queries. Names come back as text
 * (`::text[]`): node-pg returns arrays of PostgreSQL's `name` type as the unparsed literal `{a,b}`.
 */
export async function dumpCatalogSchema(client: Client, options: DumpOptions = {}): Promise<SchemaJson> {
  const versionTable = options.versionTable ?? 'alembic_version';
  const tables = await readTables(client, versionTable, options.versionTableSchema ?? 'public');
  return {
    revision: options.readRevision === false ? null : await readRevision(client, versionTable),
    tables,
    enums: await readEnums(client),
    sequences: await readSequences(client),
    views: await readViews(client),
    functions: await readFunctions(client),
    triggers: await readTriggers(client),
    extensions: await readExtensions(client),
    schemas: await readSchemas(client),
  };
}

async function readRevision(client: Client, versionTable: string): Promise<string | null> {
  const exists = await client.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = $1 AND c.relkind = 'r') AS present`,
    [versionTable],
  );
  if (!exists.rows[0]?.present) return null;
  const rows = await client.query<{ version_num: string }>(`SELECT version_num FROM public.${quoteIdent(versionTable)} ORDER BY version_num`);
  if (rows.rows.length > 1) throw new Error(`the database is at several heads (${rows.rows.map((row) => row.version_num).join(', ')}): SchemaJson has room for one revision`);
  return rows.rows[0]?.version_num ?? null;
}

/** Oids travel as text: one above 2^31 does not fit an int4, and node-pg would hand an int8 back as a string anyway. */
interface TableRow {
  oid: string;
  schema: string;
  name: string;
}

async function readTables(client: Client, versionTable: string, versionSchema: string): Promise<TableJson[]> {
  const tables = await client.query<TableRow>(
    `SELECT c.oid::text AS oid, n.nspname AS schema, c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND ${USER_SCHEMA} AND NOT (n.nspname = $2 AND c.relname = $1)
        AND ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`,
    [versionTable, versionSchema],
  );
  const oids = tables.rows.map((row) => row.oid);
  // One query at a time: a pg Client runs them in turn anyway.
  const columns = await readColumns(client, oids);
  const indexes = await readIndexes(client, oids);
  const constraints = await readConstraints(client, oids);
  return tables.rows
    .map((row) => ({
      name: qualifiedName(row.schema, row.name),
      columns: columns.get(row.oid) ?? [],
      indexes: (indexes.get(row.oid) ?? []).sort(byName),
      constraints: (constraints.get(row.oid) ?? []).sort(byName),
    }))
    .sort(byName);
}

function groupBy<R extends { table_oid: string }, T>(rows: R[], map: (row: R) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.table_oid) ?? [];
    group.push(map(row));
    groups.set(row.table_oid, group);
  }
  return groups;
}

async function readColumns(client: Client, oids: string[]): Promise<Map<string, ColumnJson[]>> {
  const rows = await client.query<{ table_oid: string; name: string; type: string; not_null: boolean; default: string | null }>(
    `SELECT a.attrelid::text AS table_oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attrelid, a.attnum`,
    [oids],
  );
  return groupBy(rows.rows, (row): ColumnJson => ({ name: row.name, type: row.type, nullable: !row.not_null, default: row.default }));
}

async function readIndexes(client: Client, oids: string[]): Promise<Map<string, IndexJson[]>> {
  // One row per key column (INCLUDE columns are not keys); attnum 0 is an expression key.
  const rows = await client.query<{ table_oid: string; name: string; unique: boolean; columns: string[] }>(
    `SELECT i.indrelid::text AS table_oid, c.relname AS name, i.indisunique AS unique,
            array(SELECT CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.ord::int, true) ELSE a.attname END
                    FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                    LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                   WHERE k.ord <= i.indnkeyatts ORDER BY k.ord)::text[] AS columns
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = ANY($1::oid[])`,
    [oids],
  );
  return groupBy(rows.rows, (row): IndexJson => ({ name: row.name, columns: row.columns, unique: row.unique }));
}

async function readConstraints(client: Client, oids: string[]): Promise<Map<string, ConstraintJson[]>> {
  // contype 'n' (PostgreSQL 18's NOT NULL constraints) and 't' (constraint triggers) are left out:
  // nullability is the column's, and a constraint trigger is a trigger.
  const rows = await client.query<{ table_oid: string; name: string; contype: string; columns: string[]; ref_schema: string | null; ref_table: string | null; ref_columns: string[] | null }>(
    `SELECT k.conrelid::text AS table_oid, k.conname AS name, k.contype::text AS contype,
            array(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY AS c(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = c.attnum ORDER BY c.ord)::text[] AS columns,
            rn.nspname AS ref_schema, rc.relname AS ref_table,
            CASE WHEN k.contype = 'f' THEN array(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY AS c(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = c.attnum ORDER BY c.ord)::text[] END AS ref_columns
       FROM pg_constraint k
       LEFT JOIN pg_class rc ON rc.oid = k.confrelid
       LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE k.conrelid = ANY($1::oid[]) AND k.contype IN ('p', 'u', 'c', 'f', 'x')`,
    [oids],
  );
  return groupBy(rows.rows, (row): ConstraintJson => {
    const constraint: ConstraintJson = { name: row.name, kind: CONSTRAINT_KINDS[row.contype]!, columns: row.columns };
    if (row.contype === 'f' && row.ref_schema !== null && row.ref_table !== null) {
      constraint.references = { table: qualifiedName(row.ref_schema, row.ref_table), columns: row.ref_columns ?? [] };
    }
    return constraint;
  });
}

async function readEnums(client: Client): Promise<EnumJson[]> {
  const rows = await client.query<{ schema: string; name: string; labels: string[] }>(
    `SELECT n.nspname AS schema, t.typname AS name,
            array(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[] AS labels
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typtype = 'e' AND ${USER_SCHEMA} AND ${NOT_EXTENSION_MEMBER('pg_type', 't.oid')}`,
  );
  return rows.rows.map((row) => ({ name: qualifiedName(row.schema, row.name), labels: row.labels })).sort(byName);
}

async function readSequences(client: Client): Promise<SequenceJson[]> {
  // The owner: deptype 'a' for SERIAL and OWNED BY, 'i' for an identity column.
  const rows = await client.query<{ schema: string; name: string; owner_schema: string | null; owner_table: string | null; owner_column: string | null }>(
    `SELECT n.nspname AS schema, c.relname AS name, tn.nspname AS owner_schema, t.relname AS owner_table, a.attname AS owner_column
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
                            AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
       LEFT JOIN pg_class t ON t.oid = d.refobjid
       LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
       LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
      WHERE c.relkind = 'S' AND ${USER_SCHEMA} AND ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`,
  );
  return rows.rows
    .map((row): SequenceJson => {
      const sequence: SequenceJson = { name: qualifiedName(row.schema, row.name) };
      if (row.owner_schema !== null && row.owner_table !== null && row.owner_column !== null) {
        sequence.ownedBy = { table: qualifiedName(row.owner_schema, row.owner_table), column: row.owner_column };
      }
      return sequence;
    })
    .sort(byName);
}

async function readViews(client: Client): Promise<ViewJson[]> {
  const rows = await client.query<{ schema: string; name: string; materialized: boolean }>(
    `SELECT n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('v', 'm') AND ${USER_SCHEMA} AND ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`,
  );
  return rows.rows.map((row) => ({ name: qualifiedName(row.schema, row.name), materialized: row.materialized })).sort(byName);
}

async function readFunctions(client: Client): Promise<FunctionJson[]> {
  const rows = await client.query<{ schema: string; name: string; arguments: string }>(
    `SELECT n.nspname AS schema, p.proname AS name, pg_get_function_identity_arguments(p.oid) AS arguments
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE ${USER_SCHEMA} AND ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}`,
  );
  // Overloads share a name: their arguments order them.
  return rows.rows
    .map((row) => ({ name: qualifiedName(row.schema, row.name), arguments: row.arguments }))
    .sort((a, b) => byName(a, b) || compareStrings(a.arguments, b.arguments));
}

async function readTriggers(client: Client): Promise<TriggerJson[]> {
  const rows = await client.query<{ schema: string; table: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS table, g.tgname AS name
       FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT g.tgisinternal AND ${USER_SCHEMA}`,
  );
  // Trigger names are per table: the table orders two of the same name.
  return rows.rows
    .map((row) => ({ name: row.name, table: qualifiedName(row.schema, row.table) }))
    .sort((a, b) => byName(a, b) || compareStrings(a.table, b.table));
}

async function readExtensions(client: Client): Promise<string[]> {
  const rows = await client.query<{ name: string }>(`SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql'`);
  return rows.rows.map((row) => row.name).sort(compareStrings);
}

async function readSchemas(client: Client): Promise<string[]> {
  const rows = await client.query<{ name: string }>(
    `SELECT n.nspname AS name FROM pg_namespace n WHERE ${USER_SCHEMA} AND n.nspname <> 'public' AND ${NOT_EXTENSION_MEMBER('pg_namespace', 'n.oid')}`,
  );
  return rows.rows.map((row) => row.name).sort(compareStrings);
}

/** A schema with nothing in it: what every downgrade to base must leave. */
export function emptySchema(): SchemaJson {
  return { revision: null, tables: [], enums: [], sequences: [], views: [], functions: [], triggers: [], extensions: [], schemas: [] };
}

export { compareWithModel } from '../../../common/schema-diff';
