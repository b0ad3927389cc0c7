// Python string functions that migrations apply to SQL literals (`textwrap.dedent`, `str.strip`),
// reproduced on mapped text: they only delete characters, so the map of what remains stays exact.
import type { Range } from '../types';
import { keepRanges, type MappedText } from './mapped-text';

/** Characters `str.isspace()` accepts (what `str.strip()` with no argument removes). */
function isPythonSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    (code >= 0x1c && code <= 0x20) ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

export function stripMapped(mapped: MappedText, which: 'strip' | 'lstrip' | 'rstrip'): MappedText {
  const text = mapped.text;
  let start = 0;
  let end = text.length;
  if (which !== 'rstrip') while (start < end && isPythonSpace(text.charCodeAt(start))) start++;
  if (which !== 'lstrip') while (end > start && isPythonSpace(text.charCodeAt(end - 1))) end--;
  if (start === 0 && end === text.length) return mapped;
  return keepRanges(mapped, [{ start, end }]);
}

/**
 * `textwrap.dedent`: lines holding only spaces and tabs are emptied, then the longest common
 * leading run of spaces/tabs of the other lines is removed from each of them. Only `\n` ends a
 * line (a `\r` is content, as in Python's regular expressions).
 */
export function dedentMapped(mapped: MappedText): MappedText {
  const text = mapped.text;
  const lines: { start: number; indentEnd: number; end: number }[] = [];
  let margin: string | undefined;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let indentEnd = start;
    while (indentEnd < end && (text.charCodeAt(indentEnd) === 32 || text.charCodeAt(indentEnd) === 9)) indentEnd++;
    lines.push({ start, indentEnd, end });
    if (indentEnd < end) margin = commonPrefix(margin, text.slice(start, indentEnd));
    start = end + 1;
  }
  const keep: Range[] = [];
  const marginLength = margin?.length ?? 0;
  for (const line of lines) {
    // Whitespace-only lines lose their whitespace; the rest lose the margin.
    const from = line.indentEnd === line.end ? line.end : line.start + marginLength;
    const to = Math.min(line.end + 1, text.length);
    if (to > from) keep.push({ start: from, end: to });
  }
  if (keep.length === 1 && keep[0]!.start === 0 && keep[0]!.end === text.length) return mapped;
  return keepRanges(mapped, mergeAdjacent(keep));
}

function commonPrefix(margin: string | undefined, indent: string): string {
  if (margin === undefined) return indent;
  let i = 0;
  while (i < margin.length && i < indent.length && margin.charCodeAt(i) === indent.charCodeAt(i)) i++;
  return margin.slice(0, i);
}

function mergeAdjacent(ranges: Range[]): Range[] {
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && last.end === r.start) last.end = r.end;
    else merged.push({ ...r });
  }
  return merged;
}
