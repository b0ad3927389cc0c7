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

/** Notices (a broken alembic.ini, a link not followed) become annotations too, on their file and line. */
export function formatGithub(findings: readonly ReportedFinding[], notices: readonly ReportedNotice[] = []): string {
  const noticeLines = notices.map((n) => {
    const properties = [`file=${escapeProperty(n.file)}`, ...(n.line === undefined ? [] : [`line=${n.line}`]), 'title=alembic-lint'];
    return `::${commands[n.severity]} ${properties.join(',')}::${escapeData(n.message)}\n`;
  });
  return noticeLines.join('') + findings
    .map((f) => {
      const properties = [
        `file=${escapeProperty(f.file)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${f.endLine}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(f.rule)}`,
      ];
      return `::${commands[f.severity]} ${properties.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
}
