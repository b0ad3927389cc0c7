// What the user reads when SQL was not checked: the limit it passed, or that the parser failed on it.
import type { Range } from '../types';
import type { SqlTooComplex } from './complexity';
import { firstTokenAt } from './lexer';
import { PgParserFailure } from './pg-parser';

/** Not checked, in SQL-text coordinates. */
export interface SqlNotCheckedCore {
  message: string;
  sqlRange: Range;
}

const AFTERWARDS = 'the other rules treat its effects as unknown';

export function refusedMessage(refusal: SqlTooComplex): SqlNotCheckedCore {
  const what =
    refusal.kind === 'too-deep'
      ? `it nests about ${refusal.depth.toLocaleString('en-US')} levels deep (the checker parses up to ${refusal.limit})`
      : `it is ${refusal.length.toLocaleString('en-US')} characters long (the checker parses up to ${refusal.limit.toLocaleString('en-US')})`;
  return { message: `SQL not checked: ${what}; ${AFTERWARDS}.`, sqlRange: refusal.sqlRange };
}

/** The parser failed on `text` (or threw something we do not know): say so, at the SQL's first token. */
export function failedMessage(text: string, error: unknown): SqlNotCheckedCore {
  const why =
    error instanceof PgParserFailure && error.reason === 'stack'
      ? 'it is nested too deeply for the parser (it ran out of stack)'
      : error instanceof PgParserFailure && error.reason === 'unavailable'
        ? 'the SQL parser is restarting after a failure'
        : `the checker failed on it (${error instanceof Error ? error.message : String(error)})`;
  return { message: `SQL not checked: ${why}; ${AFTERWARDS}.`, sqlRange: firstTokenAt(text) };
}
