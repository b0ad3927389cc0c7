// Finding -> Diagnostic, and the core's offset ranges/edits -> LSP positions.
import { DiagnosticSeverity, type Diagnostic, type Range as LspRange, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import { ruleById } from '../core/rules';
import { offsetToPosition } from '../core/text';
import type { Finding, ProjectNotice, Range, Severity, TextEdit } from '../core/types';
import { DIAGNOSTIC_SOURCE } from '../../../protocol';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspRange(lineStarts: readonly number[], range: Range): LspRange {
  return { start: offsetToPosition(lineStarts, range.start), end: offsetToPosition(lineStarts, Math.max(range.start, range.end)) };
}

export function toLspEdit(lineStarts: readonly number[], edit: TextEdit): LspTextEdit {
  return { range: toLspRange(lineStarts, edit.range), newText: edit.newText };
}

/** Code actions find a diagnostic's finding again by rule and range: the diagnostic carries no other payload. */
export function findingToDiagnostic(finding: Finding, lineStarts: readonly number[]): Diagnostic {
  const docsUrl = ruleById(finding.rule)?.meta.docsUrl;
  return {
    range: toLspRange(lineStarts, finding.range),
    severity: severities[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.rule,
    ...(docsUrl !== undefined ? { codeDescription: { href: docsUrl } } : {}),
    message: finding.message,
  };
}

/**
 * A project notice on its file: the whole of its line when it has one (`text`: the file, to find the line's end),
 * else the file's start. No code: it is no rule's finding, and no fix or suppression applies.
 */
export function noticeToDiagnostic(notice: ProjectNotice, text: string | undefined): Diagnostic {
  const line = notice.line === undefined ? 0 : notice.line - 1;
  const length = notice.line === undefined ? 0 : (text?.split(/\r\n|\r|\n/)[line]?.length ?? 0);
  return {
    range: { start: { line, character: 0 }, end: { line, character: length } },
    severity: severities[notice.severity],
    source: DIAGNOSTIC_SOURCE,
    message: notice.message,
  };
}
