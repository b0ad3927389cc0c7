// SQL as PostgreSQL's own scanner reads it, without what does not change what runs: whitespace and comments are
// left out, and keywords and unquoted names are folded to lower case as PostgreSQL folds them. Two SQL texts with
// the same tokens run alike (`CREATE TABLE Users` re-indented, or with a comment added, is the same statement).
import type { Range } from '../types';
import { pgScan } from './pg-parser';
import { byteToCharMap } from './positions';

export interface SqlToken {
  text: string;
  /** UTF-16 offsets into the SQL text. */
  range: Range;
}

const COMMENTS = new Set(['SQL_COMMENT', 'C_COMMENT']);

/** The tokens, or undefined when the scanner refuses the text (an unterminated quote, nothing but blanks). */
export function sqlTokens(sql: string): SqlToken[] | undefined {
  let scanned;
  try {
    scanned = pgScan(sql);
  } catch {
    return undefined;
  }
  const toChar = byteToCharMap(sql);
  return scanned.tokens
    .filter((token) => !COMMENTS.has(token.tokenName))
    .map((token) => {
      // A quoted name (`"Users"`, `U&"..."`) and every literal keep their case; the rest is folded.
      const folded = token.keywordKind > 0 || (token.tokenName === 'IDENT' && !token.text.includes('"'));
      return { text: folded ? token.text.toLowerCase() : token.text, range: { start: toChar(token.start), end: toChar(token.end) } };
    });
}

/**
 * Where `sql` first differs from `other` as PostgreSQL reads them: the range in `sql` of the first differing token
 * (its last token when `sql` ends first); 'same' when they run alike; undefined when either cannot be scanned.
 */
export function firstSqlDifference(sql: string, other: string): Range | 'same' | undefined {
  const ours = sqlTokens(sql);
  const theirs = sqlTokens(other);
  if (!ours || !theirs) return undefined;
  let i = 0;
  while (i < ours.length && i < theirs.length && ours[i]!.text === theirs[i]!.text) i++;
  if (i === ours.length && i === theirs.length) return 'same';
  return (ours[i] ?? ours[ours.length - 1])?.range ?? { start: 0, end: sql.length };
}
