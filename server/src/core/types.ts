// The shared vocabulary of the analysis core. Every offset is a UTF-16 code-unit offset into the
// file's text (what JavaScript strings index by), never a UTF-8 byte offset.
import type { Change, ChangeDraft } from './schema/changes';

export interface Range {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** What a rule reports. `file` is the absolute path of the file the range belongs to. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  fixes: Fix[];
}

/**
 * The files as a base revision holds them (the commit a branch will merge into, or the branch it started from):
 * what the host read from git, keyed by the workspace's absolute paths. The core reads no git itself.
 */
export interface BaseTexts {
  /** How users name the base: `origin/main`, `main`. */
  ref: string;
  /** Path -> the file's text in the base, or null when the base has no such file. A path not in the map: not known. */
  texts: ReadonlyMap<string, string | null>;
}

/** One file's side of BaseTexts, as a rule sees it. */
export interface FileBase {
  ref: string;
  /** null: the file is new since the base. */
  text: string | null;
  /** The last commit's text of a revision the connected database has applied (the editor's second base). */
  applied?: true;
}

/**
 * What the scan of a project found about its configuration or files that is no rule's finding: where it did not
 * go (a link out of the project, a script_location outside it) and what Alembic itself would stop on (a broken
 * `%(name)s` in alembic.ini). The CLI prints them (an error fails the run), the server shows each once.
 */
