// Compiler-style lines (`path:line:col: severity rule-id message`) and a summary.
import type { Severity } from '../../core/types';
import type { ReportedFinding } from '../report';

const ESC = '\u001b[';
const paint = (code: string, text: string): string => `${ESC}${code}m${text}${ESC}0m`;
const severityColours: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '36' };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * `notices`: the severities of what was printed on stderr besides findings (a broken alembic.ini, a link not
 * followed), so the summary never says "No problems" of a run that failed or warned.
 */
export function summaryLine(findings: readonly ReportedFinding[], fileCount: number, notices: readonly Severity[] = []): string {
  const files = plural(fileCount, 'file');
  if (findings.length === 0 && notices.length === 0) return `No problems in ${files}`;
  const count = (severities: Severity[]): number =>
    findings.filter((f) => severities.includes(f.severity)).length + notices.filter((s) => severities.includes(s)).length;
  const parts = [plural(count(['error']), 'error'), plural(count(['warning']), 'warning')];
  const notes = count(['info', 'hint']);
  if (notes > 0) parts.push(plural(notes, 'note'));
  return `${parts.join(', ')} in ${files}`;
}

export function formatText(findings: readonly ReportedFinding[], fileCount: number, colour: boolean, notices: readonly Severity[] = []): string {
  const c = colour ? paint : (_code: string, text: string): string => text;
  const lines = findings.map(
    (f) => `${c('1', `${f.file}:${f.line}:${f.column}:`)} ${c(severityColours[f.severity], f.severity)} ${c('2', f.rule)} ${f.message}`,
  );
  lines.push(c('1', summaryLine(findings, fileCount, notices)));
  return `${lines.join('\n')}\n`;
}
