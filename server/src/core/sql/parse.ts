// Runs PostgreSQL's parser over neutralized SQL; when it stops at a placeholder, tries the next stand-in there.
import type { RawStmt } from 'libpg-query';
import type { Range } from '../types';
import { errorTokenRange } from './error-range';
import { nextStandIn, withStandIns, type NeutralizedSql } from './neutralize';
import { pgParse, PgSyntaxError } from './pg-parser';
import { codePointToChar } from './positions';

export interface SqlErrorCore {
  message: string;
  sqlOffset: number;
  sqlRange: Range;
}

export interface ParsedSql {
  /** The text PostgreSQL parsed: same length and offsets as the SQL text. */
  text: string;
  stmts: RawStmt[];
  error?: SqlErrorCore;
}

const MAX_TRIES = 32;

/** Parses; PostgreSQL errors become a result, anything else (the parser not loaded, a PgParserFailure) is thrown. */
export function parseNeutralized(n: NeutralizedSql): ParsedSql {
  const choices = n.binds.map(() => 0);
  let text = n.text;
  // Each retry moves one placeholder to its next stand-in; the cap bounds pathological strings with many binds.
  for (let tries = 0; ; tries++) {
    let stmts: RawStmt[];
    try {
      stmts = pgParse(text).stmts ?? [];
    } catch (e) {
      if (!(e instanceof PgSyntaxError)) throw e;
      const err = e;
      const cursor = codePointToChar(text, err.cursor);
      const at = n.binds.findIndex((b) => b.start <= cursor && cursor < b.end);
      const bind = n.binds[at];
      const next = bind && nextStandIn(choices[at]!, bind.end - bind.start, n.slack[at]);
      if (next !== undefined && tries < MAX_TRIES) {
        choices[at] = next;
        text = withStandIns(n, choices);
        continue;
      }
      return { text, stmts: [], error: describeError(n, text, err, cursor) };
    }
    return { text, stmts };
  }
}

function describeError(n: NeutralizedSql, text: string, err: PgSyntaxError, cursor: number): SqlErrorCore {
  let range = errorTokenRange(text, cursor);
  let message = err.message;
  // Name the placeholder as written (`:name`, `%s`), not the stand-in PostgreSQL saw.
  const bind = n.binds.find((b) => b.start < Math.max(range.end, range.start + 1) && range.start < b.end);
  if (bind) {
    const seen = text.slice(range.start, range.end);
    range = { start: Math.min(range.start, bind.start), end: Math.max(range.end, bind.end) };
    message = message.replace(`"${seen}"`, `"${n.original.slice(range.start, range.end)}"`);
  }
  return { message, sqlOffset: cursor, sqlRange: range };
}
