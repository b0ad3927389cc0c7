// The module docstring Alembic generates: the message, then `Revision ID:`, `Revises:` and
// `Create Date:` lines. Positions map through the decoded string, so escapes and CRLF are exact.
import type { MappedText } from '../python/mapped-text';
import { decodeStringLiteral } from '../python/string-literal';
import { nodeRange, stringLiteralOf, type Node } from '../python/syntax-tree';
import { sqlOffsetToFile } from '../text';
import type { Docstring, Range, SqlText } from '../types';

export function parseDocstring(node: Node, text: string): Docstring | undefined {
  const lit = stringLiteralOf(node, text);
  if (!lit || lit.bytes || lit.formatted) return undefined;
  const decoded = decodeStringLiteral(text, lit);
  if ('error' in decoded) return undefined;
  const value = decoded.value;
  const range = nodeRange(node);
  // Made once: copying `value` on every call was most of the time this function took.
  const mapped: SqlText = { text: value.text, segments: value.segments, range, editable: false };
  const toFile = (offset: number): number => sqlOffsetToFile(mapped, offset);
  const docstring: Docstring = { range, message: '' };
  let messageFound = false;

  for (let start = 0; start <= value.text.length; ) {
    let end = value.text.indexOf('\n', start);
    if (end < 0) end = value.text.length;
    const line = value.text.slice(start, end);
    if (!messageFound && line.trim() !== '') {
      docstring.message = line.trim();
      messageFound = true;
    }
    readField(line, start, value, toFile, docstring);
    start = end + 1;
  }
  return docstring;
}

function readField(line: string, lineStart: number, value: MappedText, toFile: (offset: number) => number, docstring: Docstring): void {
  const field = /^\s*(Revision ID|Revises|Create Date):/.exec(line);
  if (!field) return;
  const afterColon = field[0].length;
  const valueStart = afterColon + (/^[ \t]*/.exec(line.slice(afterColon))?.[0].length ?? 0);
  const valueEnd = Math.max(valueStart, line.replace(/\s+$/, '').length);
  const fieldValue = line.slice(valueStart, valueEnd);
  const fileRange = (from: number, to: number): Range =>
    from === to ? emptyRange(value, toFile, lineStart + from) : { start: toFile(lineStart + from), end: toFile(lineStart + to - 1) + 1 };

  switch (field[1]) {
    case 'Revision ID': {
      const id = /^\S+/.exec(fieldValue)?.[0];
      if (id) docstring.revisionId = { value: id, range: fileRange(valueStart, valueStart + id.length) };
      break;
    }
    case 'Revises': {
      // An empty value gets an empty range after "Revises:" and the one space that usually follows it.
      const at = fieldValue === '' ? afterColon + (line.charAt(afterColon) === ' ' ? 1 : 0) : valueStart;
      const ids = revisesIds(fieldValue);
      docstring.revises = { ids, range: fileRange(at, fieldValue === '' ? at : valueEnd) };
      break;
    }
    default:
      docstring.createDate = fieldValue;
  }
}

/**
 * The ids a `Revises:` value names: `a`, `a, b`, the tuple older Alembic wrote for merges (`('a', 'b')`, `(u'a', u'b')`),
 * and none for `None` (what Alembic writes for a first revision) or an empty value.
 */
function revisesIds(value: string): string[] {
  const inner = value.trim().replace(/^[([]\s*/, '').replace(/\s*,?\s*[)\]]$/, '');
  return inner
    .split(',')
    .map((id) => id.trim().replace(/^[uUbB]?(['"])(.*)\1$/, '$2').trim())
    .filter((id) => id !== '' && id !== 'None');
}

/** File offset just after the character before `offset` (an insertion point that follows the text). */
function emptyRange(value: MappedText, toFile: (offset: number) => number, offset: number): Range {
  const at = offset > 0 && offset <= value.text.length ? toFile(offset - 1) + 1 : toFile(offset);
  return { start: at, end: at };
}
