// `{"diagnostics": [{file, line, column, endLine, endColumn, rule, severity, message}]}`, 1-based.
import type { ReportedFinding } from '../report';

export function formatJson(findings: readonly ReportedFinding[]): string {
  const diagnostics = findings.map(({ file, line, column, endLine, endColumn, rule, severity, message }) => ({
    file,
    line,
    column,
    endLine,
    endColumn,
    rule,
    severity,
    message,
  }));
  return `${JSON.stringify({ diagnostics }, null, 2)}\n`;
}
