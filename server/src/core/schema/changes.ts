// What a statement or an op.* call does to the schema, in the model's terms: the input of `replay`. SQL
// (from-sql.ts) and the Alembic API (from-op.ts) both produce these, so replay knows one language.
import type { Node as PgNode } from 'libpg-query';
import type { Range } from '../types';
import type { ConstraintKind, QualifiedName } from './model';

/**
 * A default whose printed form depends on the schema it lands in, resolved by replay: an expression formatted with
 * the column's type (a literal on an enum-typed column is cast to it), or a value that stands only once the column's
 * type is known (`ALTER COLUMN ... SET DEFAULT` on a column an earlier revision made).
 */
export type PendingDefault = { expr: PgNode } | { text: string | null; unknown?: boolean };

export interface ColumnSpec {
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
  unknown?: boolean;
  /** SERIAL / BIGSERIAL / SMALLSERIAL: a sequence `<table>_<column>_seq` owned by the column, and its nextval default. */
  serial?: boolean;
  identity?: boolean;
  /** Replaces `default` once replay knows whether `type` is an enum. */
  pendingDefault?: PendingDefault;
}

export interface ConstraintSpec {
  /** Undefined: PostgreSQL names it. */
  name?: string;
  kind: ConstraintKind;
  columns: string[];
  /**
   * Foreign keys: the referenced table and columns (empty: its primary key), and where the reference is written
   * (the table's name in SQL; `sa.ForeignKey(...)`, the referent argument or the referred columns in an op.* call).
   */
  references?: { table: QualifiedName; columns: string[]; range?: Range };
  /** `ADD CONSTRAINT ... USING INDEX name`: the index taken over (and renamed to the constraint's name). */
  usingIndex?: string;
  /** Checks: the distinct columns the expression reads (PostgreSQL names a check on one column `<table>_<col>_check`). */
  checkColumns?: string[];
  unknown?: boolean;
}

export interface IndexSpec {
  name?: string;
  table: QualifiedName;
  /** Column names, or expressions as written (named `expr` when PostgreSQL names the index). */
  columns: { column?: string; expression?: string }[];
  unique: boolean;
  ifNotExists: boolean;
  unknown?: boolean;
}

export type DropKind = 'table' | 'index' | 'view' | 'materialized view' | 'sequence' | 'type' | 'function' | 'extension' | 'schema' | 'statistics';
export type RenameKind = 'table' | 'index' | 'sequence' | 'view' | 'type' | 'schema';

export type Change = { range: Range } & (
  | { op: 'create table'; table: QualifiedName; columns: ColumnSpec[]; constraints: ConstraintSpec[]; ifNotExists: boolean; unknown?: boolean }
  /** `argumentTypes`: DROP FUNCTION f(integer, text) names one of its overloads. */
  | { op: 'drop'; kind: DropKind; name: QualifiedName; ifExists: boolean; cascade: boolean; argumentTypes?: string }
  | { op: 'drop trigger'; name: string; table: QualifiedName; ifExists: boolean }
  | { op: 'rename'; kind: RenameKind; name: QualifiedName; newName: string }
  | { op: 'rename column'; table: QualifiedName; column: string; newName: string }
  | { op: 'rename constraint'; table: QualifiedName; constraint: string; newName: string }
  | { op: 'rename trigger'; table: QualifiedName; trigger: string; newName: string }
  | { op: 'add column'; table: QualifiedName; column: ColumnSpec; constraints: ConstraintSpec[]; ifNotExists: boolean }
  | { op: 'drop column'; table: QualifiedName; column: string; ifExists: boolean; cascade: boolean }
  | {
      op: 'alter column';
      table: QualifiedName;
      column: string;
      type?: string;
      nullable?: boolean;
      /** undefined: unchanged; null: dropped. */
      default?: string | null;
      /** Replaces `default`, formatted with `type` or else the type the schema gives the column. */
      pendingDefault?: PendingDefault;
      unknown?: boolean;
    }
  | { op: 'add constraint'; table: QualifiedName; constraint: ConstraintSpec }
  | { op: 'drop constraint'; table: QualifiedName; name: string; ifExists: boolean; cascade: boolean }
  | { op: 'create index'; index: IndexSpec }
  /** `checkFirst`: SQLAlchemy creates a column's enum type with its table unless the type exists already. */
  | { op: 'create enum'; name: QualifiedName; labels: string[]; checkFirst?: boolean }
  | { op: 'add enum value'; name: QualifiedName; label: string; before?: string; after?: string }
  | { op: 'rename enum value'; name: QualifiedName; from: string; to: string }
  | { op: 'create sequence'; name: QualifiedName; ifNotExists: boolean; ownedBy?: { table: QualifiedName; column: string } }
  | { op: 'sequence owned by'; name: QualifiedName; ownedBy?: { table: QualifiedName; column: string } }
  | { op: 'create view'; name: QualifiedName; materialized: boolean; orReplace: boolean; ifNotExists: boolean; dependsOn: string[] }
  | { op: 'create function'; name: QualifiedName; arguments: string; argumentTypes: string; orReplace: boolean }
  | { op: 'create trigger'; name: string; table: QualifiedName; orReplace: boolean }
  | { op: 'create extension'; name: string; ifNotExists: boolean }
  | { op: 'create schema'; name: string; ifNotExists: boolean }
  | { op: 'create statistics'; name: QualifiedName; ifNotExists: boolean }
  | { op: 'table unknown'; table: QualifiedName }
  /** Something the model cannot name may have changed (SQL built at run time, a helper call). */
  | { op: 'unknown'; reason: string }
);

/**
 * A change as read from a statement or a call at parse time, before replay places it: SQL's statements get their
 * range from the statement's facts (see `replayInto`).
 */
export type ChangeDraft = Change extends infer C ? (C extends { range: Range } ? Omit<C, 'range'> : never) : never;
