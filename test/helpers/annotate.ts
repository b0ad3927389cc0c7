// Findings as annotated source, the way squawk and eslint show them: one header per finding
// (`file:line:col-line:col severity rule`, 1-based, columns in UTF-16 code units like LSP), its message, the
// source lines it covers with `^` under the characters of the range, and the title of every fix it offers.
import { computeLineStarts, offsetToPosition } from '../../server/src/core/text';
import type { Finding } from '../../server/src/core/types';

/** Ranges longer than this show their first and last lines only (the header still gives the exact range). */
const MAX_SHOWN_LINES = 8;

interface Position {
  line: number;
  character: number;
}

function lineTexts(text: string, starts: readonly number[]): string[] {
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length).replace(/\r?\n$|\r$/, ''));
}

function place(p: Position): string {
  return `${p.line + 1}:${p.character + 1}`;
}

/** Spaces as wide as `prefix`, keeping its tabs so the carets line up under tab-indented code. */
function blankLike(prefix: string): string {
  return prefix.replace(/[^\t]/g, ' ');
}

function sourceLines(lines: readonly string[], start: Position, end: Position): string[] {
  // A range ending at the start of a line covers nothing of that line.
  const last = end.line > start.line && end.character === 0 ? end.line - 1 : end.line;
  const width = String(last + 1).length;
  const out: string[] = [];
  for (let n = start.line; n <= last; n++) {
    const text = lines[n] ?? '';
    const from = n === start.line ? start.character : 0;
    const to = n === end.line ? end.character : text.length;
    out.push(`  ${String(n + 1).padStart(width)} | ${text}`.trimEnd());
    const gutter = `  ${' '.repeat(width)} | `;
    if (to > from) out.push(`${gutter}${blankLike(text.slice(0, from))}${'^'.repeat(to - from)}`);
    else if (n === start.line) out.push(`${gutter}${blankLike(text.slice(0, from))}^ (empty range)`);
  }
  if (out.length <= MAX_SHOWN_LINES * 2) return out;
  return [...out.slice(0, MAX_SHOWN_LINES), `  ${' '.repeat(width)} | ...`, ...out.slice(-4)];
}

export function annotateFinding(text: string, fileLabel: string, f: Finding): string[] {
  const starts = computeLineStarts(text);
  const start = offsetToPosition(starts, f.range.start);
  const end = offsetToPosition(starts, f.range.end);
  return [
    `${fileLabel}:${place(start)}-${place(end)} ${f.severity} ${f.rule}`,
    ...f.message.split('\n').map((l) => `  ${l}`.trimEnd()),
    ...sourceLines(lineTexts(text, starts), start, end),
    ...f.fixes.map((fix) => `  fix: ${fix.title}`),
  ];
}

/** The snapshot of one fixture case: every file's findings, in file order, each annotated. */
export function annotateCase(title: string, files: readonly { label: string; text: string; findings: readonly Finding[] }[]): string {
  const out = [`# ${title}`];
  for (const file of files) {
    for (const f of file.findings) out.push('', ...annotateFinding(file.text, file.label, f));
  }
  const total = files.reduce((n, file) => n + file.findings.length, 0);
  out.push('', `# ${total} finding${total === 1 ? '' : 's'}`);
  return out.join('\n') + '\n';
}
