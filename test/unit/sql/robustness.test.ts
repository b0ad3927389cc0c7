// Mutated SQL never makes the SQL layer throw, and whatever it answers stays inside the text it was given.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSql, type SqlOptions } from '../../../server/src/core/sql';
import type { SqlText } from '../../../server/src/core/types';
import { mutate, random } from '../../helpers/mutate';
import { fixtureLines, splitSql, useParsers } from './helpers';

useParsers();

function checkInside(sql: SqlText, options: SqlOptions): void {
  const label = JSON.stringify(sql.text);
  const analysis = analyzeSql(sql, options);
  const fileStart = sql.segments[0]?.fileStart ?? sql.range.start;
  const last = sql.segments[sql.segments.length - 1];
  const fileEnd = last ? last.fileStart + last.length : sql.range.end;
  const inFile = (r: { start: number; end: number }) => fileStart <= r.start && r.start <= r.end && r.end <= fileEnd;
  if (analysis.syntaxError) {
    assert.ok(inFile(analysis.syntaxError.range), label);
    assert.ok(analysis.syntaxError.sqlOffset >= 0 && analysis.syntaxError.sqlOffset <= sql.text.length, label);
    assert.equal(analysis.statements.length, 0, label);
  }
  let previousEnd = 0;
  for (const s of analysis.statements) {
    assert.ok(previousEnd <= s.sqlRange.start && s.sqlRange.start <= s.sqlRange.end && s.sqlRange.end <= sql.text.length, label);
    previousEnd = s.sqlRange.end;
    assert.ok(s.facts.length > 0, label);
    for (const f of s.facts) {
      assert.ok(inFile(f.range), label);
      if (f.guardInsertAt !== undefined) assert.ok(s.sqlRange.start <= f.guardInsertAt && f.guardInsertAt < s.sqlRange.end, label);
    }
  }
}

test('2,000 random mutations of valid statements: no exception, answers inside the text', (t) => {
  const seeds = [
    ...fixtureLines('guard-forms.sql'),
    ...fixtureLines('unguarded-forms.sql'),
    "CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.x := 'a;b';\n  RETURN NEW;\nEND;\n$$;\nDO $d$ BEGIN PERFORM 1; END $d$",
    "UPDATE t SET a = :a, b = %s WHERE c LIKE 'x%%' -- done\n",
  ];
  const next = random(20240601);
  const options: SqlOptions[] = [
    { sqlalchemyText: true, driverParams: false },
    { sqlalchemyText: false, driverParams: false },
    { sqlalchemyText: false, driverParams: true },
    { sqlalchemyText: true, driverParams: true },
  ];
  let errors = 0;
  for (let i = 0; i < 2000; i++) {
    const text = mutate(seeds[Math.floor(next() * seeds.length)]!, next);
    const cuts = [...new Set([Math.floor(next() * text.length), Math.floor(next() * text.length)])].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b);
    const { sql } = splitSql(text, cuts);
    const opts = options[i % options.length]!;
    checkInside(sql, opts);
    if (analyzeSql(sql, opts).syntaxError) errors++;
  }
  t.diagnostic(`${errors} of 2000 mutated strings have a syntax error`);
  // The mutations must exercise both paths.
  assert.ok(errors > 200 && errors < 1900, `syntax errors in ${errors} of 2000`);
});
