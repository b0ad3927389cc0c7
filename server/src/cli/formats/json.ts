// `{"diagnostics": [{file, line, column, endLine, endColumn, rule, severity, message}], "notices": [...]}`, 1-based.
// `notices` (only when there are some): what the scan found besides findings, `{file, line?, severity, message}`
// (a link not followed, a broken alembic.ini); an error among them fails the run as an error finding does.
import type { ReportedFinding, ReportedNotice } from '../report';

export function formatJson(findings: readonly ReportedFinding[], notices: readonly ReportedNotice[] = []): string {
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
  return `${JSON.stringify({ diagnostics, ...(notices.length > 0 ? { notices } : {}) }, null, 2)}\n`;
}
