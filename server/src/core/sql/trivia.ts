// A minimal lexer for walking the keywords at the start of a statement or command, in UTF-16 offsets:
// whitespace and comments are skipped, keywords are read as words, names are stepped over.
// Enough to find where `IF [NOT] EXISTS` goes without running the scanner.

function isSpace(c: number): boolean {
  // PostgreSQL's scanner: space, \t, \n, \r, \f, \v.
  return c === 32 || (c >= 9 && c <= 13);
}

/** First offset at or after `pos` that is neither whitespace nor inside a comment (nested block comments included). */
export function skipTrivia(text: string, pos: number, end = text.length): number {
  let i = pos;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 45 /* - */ && text.charCodeAt(i + 1) === 45) {
      while (i < end && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
      let depth = 0;
      while (i < end) {
        if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 42) {
          depth++;
          i += 2;
        } else if (text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47) {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else {
          i++;
        }
      }
    } else {
      break;
    }
  }
  return Math.min(i, end);
}

/** Trims trailing whitespace (not comments) off [start, end). */
export function trimEndSpace(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && isSpace(text.charCodeAt(e - 1))) e--;
  return e;
}

export function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
}

export function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 36 /* $ */;
}

/** End of the unquoted identifier or keyword starting at `pos` (`pos` itself when there is none). */
export function wordEnd(text: string, pos: number): number {
  if (pos >= text.length || !isIdentStart(text.charCodeAt(pos))) return pos;
  let i = pos + 1;
  while (i < text.length && isIdentChar(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Steps over the keywords `words` from `pos` and returns the start of the token after them, or undefined
 * when the text does not read so. A word ending in `?` is optional; `A|B` accepts either.
 */
export function skipKeywords(text: string, pos: number, words: readonly string[], end = text.length): number | undefined {
  let i = skipTrivia(text, pos, end);
  for (const spec of words) {
    const optional = spec.endsWith('?');
    const accepted = `|${optional ? spec.slice(0, -1) : spec}|`;
    const e = Math.min(wordEnd(text, i), end);
    if (e > i && accepted.includes(`|${text.slice(i, e).toUpperCase()}|`)) i = skipTrivia(text, e, end);
    else if (!optional) return undefined;
  }
  return i < end ? i : undefined;
}

/** Steps over a possibly qualified name (`a`, `"A b"`, `s.t`); undefined when something else is there. */
export function skipName(text: string, pos: number, end = text.length): number | undefined {
  let i = skipTrivia(text, pos, end);
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      i++;
      for (;;) {
        if (i >= end) return undefined;
        if (text.charCodeAt(i) === 34) {
          if (text.charCodeAt(i + 1) !== 34) break;
          i++;
        }
        i++;
      }
      i++;
    } else {
      const e = wordEnd(text, i);
      // U&"..." names carry an optional UESCAPE clause: leave those to the caller's fallback.
      if (e === i || text.charCodeAt(e) === 38 /* & */) return undefined;
      i = e;
    }
    const next = skipTrivia(text, i, end);
    if (text.charCodeAt(next) !== 46 /* . */) return i;
    i = skipTrivia(text, next + 1, end);
  }
}
