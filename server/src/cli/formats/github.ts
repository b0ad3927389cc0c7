// GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.
import type { Severity } from '../../core/types';
import type { ReportedFinding, ReportedNotice } from '../report';

const commands: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Escaping of a command's message, as GitHub's toolkit does it. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command's property values, where `:` and `,` are separators. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command: `::error file=...,line=...::message`. */
function annotation(severity: Severity, properties: readonly string[], message: string): string {
  return `::${commands[severity]} ${properties.join(',')}::${escapeData(message)}\n`;
}

/** Notices (a broken alembic.ini, a link not followed) become annotations too, on their file and line. */
export function formatGithub(findings: readonly ReportedFinding[], notices: readonly ReportedNotice[] = []): string {
  const noticeLines = notices.map((n) =>
    annotation(n.severity, [`file=${escapeProperty(n.file)}`, ...(n.line === undefined ? [] : [`line=${n.line}`]), 'title=alembic-lint'], n.message),
  );
  const findingLines = findings.map((f) =>
    annotation(
      f.severity,
      [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`, `title=${escapeProperty(f.rule)}`],
      f.message,
    ),
  );
  return [...noticeLines, ...findingLines].join('');
}
