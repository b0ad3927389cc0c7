// Finding -> Diagnostic, and the core's offset ranges/edits -> LSP positions.
import { DiagnosticSeverity, type Diagnostic, type Range as LspRange, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import { ruleById } from '../core/rules';
import { offsetToPosition } from '../core/text';
import type { Finding, Range, Severity, TextEdit } from '../core/types';

export const DIAGNOSTIC_SOURCE = 'alembic-lint';

/** Carried by each diagnostic so a code action request finds the finding (and its fixes) again. */
export interface DiagnosticData {
  /** Index in the file's findings. */
  index: number;
  /** Document version the findings were computed for (null for files that are not open). */
  version: number | null;
}

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

export function findingToDiagnostic(finding: Finding, lineStarts: readonly number[], data: DiagnosticData): Diagnostic {
  const docsUrl = ruleById(finding.rule)?.meta.docsUrl;
  return {
    range: toLspRange(lineStarts, finding.range),
    severity: severities[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.rule,
    ...(docsUrl !== undefined ? { codeDescription: { href: docsUrl } } : {}),
    message: finding.message,
    data,
  };
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  const data = value as Partial<DiagnosticData> | null | undefined;
  return typeof data?.index === 'number' && (typeof data.version === 'number' || data.version === null);
}
