// Where to underline a syntax error: the token PostgreSQL points at, found with its own scanner.
import type { Range } from '../types';
import { dollarDelimiterAt } from './lexer';
import { pgScan } from './pg-parser';
import { byteToCharMap, charLengthAt } from './positions';
import { isIdentChar, skipTrivia, trimEndSpace } from './trivia';

/** `cursor` is a UTF-16 offset into `text`; at or past the end means "at end of input". */
export function errorTokenRange(text: string, cursor: number): Range {
  if (cursor >= text.length) return lastCharacter(text);
  // A cursor of 0 is also what errors without a position report: point at the first token instead.
  const start = cursor === 0 ? skipTrivia(text, 0) : cursor;
  if (start >= text.length) return lastCharacter(text);
  return { start, end: tokenEnd(text, start) };
}

function lastCharacter(text: string): Range {
  const end = trimEndSpace(text, 0, text.length);
  if (end === 0) return { start: 0, end: 0 };
  const low = text.charCodeAt(end - 1);
  const start = end >= 2 && low >= 0xdc00 && low <= 0xdfff ? end - 2 : end - 1;
  return { start, end };
}

function tokenEnd(text: string, start: number): number {
  // Plain tokens never span lines: scanning the rest of the line is enough unless the token is a quoted one.
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0) lineEnd = text.length;
  const first = firstToken(text, start, lineEnd) ?? (lineEnd < text.length ? firstToken(text, start, text.length) : undefined);
  if (first !== undefined) return first;
  // Openers of tokens the scanner cannot finish (that is usually the error): underline the opener only.
  const dollar = dollarDelimiterAt(text, start);
  if (dollar) return start + dollar.length;
  if (text.startsWith('/*', start)) return start + 2;
  // Numeric junk (`1abc`) and names: the run of identifier characters; E'... and the like: the prefix and quote.
  let end = start;
  while (end < text.length && isIdentChar(text.charCodeAt(end))) end++;
  if (end === start + 1 && text.charCodeAt(end) === 39 /* ' */) end++;
  return end > start ? end : start + charLengthAt(text, start);
}

/** End of the first token of text[from, to) when it starts right at `from`; undefined when the scanner rejects it. */
function firstToken(text: string, from: number, to: number): number | undefined {
  const slice = text.slice(from, to);
  let token;
  try {
    token = pgScan(slice).tokens[0];
  } catch {
    return undefined;
  }
  return token && token.start === 0 ? from + byteToCharMap(slice)(token.end) : undefined;
}