export interface ProjectNotice {
  severity: 'error' | 'warning';
  /** Absolute path of the file it is about: the alembic.ini, the link. */
  file: string;
  /** 1-based line in `file`, when known. */
  line?: number;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// SQL text recovered from Python source

/** A run of SQL characters that map one-to-one onto file characters. */
export interface SqlSegment {
  /** Offset in the SQL text. */
  sqlStart: number;
  /** Offset in the file text of the same character. */
  fileStart: number;
  /** Number of characters in this run. */
  length: number;
}

/**
 * SQL known statically, with a map back to the file. A character produced by an escape sequence
 * (`\n`, `\x41`, ...) forms a run of its own of length 1 that maps to the escape's backslash.
 * Use `sqlOffsetToFile` / `sqlRangeToFile` (core/text.ts) to map.
 */
export interface SqlText {
  text: string;
  /** Sorted by sqlStart, non-overlapping. Every SQL offset in [0, text.length) lies in one segment. */
  segments: SqlSegment[];
  /** File range of the expression the SQL came from (the string literal(s), inside any call). */
  range: Range;
  /** True when the literal(s) are plain quoted strings where text can be inserted verbatim (fixes need it). */
  editable: boolean;
}

// ---------------------------------------------------------------------------------------------
// Facts: what a statement or an Alembic API call does to the schema

export type ObjectKind =
  | 'table'
  | 'column'
  | 'index'
  | 'constraint'
  | 'extension'
  | 'type'
  | 'function'
  | 'procedure'
  | 'trigger'
  | 'view'
  | 'materialized view'
  | 'sequence'
  | 'schema'
  | 'policy'
  | 'rule'
  | 'statistics'
  | 'other';

export interface ObjectRef {
  kind: ObjectKind;
  /** Unqualified name as PostgreSQL folds it (unquoted identifiers lower-cased). */
  name: string;
  schema?: string;
  /** Owning table for columns, constraints, triggers, policies and indexes (when known). */
  table?: string;
}

export type FactAction = 'create' | 'drop' | 'rename' | 'alter' | 'other';

export interface Fact {
  action: FactAction;
  /** Short statement label for messages: 'CREATE TABLE', 'ALTER TABLE ... ADD COLUMN', 'op.create_table', ... */
  statement: string;
  object?: ObjectRef;
  /** For action 'rename': the new name. */
  newName?: string;
  ifExists: boolean;
  ifNotExists: boolean;
  orReplace: boolean;
  concurrently: boolean;
  /**
   * Where `IF NOT EXISTS ` (create) or `IF EXISTS ` (drop) goes, as an offset into the SQL text,
   * present only when PostgreSQL supports the guard for this statement and it is missing.
   */
  guardInsertAt?: number;
  /** File range to underline: the statement (or sub-command) inside the Python string. */
  range: Range;
  /** Text of the whole SQL statement, for fixes that rebuild it (e.g. recreating what was dropped). */
  sql?: string;
  /** For 'create table': the columns it defines. For op.create_index: the indexed columns. */
  columns?: string[];
  /** True when the fact comes from a whole statement that also performs other facts (e.g. ALTER TABLE with several commands). */
  partOfStatement?: boolean;
  /** ALTER COLUMN ... TYPE: the values are converted, and a narrower type may cut or lose them. */
  changesType?: boolean;
  /** CREATE TEMPORARY TABLE: gone at the end of the session, so a re-run cannot collide with it. */
  temporary?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Operations inside upgrade()/downgrade()

export interface OperationBase {
  /** File range of the whole call expression. */
  range: Range;
  /** Inside `with op.get_context().autocommit_block():`. */
  autocommit: boolean;
  /**
   * Inside a loop or a conditional: it may run zero or several times. Also set after a `return` under a condition
   * (the function may have ended before it). Branches on the dialect are not conditional: only the PostgreSQL one
   * is recorded at all.
   */
  conditional: boolean;
  /** Under a Python existence check (`if not inspector.has_table("t"):`), or after one that returns: it stands for IF [NOT] EXISTS. */
  existenceChecked?: boolean;
}

/** op.execute / bind.execute / conn.execute / exec_driver_sql with a SQL argument. */
export interface SqlOperation extends OperationBase {
  kind: 'sql';
  /** 'op.execute' or 'connection' (bind/conn/connection .execute, exec_driver_sql). */
  via: 'op.execute' | 'connection';
  /** null when the SQL cannot be known statically (f-string, .format, a variable, a SQLAlchemy construct). */
  sql: SqlText | null;
  /** Why sql is null, for hover and debugging. */
  unknownReason?: string;
  /** Statements parsed from `sql` (filled by the SQL layer). */
  statements: SqlStatement[];
  /** Set when `sql` does not parse. */
  syntaxError?: SqlSyntaxError;
  /** Set when `sql` was not parsed (too large or too deeply nested, or the parser failed): its effects are unknown. */
  notChecked?: SqlNotChecked;
}

export interface SqlStatement {
  /** libpg-query node type, e.g. 'CreateStmt', 'IndexStmt'. */
  nodeType: string;
  /** Range in the SQL text (not the file). */
  sqlRange: Range;
  facts: Fact[];
  /** What it does to the schema, for replay (read from the same parse as the facts). */
  changes: ChangeDraft[];
}

export interface SqlSyntaxError {
  message: string;
  /** Offset in the SQL text of the character PostgreSQL points at. */
  sqlOffset: number;
  /** File range to underline (one token, or one character). */
  range: Range;
}

/** SQL the checker did not parse: neither right nor wrong, only unknown. */
export interface SqlNotChecked {
  /** Why, for the user: what the limit is and how far the SQL goes past it. */
  message: string;
  /** File range to underline: the first token of the statement concerned. */
  range: Range;
}

/** A known Alembic API call: op.create_table, op.add_column, batch_op.drop_column, ... */
export interface ApiOperation extends OperationBase {
  kind: 'api';
  /** The op name without prefix: 'create_table', 'drop_column', 'alter_column', ... */
  name: string;
  /** Facts the call performs (a create_table also creates its inline indexes / constraints when named). */
  facts: Fact[];
  /** Keyword arguments that were given, by name, with their source ranges. */
  keywords: Record<string, Range>;
  /** Range of the argument list's closing parenthesis (to append keyword arguments). */
  closeParen?: Range;
  /** What it does to the schema, for replay; undefined when the call could not be read. */
  changes?: Change[];
}

/** Any other call on op.* or an unknown construct: recorded, never reported as wrong. */
export interface OtherOperation extends OperationBase {
  kind: 'other';
  name: string;
}

export type Operation = SqlOperation | ApiOperation | OtherOperation;

// ---------------------------------------------------------------------------------------------
// A migration file

export type BodyKind =
  /** Has statements that do something. */
  | 'statements'
  /** `pass`, `...`, a docstring only, or nothing but comments. */
  | 'empty'
  /** Only `raise ...` (possibly after a docstring). */
  | 'raises';

export interface MigrationFunction {
  name: 'upgrade' | 'downgrade';
  /** Range of the whole `def` (decorators excluded). */
  range: Range;
  nameRange: Range;
  /** Range of the body block (the statements after the colon). */
  bodyRange: Range;
  bodyKind: BodyKind;
  /** Indentation of the body's first statement (spaces/tabs as written), for generated code. */
  bodyIndent: string;
  /** Operations in source order, including those nested in with/if/for blocks. */
  ops: Operation[];
  /** The function takes parameters (`upgrade(op, tables, tester)`-style projects). */
  hasParameters: boolean;
  /**
   * Calls made as statements that are no operation: a helper (`_drop_all()`, `metadata.drop_all(bind)`) whose
   * effect cannot be known from here. As written, callee only (`_drop_all`, `metadata.drop_all`), in source order.
   */
  helperCalls: string[];
  /**
   * Flask-Migrate's multi-database template: `upgrade(engine_name)` calls `upgrade_<engine>()` through `globals()`.
   * The engine functions' names, in source order; `ops`, `bodyKind` and `helperCalls` are then theirs together, while
   * the ranges stay the dispatcher's (no fix edits its body).
   */
  engines?: string[];
  /** `sa.Enum(...).create(bind)` / `.drop(bind)` calls in the body: types made or dropped beside the operations. */
  typeChanges?: Change[];
}

export interface StringField {
  value: string;
  /** Range of the literal, quotes included (revision assignments); for docstring fields, just the value's text. */
  range: Range;
}

export interface RevisionAssignment {
  /** Range of the whole assignment statement. */
  range: Range;
  /** Range of the right-hand side. */
  valueRange: Range;
  /** Ids given: one for a string, several for a tuple/list, none for None. */
  ids: StringField[];
  /** The value is not a literal (a name, a call): we cannot know it. */
  unknown: boolean;
  /** The value is a tuple/list (a merge when it has several ids). */
  isSequence: boolean;
}

export interface Docstring {
  range: Range;
  /** First line of the docstring (the revision message). */
  message: string;
  revisionId?: StringField;
  /** Ids listed after `Revises:`; the range covers the whole value after the colon. */
  revises?: { ids: string[]; range: Range };
  createDate?: string;
}

export interface PythonSyntaxError {
  message: string;
  range: Range;
}

export interface MigrationFile {
  /** Absolute path (or a document URI's path for unsaved files). */
  path: string;
  text: string;
  /** Has a module-level `revision` assignment: treated as an Alembic migration. */
  isMigration: boolean;
  revision?: RevisionAssignment;
  downRevision?: RevisionAssignment;
  branchLabels?: RevisionAssignment;
  dependsOn?: RevisionAssignment;
  docstring?: Docstring;
  upgrade?: MigrationFunction;
  downgrade?: MigrationFunction;
  /** Errors tree-sitter found in the Python (the rest of the file is still analysed). */
  pythonErrors: PythonSyntaxError[];
  /** Suppression comments, resolved per line. */
  suppressions: Suppressions;
  /** Start offset of every line (line i starts at lineStarts[i]). */
  lineStarts: number[];
}

export interface Suppressions {
  /** Rule ids suppressed for the whole file ('*' for all). */
  file: Set<string>;
  /** 0-based line -> rule ids suppressed on that line ('*' for all). */
  lines: Map<number, Set<string>>;
}
