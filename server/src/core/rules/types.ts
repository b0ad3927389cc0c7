import type { RevisionGraph } from '../graph/types';
import type { RoundTrip } from '../schema/round-trip';
import type { Schema, SchemaEvent } from '../schema/model';
import type { ReplayResult } from '../schema/replay';
import type { FileBase, Fix, MigrationFile, Range, Severity } from '../types';

export interface RuleMeta {
  /** kebab-case id; a contract with users (settings, suppressions, CI). */
  id: string;
  defaultSeverity: Severity;
  /** In the editor, when nothing configures it: a milder default than the CLI's (which gates CI). */
  editorSeverity?: Severity;
  /** false: off until a project sets a severity for it (`defaultSeverity` is then the one its docs suggest). */
  enabledByDefault?: false;
  /** One line: what the rule catches. */
  summary: string;
  /**
   * Quick fixes: 'always' every finding offers one, 'sometimes' only when one can be computed (a close id, a
   * SQL string that can be edited in place), 'never' none.
   */
  fix: 'always' | 'sometimes' | 'never';
  /**
   * 'file': reads only the file, and its text in the base when the host gave one (cached per file text and base).
   * 'graph': also reads the revision graph of the file's location (re-run when any file of it changes).
   * 'schema': also reads the schema the history builds before the file's revision (re-run when that changes).
   */
  scope: RuleScope;
  /** The rule's documentation page (the registry derives it from the id). */
  docsUrl: string;
}

export interface RuleReport {
  message: string;
  range: Range;
  fixes?: Fix[];
}

export type RuleScope = 'file' | 'graph' | 'schema';

/** What the schema model knows about a file's revision (scope 'schema'). */
export interface SchemaContext {
  /** The schema before the revision: its parents' snapshots together. */
  before: Schema;
  /** The upgrade replayed on `before` as the history replays it: nothing assumed (computed once, on first use). */
  upgrade(): ReplayResult;
  /** The upgrade and then the downgrade replayed on `before` (computed once, on first use). */
  roundTrip(): RoundTrip;
  /**
   * What the upgrades of the whole history (this revision's included) do to one object, named as events name it
   * (`users`, `users.email`), under its old or new name; in history order (a revision after those it is built on).
   */
  historyOf(kind: SchemaEvent['kind'], name: string): HistoryEvent[];
  /**
   * Is every revision this one is built on in the graph (no `down_revision` or `depends_on` naming a missing
   * revision, no parent computed at run time)? Without that, what the history did before it is not all known.
   */
  historyComplete(): boolean;
  /** Did a revision this one is built on, after `revision`, do something the model could not read (SQL built at run time)? */
  unknownSince(revision: string): boolean;
}

/** One thing an upgrade of the history did to an object, and where that upgrade stands relative to the file judged. */
export interface HistoryEvent {
  revision: string;
  /** The file of that revision. */
  file: string | undefined;
  event: SchemaEvent;
  /** 'self': the file's own upgrade; 'ancestor': a revision it is built on; 'other': a descendant or another branch. */
  relation: 'self' | 'ancestor' | 'other';
}

export interface RuleContext {
  file: MigrationFile;
  /** The graph of the file's location (present for every migration file). */
  graph: RevisionGraph | undefined;
  /** Scope 'schema' only, and only for a revision the graph holds (not a duplicate id's second file). */
  schema?: SchemaContext;
  /** The file in the base revision (git), when the host read one: absent without a base, or for a file git does not track there. */
  base?: FileBase;
  report(report: RuleReport): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** A rule as its module writes it: what follows from the id (the docs link) is added by the registry. */
export interface RuleDefinition {
  meta: Omit<RuleMeta, 'docsUrl'>;
  check(context: RuleContext): void;
}
