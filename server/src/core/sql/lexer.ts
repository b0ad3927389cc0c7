// A small tokenizer for SQL that PostgreSQL has already accepted: it only has to tell strings, quoted
// names, dollar-quoted bodies and comments from the rest, to find top-level commas and the last token.
// Running PostgreSQL's scanner instead costs more than the whole parse (its JSON output is large).
import { isIdentChar, isIdentStart, skipTrivia } from './trivia';

export interface LexToken {
  start: number;
  end: number;
}

const DOLLAR_DELIM = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/** The `$tag$` delimiter starting at `pos`, if one does. */
export function dollarDelimiterAt(text: string, pos: number): string | undefined {
  DOLLAR_DELIM.lastIndex = pos;
  return DOLLAR_DELIM.exec(text)?.[0];
}

/** End of the quoted token starting at `pos` (a `'` or `"`), doubled quotes and (E-strings) backslashes skipped. */
function quotedEnd(text: string, pos: number, end: number, backslashes: boolean): number {
  const quote = text.charCodeAt(pos);
  let i = pos + 1;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (backslashes && c === 92 /* \ */) i += 2;
    else if (c !== quote) i++;
    else if (text.charCodeAt(i + 1) === quote) i += 2;
    else return i + 1;
  }
  return end;
}

function tokenEnd(text: string, pos: number, end: number): number {
  const c = text.charCodeAt(pos);
  if (c === 39 /* ' */ || c === 34 /* " */) return quotedEnd(text, pos, end, false);
  if (isIdentStart(c)) {
    let i = pos + 1;
    while (i < end && isIdentChar(text.charCodeAt(i))) i++;
    // E'...' takes backslash escapes; U&'...', B'...', X'...', N'...' are plain strings.
    if (text.charCodeAt(i) === 39 && i - pos === 1) return quotedEnd(text, i, end, c === 69 || c === 101);
    return i;
  }
  const delim = c === 36 /* $ */ ? dollarDelimiterAt(text, pos) : undefined;
  if (delim) {
    const close = text.indexOf(delim, pos + delim.length);
    return close < 0 || close + delim.length > end ? end : close + delim.length;
  }
  return pos + 1;
}

/** Tokens of text[from, to) other than whitespace and comments. */
export function* lexTokens(text: string, from: number, to: number): Generator<LexToken> {
  let i = skipTrivia(text, from, to);
  while (i < to) {
    const end = tokenEnd(text, i, to);
    yield { start: i, end };
    i = skipTrivia(text, end, to);
  }
}

/** The first token of text from `from` on (an empty range at `from` when there is none): where to point at a statement. */
export function firstTokenAt(text: string, from = 0): LexToken {
  for (const t of lexTokens(text, from, text.length)) return t;
  return { start: from, end: from };
}

/** End of the last token in text[from, to): trailing comments are not part of a statement. */
export function lastTokenEnd(text: string, from: number, to: number): number {
  let last = from;
  for (const t of lexTokens(text, from, to)) last = t.end;
  return last;
}

/** Ranges of text[from, to) split at commas outside parentheses and brackets. */
export function splitTopLevel(text: string, from: number, to: number): LexToken[] {
  const parts: LexToken[] = [];
  let depth = 0;
  let start = -1;
  let last = -1;
  for (const t of lexTokens(text, from, to)) {
    const c = t.end - t.start === 1 ? text.charCodeAt(t.start) : 0;
    if (c === 44 /* , */ && depth === 0) {
      if (start >= 0) parts.push({ start, end: last });
      start = -1;
      continue;
    }
    if (c === 40 /* ( */ || c === 91 /* [ */) depth++;
    else if (c === 41 /* ) */ || c === 93 /* ] */) depth--;
    if (start < 0) start = t.start;
    last = t.end;
  }
  if (start >= 0) parts.push({ start, end: last });
  return parts;
}
