// Placeholders that reach PostgreSQL as values (SQLAlchemy text() binds, DBAPI %s) are not PostgreSQL
// syntax: replace them before parsing, character for character, so every offset stays valid.
import type { Range } from '../types';
import type { SqlOptions } from './index';

/**
 * What a placeholder can become, tried in order when PostgreSQL rejects the previous one right there:
 * a parameter stands anywhere an expression can, a string where only a literal can (COMMENT ... IS,
 * INTERVAL '...'), a number where only a number can (START WITH), a list after IN (SQLAlchemy's
 * expanding binds and psycopg's tuples render one) when the placeholder is long enough to hold it.
 */
const STAND_INS = ['$1', "''", '0', '(0)'] as const;

/**
 * The stand-in to try after `choice` for a placeholder of `length` characters, if any is left. `slack`: the blanks
 * right before it that a longer stand-in may take (psycopg's `IN %s` becomes `IN(0)`, the same length).
 */
export function nextStandIn(choice: number, length: number, slack = 0): number | undefined {
  for (let c = choice + 1; c < STAND_INS.length; c++) if (STAND_INS[c]!.length <= length + slack) return c;
  return undefined;
}

export interface NeutralizedSql {
  /** The SQL as written. */
  original: string;
  /** Same length as the input; only placeholders, `%%` and `\:` differ. */
  text: string;
  /** Placeholder spans, each currently holding STAND_INS[0]. */
  binds: Range[];
  /** For each bind, how many blanks right before it (not another bind's) a stand-in longer than it may take: 0 or 1. */
  slack: number[];
}

// SQLAlchemy's TextClause regex, `(?<![:\w\\]):(\w+)(?!:)`, with Python's Unicode \w; `\:` is its escaped colon.
const SQLALCHEMY = String.raw`\\:|(?<![:\p{L}\p{N}_\\]):[\p{L}\p{N}_]+(?!:)`;
// psycopg's pyformat placeholders.
const DRIVER = String.raw`%s|%\([^)]*\)s`;

/** Two characters that tell the option sets apart (the SQL layer caches by options and text). */
export function optionsKey(options: SqlOptions): string {
  return `${options.sqlalchemyText ? 1 : 0}${options.driverParams ? 1 : 0}`;
}

const patterns = new Map<string, RegExp>();

function patternFor(options: SqlOptions): RegExp {
  const key = optionsKey(options);
  let re = patterns.get(key);
  if (!re) {
    // `%%` first so that `%%s` is an escaped percent followed by `s`, as the driver reads it.
    const parts = ['%%'];
    if (options.driverParams) parts.push(DRIVER);
    if (options.sqlalchemyText) parts.push(SQLALCHEMY);
    re = new RegExp(parts.join('|'), 'gu');
    patterns.set(key, re);
  }
  return re;
}

function standIn(choice: number, length: number): string {
  const s = STAND_INS[choice] ?? STAND_INS[0];
  return s + ' '.repeat(Math.max(0, length - s.length));
}

export function neutralize(sql: string, options: SqlOptions): NeutralizedSql {
  const binds: Range[] = [];
  const slack: number[] = [];
  // `%%` appears in op.execute strings too (copied from driver-level SQL): never a reason for a syntax error.
  if (!sql.includes('%') && !(options.sqlalchemyText && sql.includes(':'))) return { original: sql, text: sql, binds, slack };
  const text = sql.replace(patternFor(options), (match: string, offset: number) => {
    if (match === '%%') return '% ';
    if (match === '\\:') return ' :';
    const previous = binds[binds.length - 1];
    const blank = offset > 0 && /\s/.test(sql[offset - 1]!) && (previous === undefined || previous.end < offset);
    binds.push({ start: offset, end: offset + match.length });
    slack.push(blank ? 1 : 0);
    return standIn(0, match.length);
  });
  return { original: sql, text, binds, slack };
}

/** The text with each placeholder replaced by STAND_INS[choices[i]], a longer one taking the blanks before it. */
export function withStandIns(n: NeutralizedSql, choices: readonly number[]): string {
  let out = '';
  let at = 0;
  n.binds.forEach((b, i) => {
    const s = STAND_INS[choices[i] ?? 0] ?? STAND_INS[0];
    const borrowed = Math.min(n.slack[i] ?? 0, Math.max(0, s.length - (b.end - b.start)));
    out += n.text.slice(at, b.start - borrowed) + standIn(choices[i] ?? 0, b.end - b.start + borrowed);
    at = b.end;
  });
  return out + n.text.slice(at);
}
