// Shared helpers for the SQL layer's tests: SqlText built by hand, and facts shown in a form that is easy to compare.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before } from 'node:test';
import { initParsers } from '../../../server/src/host/parsers';
import { analyzeSql, type SqlAnalysis, type SqlOptions } from '../../../server/src/core/sql';
import type { Fact, SqlText } from '../../../server/src/core/types';
import { pgParserCounters } from '../../../server/src/core/sql/pg-parser';

export const TEXT: SqlOptions = { sqlalchemyText: true, driverParams: false };
export const RAW: SqlOptions = { sqlalchemyText: false, driverParams: false };
export const DRIVER: SqlOptions = { sqlalchemyText: false, driverParams: true };

/** Where single-segment SQL starts in its imaginary file. */
export const BASE = 1000;

export function useParsers(): void {
  before(() => initParsers());
}

/** Counts calls of PostgreSQL's parser from now on: how tests see whether a result came from the cache. */
export function countParses(): { readonly count: number; restore(): void } {
  const start = pgParserCounters().parses;
  return {
    get count() {
      return pgParserCounters().parses - start;
    },
    restore: () => {},
  };
}

/** SQL that sits at `base` in a file, in one piece (a plain string literal). */
export function sqlText(text: string, base = BASE): SqlText {
  return { text, segments: [{ sqlStart: 0, fileStart: base, length: text.length }], range: { start: base - 1, end: base + text.length + 1 }, editable: true };
}

/**
 * SQL split at `cuts` into implicitly concatenated literals: `"piece0" "piece1" ...` after `prefix` in the file.
 * Returns the file text, so tests can read what a file range underlines.
 */
export function splitSql(text: string, cuts: readonly number[], prefix = 'op.execute('): { sql: SqlText; file: string } {
  const bounds = [0, ...cuts, text.length];
  let file = prefix;
  const segments = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i]!;
    const end = bounds[i + 1]!;
    file += i === 0 ? '"' : ' "';
    segments.push({ sqlStart: start, fileStart: file.length, length: end - start });
    file += text.slice(start, end) + '"';
  }
  const sql: SqlText = { text, segments, range: { start: prefix.length, end: file.length }, editable: true };
  return { sql, file: file + ')' };
}

export function analyze(text: string, options: SqlOptions = TEXT): SqlAnalysis {
  return analyzeSql(sqlText(text), options);
}

/** A fact as tests write it: the flags default to false, the range is shown as the text it underlines. */
export type ShownFact = Omit<Fact, 'range' | 'sql' | 'guardInsertAt' | 'ifExists' | 'ifNotExists' | 'orReplace' | 'concurrently'> &
  Partial<Pick<Fact, 'ifExists' | 'ifNotExists' | 'orReplace' | 'concurrently'>> & {
    underlined?: string;
    /** The SQL from the guard's insertion point on. */
    guardBefore?: string;
  };

export function fact(f: ShownFact): Record<string, unknown> {
  return { ifExists: false, ifNotExists: false, orReplace: false, concurrently: false, ...f };
}

/** Facts of `text`, which must parse, each with `underlined` and `guardBefore` instead of offsets. */
export function shownFacts(text: string, options: SqlOptions = TEXT, withUnderline = false): Record<string, unknown>[] {
  const analysis = analyze(text, options);
  assert.equal(analysis.syntaxError, undefined, `unexpected syntax error in ${JSON.stringify(text)}`);
  return analysis.statements.flatMap((s) =>
    s.facts.map((f) => {
      assert.equal(f.sql, text.slice(s.sqlRange.start, s.sqlRange.end), 'fact.sql is the statement text');
      const { range, sql: _sql, guardInsertAt, ...rest } = f;
      const shown: Record<string, unknown> = { ...rest };
      if (withUnderline) shown.underlined = text.slice(range.start - BASE, range.end - BASE);
      if (guardInsertAt !== undefined) shown.guardBefore = text.slice(guardInsertAt);
      return shown;
    }),
  );
}

export function allFacts(analysis: SqlAnalysis): Fact[] {
  return analysis.statements.flatMap((s) => s.facts);
}

/** Repository root: the nearest folder above the compiled test (or else the working directory) holding test/fixtures. */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'test/fixtures'))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`no repository root above ${__dirname} or ${process.cwd()}`);
}

/** SQL samples of a fixture file: one per line; blank lines and notes (lines starting with `-- `) are skipped. */
export function fixtureLines(name: string): string[] {
  const text = fs.readFileSync(path.join(repoRoot(), 'test/fixtures/sql', name), 'utf8');
  return text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('-- '));
}
