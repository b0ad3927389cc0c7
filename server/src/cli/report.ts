// Findings as every output format reports them: relative path with forward slashes, 1-based positions.
import * as path from 'node:path';
import { offsetToPosition } from '../core/text';
import type { Finding, ProjectNotice, Severity } from '../core/types';

export interface ReportedFinding {
  /** Relative to the current folder, forward slashes (absolute when outside it). */
  file: string;
  line: number;
  column: number;
  endLine: number;
  /** Exclusive, like the column of the character after the range. */
  endColumn: number;
  rule: string;
  severity: Severity;
  message: string;
}

/** What a run checked, for the text summary. */
export interface RunCounts {
  /** Files whose findings are reported. */
  files: number;
  /** Files left out by --only-changed: their text is the base's. */
  unchanged: number;
  /** SQL statements in the reported files that could not be analysed: built at run time, or too complex to parse. */
  notAnalysed: { runTime: number; tooComplex: number };
}

export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  if (relative === '' || path.isAbsolute(relative)) return file;
  return relative.split(path.sep).join('/');
}

export function reportFinding(finding: Finding, lineStarts: readonly number[], cwd: string): ReportedFinding {
  const start = offsetToPosition(lineStarts, finding.range.start);
  const end = offsetToPosition(lineStarts, Math.max(finding.range.start, finding.range.end));
  return {
    file: displayPath(finding.file, cwd),
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
  };
}

export function compareReported(a: ReportedFinding, b: ReportedFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** Each item once, by file, line and message: folders sharing an alembic.ini, a link or a pyproject.toml report it once. */
export function dedupeByPlace<T extends { line?: number; message: string }>(items: readonly T[], fileOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${fileOf(item)}\0${item.line ?? ''}\0${item.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function dedupeNotices(notices: readonly ProjectNotice[]): ProjectNotice[] {
  return dedupeByPlace(notices, (n) => n.file);
}

/** A notice as the machine-readable formats give it: the path shown as findings show theirs. */
export interface ReportedNotice {
  file: string;
  line?: number;
  severity: ProjectNotice['severity'];
  message: string;
}

export function reportNotice(notice: ProjectNotice, cwd: string): ReportedNotice {
  return { file: displayPath(notice.file, cwd), ...(notice.line === undefined ? {} : { line: notice.line }), severity: notice.severity, message: notice.message };
}

/** `file[:line]: severity: message`, as stderr shows notices and configuration problems. */
export function noticeLine(notice: { file: string; line?: number; severity: string; message: string }, cwd: string): string {
  return `${displayPath(notice.file, cwd)}${notice.line === undefined ? '' : `:${notice.line}`}: ${notice.severity}: ${notice.message}`;
}
