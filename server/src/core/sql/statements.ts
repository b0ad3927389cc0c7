// Statement bounds: libpg-query gives UTF-8 byte offsets and a length of 0 for "to the end"; we want the
// UTF-16 range from the statement's first token to its last (no surrounding whitespace or comments).
import type { RawStmt } from 'libpg-query';
import type { Range } from '../types';
import type { ByteToChar } from './positions';
import { lastTokenEnd } from './lexer';
import { skipTrivia, trimEndSpace } from './trivia';

export function statementRange(text: string, raw: RawStmt, toChar: ByteToChar): Range {
  const location = raw.stmt_location ?? 0;
  const limit = raw.stmt_len ? toChar(location + raw.stmt_len) : text.length;
  const start = skipTrivia(text, toChar(location), limit);
  let end = trimEndSpace(text, start, limit);
  // A trailing comment belongs to no statement; `--` may also sit inside a string, which the lexer knows.
  const body = text.slice(start, end);
  if (body.includes('--') || body.includes('/*')) end = lastTokenEnd(text, start, end);
  return { start, end };
}
