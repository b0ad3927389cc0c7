// Where each ALTER TABLE sub-command is: the parse tree gives commands no location, so split the text
// after the table name at top-level commas.
import type { RangeVar } from 'libpg-query';
import type { Range } from '../types';
import { charAt, type StatementContext } from './draft';
import { splitTopLevel } from './lexer';
import { skipName, skipTrivia } from './trivia';

/** The sub-commands' ranges in order, or undefined when the text cannot be split into `count` commands. */
export function commandRanges(ctx: StatementContext, relation: RangeVar | undefined, count: number): Range[] | undefined {
  const { text, range } = ctx;
  const nameAt = charAt(ctx, relation?.location);
  if (nameAt === undefined || count === 0) return undefined;
  const afterName = skipName(text, nameAt, range.end);
  if (afterName === undefined) return undefined;
  let start = skipTrivia(text, afterName, range.end);
  // ALTER TABLE t * ... (descendant tables, the default) is still accepted.
  if (text[start] === '*') start = skipTrivia(text, start + 1, range.end);
  if (start >= range.end) return undefined;
  const ranges = count === 1 ? [{ start, end: range.end }] : splitTopLevel(text, start, range.end);
  return ranges.length === count ? ranges : undefined;
}
