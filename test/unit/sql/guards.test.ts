// Every guard point must be one PostgreSQL accepts: insert the guard there, parse again, and the fact has it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSql } from '../../../server/src/core/sql';
import type { Fact } from '../../../server/src/core/types';
import { allFacts, analyze, fixtureLines, splitSql, useParsers } from './helpers';

useParsers();

function guardText(f: Fact): string {
  return f.action === 'drop' ? 'IF EXISTS ' : 'IF NOT EXISTS ';
}

/** Inserts each guard in turn and checks the re-parsed fact; returns how many guards there were. */
function checkGuards(sql: string): number {
  const facts = allFacts(analyze(sql));
  let guards = 0;
  facts.forEach((f, i) => {
    if (f.guardInsertAt === undefined) return;
    guards++;
    assert.ok(!(f.action === 'drop' ? f.ifExists : f.ifNotExists), `${sql}: a guard point on a fact that has the guard`);
    const fixed = sql.slice(0, f.guardInsertAt) + guardText(f) + sql.slice(f.guardInsertAt);
    const again = analyze(fixed);
    assert.equal(again.syntaxError, undefined, `${JSON.stringify(fixed)} does not parse: ${again.syntaxError?.message}`);
    const after = allFacts(again)[i];
    assert.ok(after, `${fixed}: fact ${i} is gone`);
    assert.deepEqual(after.object, f.object, fixed);
    assert.equal(f.action === 'drop' ? after.ifExists : after.ifNotExists, true, `${fixed}: the guard is not seen`);
    assert.equal(after.guardInsertAt, undefined, `${fixed}: still offers a guard`);
  });
  return guards;
}

test('every guard point accepts the guard (fixture of all supported forms)', () => {
  const lines = fixtureLines('guard-forms.sql');
  assert.ok(lines.length > 70);
  for (const sql of lines) assert.ok(checkGuards(sql) > 0, `no guard point found in ${JSON.stringify(sql)}`);
});

test('forms without an IF [NOT] EXISTS form, or that already have it, offer no guard point', () => {
  for (const sql of fixtureLines('unguarded-forms.sql')) {
    const analysis = analyze(sql);
    assert.equal(analysis.syntaxError, undefined, sql);
    for (const f of allFacts(analysis)) assert.equal(f.guardInsertAt, undefined, `${sql}: ${f.statement}`);
  }
});

test('guard points are offsets into the SQL text, after non-ASCII text and across statements and lines', () => {
  const sql = "SELECT '日本語 😀';\r\n  CREATE TABLE \"Ünïcode\" (a int);\n\tALTER TABLE \"Ü\" ADD COLUMN \"ß\" text, DROP COLUMN \"ø\";\nDROP TYPE \"🎉\"";
  const facts = allFacts(analyze(sql)).filter((f) => f.guardInsertAt !== undefined);
  assert.deepEqual(
    facts.map((f) => sql.slice(f.guardInsertAt).split(/[ ,;]/)[0]),
    ['"Ünïcode"', '"ß"', '"ø"', '"🎉"'],
  );
  assert.equal(checkGuards(sql), 4);
});

test('guard points do not depend on how the SQL is split across string literals', () => {
  const text = 'CREATE INDEX idx ON t (a); DROP TABLE x';
  const whole = allFacts(analyze(text)).map((f) => f.guardInsertAt);
  const { sql } = splitSql(text, [7, 20, 30]);
  assert.deepEqual(allFacts(analyzeSql(sql, { sqlalchemyText: true, driverParams: false })).map((f) => f.guardInsertAt), whole);
  assert.deepEqual(whole, [text.indexOf('idx'), text.indexOf('x', 30)]);
});
