import type { RevisionGraph } from '../graph/types';
import type { Fix, MigrationFile, Range, Severity } from '../types';

export interface RuleMeta {
  /** kebab-case id; a contract with users (settings, suppressions, CI). */
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule catches. */
  summary: string;
  /**
   * Quick fixes: 'always' every finding offers one, 'sometimes' only when one can be computed (a close id, a
   * SQL string that can be edited in place), 'never' none.
   */
  fix: 'always' | 'sometimes' | 'never';
  /**
   * 'file': reads only the file (its result is cached per file text).
   * 'graph': also reads the revision graph of the file's location (re-run when any file of it changes).
   */
  scope: 'file' | 'graph';
  /** The rule's documentation page (the registry derives it from the id). */
  docsUrl: string;
}

export interface RuleReport {
  message: string;
  range: Range;
  fixes?: Fix[];
}

export interface RuleContext {
  file: MigrationFile;
  /** The graph of the file's location (present for every migration file). */
  graph: RevisionGraph | undefined;
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
