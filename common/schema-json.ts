// The one JSON shape of a schema at a revision: what `alembic-lint schema --format json` prints from the static
// model, and what the database tests read from PostgreSQL's catalogs after a real `alembic upgrade` to compare
// with it. PostgreSQL is the judge: every field is written the way its catalogs print it.
//
// Conventions (both producers follow them, so two schemas compare with deepEqual):
// - names are qualified with their schema (`audit.events`) except in `public`; unquoted, as PostgreSQL stores them;
// - every list is sorted by name (columns keep their ordinal order, enum labels their sort order);
// - the version table (`alembic_version`) and PostgreSQL's own schemas (`pg_*`, `information_schema`) are left out;
// - `unknown: true` marks what the model could not know (a table made `AS SELECT` or `LIKE`, SQL built at run
//   time): its lists are then empty or partial and are not compared.

export interface SchemaJson {
  /** The revision the schema is at; null for the base (nothing applied). */
  revision: string | null;
  tables: TableJson[];
  enums: EnumJson[];
  sequences: SequenceJson[];
  views: ViewJson[];
  functions: FunctionJson[];
  triggers: TriggerJson[];
  /** Extension names (`pgcrypto`), sorted; plpgsql, which every database has, left out. */
  extensions: string[];
  /** Schemas other than `public`, sorted. */
  schemas: string[];
  /** Set when something in the history may have changed objects the model cannot name (runtime-built SQL). */
  unknown?: true;
}

export interface TableJson {
  name: string;
  columns: ColumnJson[];
  indexes: IndexJson[];
  constraints: ConstraintJson[];
  unknown?: true;
}

export interface ColumnJson {
  name: string;
  /** As `format_type(atttypid, atttypmod)` prints it: `character varying(20)`, `timestamp with time zone`, `integer[]`. */
  type: string;
  nullable: boolean;
  /** As `pg_get_expr(adbin, adrelid)` prints it (`nextval('users_id_seq'::regclass)`, `now()`, `'x'::text`); null for none. */
  default: string | null;
  unknown?: true;
}

export interface IndexJson {
  name: string;
  /** Column names in key order; an expression key as `pg_get_indexdef(indexrelid, k, true)` prints it. */
  columns: string[];
  unique: boolean;
  unknown?: true;
}

export type ConstraintKind = 'primary key' | 'unique' | 'check' | 'foreign key' | 'exclude';

export interface ConstraintJson {
  name: string;
  kind: ConstraintKind;
  /** The constrained columns (conkey), in order; empty for a check on no column. */
  columns: string[];
  /** Foreign keys only: the referenced table (qualified as above) and columns. */
  references?: { table: string; columns: string[] };
  unknown?: true;
}

export interface EnumJson {
  name: string;
  labels: string[];
}

export interface SequenceJson {
  name: string;
  /** The column that owns it (SERIAL, IDENTITY, `OWNED BY`). */
  ownedBy?: { table: string; column: string };
}

export interface ViewJson {
  name: string;
  materialized: boolean;
}

export interface FunctionJson {
  name: string;
  /** As `pg_get_function_identity_arguments` prints them: `integer, text`; `` for none. */
  arguments: string;
}

export interface TriggerJson {
  name: string;
  /** The table it is on, qualified as above. */
  table: string;
}
