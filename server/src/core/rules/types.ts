import type { RevisionGraph } from '../graph/types';
import type { Fix, MigrationFile, Range, Severity } from '../types';

export interface RuleMeta {
  /** kebab-case id; a contract with users (settings, suppressions, CI). */
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule catches. */
  summary: string;
  /** Offers a quick fix. */
  fixable: boolean;
  /**
   * 'file': reads only the file (its result is cached per file text).
   * 'graph': also reads the revision graph of the file's location (re-run when any file of it changes).
   */
  scope: 'file' | 'graph';
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
