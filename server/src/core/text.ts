// Offsets, lines and the SQL -> file position map.
import type { Range, SqlText } from './types';

/** Start offset of every line; handles \n, \r\n and lone \r. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The line break an inserted line should use: the file's own (CRLF if it has any), else \n. */
export function lineEnding(text: string): '\r\n' | '\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * An offset between the \r and the \n of a CRLF moves before the \r: no line/character position exists there
 * (tree-sitter's comment tokens end after the \r, so ranges ending at a comment land inside the line break).
 */
export function outsideLineBreak(text: string, offset: number): number {
  return offset > 0 && text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10 ? offset - 1 : offset;
}

/** 0-based line and character (UTF-16) of an offset. */
export function offsetToPosition(lineStarts: readonly number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - (lineStarts[lo] ?? 0) };
}

/** File offset of the SQL character at `offset`; offsets at or past the end map just after the last character. */
export function sqlOffsetToFile(sql: SqlText, offset: number): number {
  const segments = sql.segments;
  if (segments.length === 0) return sql.range.start;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((segments[mid]?.sqlStart ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  const seg = segments[lo]!;
  const within = offset - seg.sqlStart;
  if (within < seg.length) return seg.fileStart + Math.max(0, within);
  // Past the end of this segment (end of the text): just after its last character.
  return seg.fileStart + seg.length;
}

/** File range of a SQL range; the end maps from the last character inside the range. */
export function sqlRangeToFile(sql: SqlText, range: Range): Range {
  const start = sqlOffsetToFile(sql, range.start);
  if (range.end <= range.start) return { start, end: start };
  const end = sqlOffsetToFile(sql, range.end - 1) + 1;
  return { start, end: Math.max(end, start) };
}
