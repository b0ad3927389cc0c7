// Edits that add a suppression comment for a finding: `# alembic-lint: ignore[rule]` on its own line above the
// finding (or above the call holding a multi-line SQL string), or `# alembic-lint: ignore-file[rule]` at the top.
import { migrationFunctions } from '../core/migration/functions';
import { lineEnding, offsetToPosition } from '../core/text';
import type { Finding, MigrationFile, Range, TextEdit } from '../core/types';

const LINE_COMMENT = /^([ \t]*)# alembic-lint: ignore\[([^\]]*)\][ \t]*$/;

function lineText(file: MigrationFile, line: number): string {
  const start = file.lineStarts[line] ?? file.text.length;
  const end = file.lineStarts[line + 1] ?? file.text.length;
  return file.text.slice(start, end).replace(/\r?\n$|\r$/, '');
}

function strictlyInside(range: Range, offset: number): boolean {
  return range.start < offset && offset < range.end;
}

/** Ranges of the multi-line strings a comment line must not be inserted into. */
function stringRanges(file: MigrationFile): Range[] {
  const ranges: Range[] = file.docstring ? [file.docstring.range] : [];
  for (const fn of migrationFunctions(file)) {
    for (const op of fn.ops) if (op.kind === 'sql' && op.sql) ranges.push(op.sql.range);
  }
  return ranges;
}

/** The line a suppression comment must sit above: the finding's, or the first line of the call around it. */
function suppressedLine(file: MigrationFile, finding: Finding): number {
  for (const fn of migrationFunctions(file)) {
    const op = fn.ops.find((o) => o.range.start <= finding.range.start && finding.range.end <= o.range.end);
    if (op) return offsetToPosition(file.lineStarts, op.range.start).line;
  }
  return offsetToPosition(file.lineStarts, finding.range.start).line;
}

/** Undefined when the line starts inside a string (a docstring line): a comment there would change the string. */
export function suppressLineEdit(file: MigrationFile, finding: Finding): TextEdit | undefined {
  const line = suppressedLine(file, finding);
  const lineStart = file.lineStarts[line] ?? 0;
  if (stringRanges(file).some((range) => strictlyInside(range, lineStart))) return undefined;
  const above = line > 0 ? LINE_COMMENT.exec(lineText(file, line - 1)) : null;
  if (above) {
    const ids = above[2]!.split(',').map((id) => id.trim()).filter((id) => id !== '');
    if (ids.includes(finding.rule)) return undefined;
    const start = file.lineStarts[line - 1]!;
    const newText = `${above[1]!}# alembic-lint: ignore[${[...ids, finding.rule].join(', ')}]`;
    return { range: { start, end: start + lineText(file, line - 1).length }, newText };
  }
  const indent = /^[ \t]*/.exec(lineText(file, line))![0];
  return { range: { start: lineStart, end: lineStart }, newText: `${indent}# alembic-lint: ignore[${finding.rule}]${lineEnding(file.text)}` };
}

/** Inserted after the leading comment lines (shebang, coding cookie: they must stay on the first two lines). */
export function suppressFileEdit(file: MigrationFile, rule: string): TextEdit {
  let line = 0;
  while (line < file.lineStarts.length - 1 && lineText(file, line).startsWith('#')) line++;
  const at = file.lineStarts[line] ?? 0;
  return { range: { start: at, end: at }, newText: `# alembic-lint: ignore-file[${rule}]${lineEnding(file.text)}` };
}
