// The schema a database has after some migrations: what PostgreSQL's catalogs would hold, as plain immutable values.
// `replay` (replay.ts) never edits a Schema: it copies the maps it changes, so one snapshot per revision costs only
// what that revision changed.
import type { Range } from '../types';
import { LayeredMap } from './layered-map';

/** A name in a schema. `schema` is `public` unless written otherwise (the model knows no search_path). */
export interface QualifiedName {
  schema: string;
  name: string;
}

export interface Column {
  name: string;
  /** As `format_type()` prints it. */
  type: string;
  nullable: boolean;
  /** As `pg_get_expr()` prints it; null for none. */
  default: string | null;
  /** The type or the default could not be known exactly. */
  unknown?: boolean;
  /** GENERATED ... AS IDENTITY. */
  identity?: boolean;
}

export interface Index {
  name: string;
  columns: string[];
  unique: boolean;
  unknown?: boolean;
}

export type ConstraintKind = 'primary key' | 'unique' | 'check' | 'foreign key' | 'exclude';

export interface Constraint {
  name: string;
  kind: ConstraintKind;
  columns: string[];
  references?: { table: QualifiedName; columns: string[] };
  unknown?: boolean;
  /** The model named it (PostgreSQL's rules): a project's naming convention env.py does not spell out may have named it otherwise. */
  implicitName?: boolean;
}

export interface Table extends QualifiedName {
  columns: readonly Column[];
  /** Every index on the table, also those behind a primary key, unique or exclusion constraint. */
  indexes: readonly Index[];
  constraints: readonly Constraint[];
  /** Made `AS SELECT` or `LIKE`, or touched by SQL the model cannot read: its lists are partial. */
  unknown?: boolean;
}

export interface Sequence extends QualifiedName {
  ownedBy?: { table: QualifiedName; column: string };
}

export interface View extends QualifiedName {
  materialized: boolean;
  /** Keys of the tables and views its query reads (for CASCADE). */
  dependsOn: readonly string[];
}

export interface SchemaFunction extends QualifiedName {
  /** As `pg_get_function_identity_arguments` prints them. */
  arguments: string;
  /** The argument types alone (`integer, text`): what DROP FUNCTION names. */
  argumentTypes: string;
}

export interface EnumType {
  name: QualifiedName;
  labels: readonly string[];
  /** Its labels are not all known (a type the history never creates, assumed to exist). */
  unknown?: boolean;
}

export interface Trigger {
  name: string;
  table: QualifiedName;
}

export interface Schema {
  /** Keyed by `keyOf` (`table` in public, `schema.table` elsewhere). */
  tables: ReadonlyMap<string, Table>;
  /** Enum types and their labels in sort order. */
  enums: ReadonlyMap<string, EnumType>;
  sequences: ReadonlyMap<string, Sequence>;
  views: ReadonlyMap<string, View>;
  /** Keyed by `keyOf(name) + '(' + arguments + ')'`. */
  functions: ReadonlyMap<string, SchemaFunction>;
  /** Keyed by `keyOf(table) + ' ' + name`. */
  triggers: ReadonlyMap<string, Trigger>;
  extensions: ReadonlySet<string>;
  statistics: ReadonlySet<string>;
  /** Schemas other than public. */
  schemas: ReadonlySet<string>;
  /** Something in the history may have changed objects the model cannot name. */
  unknown: boolean;
  /** Index key (`keyOf` of schema and index name) -> the key of its table: indexes share the relation namespace. */
  indexOwners: ReadonlyMap<string, string>;
  /** `schema name` -> how many constraints of that schema's tables have that name (PostgreSQL numbers new ones past them). */
  constraintNames: ReadonlyMap<string, number>;
  /** Table key -> the keys of the sequences its columns own: what DROP TABLE / DROP COLUMN take along. */
  sequenceOwners: ReadonlyMap<string, readonly string[]>;
}

export const EMPTY_SCHEMA: Schema = {
  tables: LayeredMap.from(),
  enums: LayeredMap.from(),
  sequences: LayeredMap.from(),
  views: LayeredMap.from(),
  functions: LayeredMap.from(),
  triggers: LayeredMap.from(),
  indexOwners: LayeredMap.from(),
  constraintNames: LayeredMap.from(),
  sequenceOwners: LayeredMap.from(),
  extensions: new Set(),
  statistics: new Set(),
  schemas: new Set(),
  unknown: false,
};

/** The key of a name, as the JSON prints it: qualified except in public. */
export function keyOf(name: QualifiedName): string {
  return name.schema === 'public' ? name.name : `${name.schema}.${name.name}`;
}

export function qualified(name: string, schema: string | undefined): QualifiedName {
  return { schema: schema ?? 'public', name };
}

export type ColumnAspect = 'type' | 'nullable' | 'default';

export type EventAction = 'create' | 'drop' | 'rename' | 'alter';

/** What one statement did, for rules: the object, and where the statement is. */
export interface SchemaEvent {
  action: EventAction;
  kind: 'table' | 'column' | 'index' | 'constraint' | 'type' | 'sequence' | 'view' | 'function' | 'trigger' | 'extension' | 'schema' | 'statistics';
  /** The object's key; for columns, constraints and indexes the table's key and the name (`users.email`). */
  name: string;
  /** For renames: the new name. */
  newName?: string;
  /** Removed because something it depended on was dropped (DROP COLUMN, DROP TABLE, CASCADE). */
  cascade?: boolean;
  /** A table created with IF NOT EXISTS: it may have existed, with other columns, before the history made it. */
  ifNotExists?: true;
  /** For a column altered: what was set. */
  aspects?: ColumnAspect[];
  range: Range;
}
