// Compiler-style lines (`path:line:col: severity rule-id message`) and a summary.
import type { Severity } from '../../core/types';
import type { ReportedFinding, RunCounts } from '../report';

const ESC = '\u001b[';
const paint = (code: string, text: string): string => `${ESC}${code}m${text}${ESC}0m`;
const severityColours: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '36' };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * One line: files checked, findings by severity, SQL not analysed. `notices`: the severities of what was printed on
 * stderr besides findings (a broken alembic.ini, a link not followed), counted with the findings so the line never
 * reads clean for a run that failed or warned. SQL built at run time is counted because no rule judges it: silence
 * about it is no verdict.
 */
export function summaryLine(findings: readonly ReportedFinding[], counts: RunCounts, notices: readonly Severity[] = []): string {
  const count = (severity: Severity): number => findings.filter((f) => f.severity === severity).length + notices.filter((s) => s === severity).length;
  const files = `${plural(counts.files, 'file')} checked${counts.unchanged > 0 ? ` (${counts.unchanged} unchanged since the base not reported)` : ''}`;
  const severities = [plural(count('error'), 'error'), plural(count('warning'), 'warning'), `${count('info')} info`];
  if (count('hint') > 0) severities.push(plural(count('hint'), 'hint'));
  const { runTime, tooComplex } = counts.notAnalysed;
  const why = tooComplex === 0 ? 'built at run time' : runTime === 0 ? 'too complex to parse' : `${runTime} built at run time, ${tooComplex} too complex to parse`;
  return `${files}: ${severities.join(', ')}; ${plural(runTime + tooComplex, 'statement')} not analysed (${why})`;
}

export function formatText(findings: readonly ReportedFinding[], counts: RunCounts, colour: boolean, notices: readonly Severity[] = []): string {
  const c = colour ? paint : (_code: string, text: string): string => text;
  const lines = findings.map(
    (f) => `${c('1', `${f.file}:${f.line}:${f.column}:`)} ${c(severityColours[f.severity], f.severity)} ${c('2', f.rule)} ${f.message}`,
  );
  lines.push(c('1', summaryLine(findings, counts, notices)));
  return `${lines.join('\n')}\n`;
}
