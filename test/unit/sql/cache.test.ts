// Results are cached per SQL text, but every call gets its own objects, mapped through its own segments.
// How long an uncached string takes is measured by `npm run bench`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSql } from '../../../server/src/core/sql';
import { fiveStatements } from '../../helpers/sql-samples';
import { RAW, TEXT, countParses, sqlText, useParsers } from './helpers';

useParsers();

test('the same text twice: equal results, separate objects', () => {
  const sql = sqlText('CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b int, DROP COLUMN c');
  const first = analyzeSql(sql, TEXT);
  const second = analyzeSql(sql, TEXT);
  assert.deepEqual(second, first);
  const fact = first.statements[1]!.facts[0]!;
  fact.object!.name = 'changed';
  first.statements[0]!.facts[0]!.columns!.push('changed');
  first.statements[0]!.sqlRange.end = 0;
  const third = analyzeSql(sql, TEXT);
  assert.equal(third.statements[1]!.facts[0]!.object!.name, 'b');
  assert.deepEqual(third.statements[0]!.facts[0]!.columns, ['a']);
  assert.equal(third.statements[0]!.sqlRange.end, 22);
});

test('the same text elsewhere in a file maps to that place', () => {
  const text = 'DROP TABLE x';
  assert.deepEqual(analyzeSql(sqlText(text, 10), TEXT).statements[0]!.facts[0]!.range, { start: 10, end: 22 });
  assert.deepEqual(analyzeSql(sqlText(text, 500), TEXT).statements[0]!.facts[0]!.range, { start: 500, end: 512 });
  assert.deepEqual(analyzeSql(sqlText('SELECT * FRO t', 40), TEXT).syntaxError?.range, { start: 49, end: 52 });
  assert.deepEqual(analyzeSql(sqlText('SELECT * FRO t', 70), TEXT).syntaxError?.range, { start: 79, end: 82 });
});

test('the options are part of what is cached', () => {
  const sql = sqlText('SELECT :a');
  assert.equal(analyzeSql(sql, TEXT).syntaxError, undefined);
  assert.ok(analyzeSql(sql, RAW).syntaxError);
  assert.equal(analyzeSql(sql, TEXT).syntaxError, undefined);
});

test('a cached text is not parsed again; a new text is parsed once', () => {
  const parses = countParses();
  try {
    for (let i = 0; i < 300; i++) {
      // A new text each time: nothing comes from the cache.
      const sql = sqlText(fiveStatements(`cache_test_${i}`));
      const before = parses.count;
      const first = analyzeSql(sql, TEXT);
      assert.equal(parses.count - before, 1, `a new text: one parse (string ${i})`);
      assert.equal(first.statements.length, 5);
      assert.equal(first.syntaxError, undefined);
      const again = analyzeSql(sqlText(sql.text, 300), TEXT);
      assert.equal(parses.count - before, 1, `the same text again, elsewhere in a file: no parse (string ${i})`);
      assert.deepEqual(again.statements.map((s) => s.nodeType), first.statements.map((s) => s.nodeType));
    }
    const before = parses.count;
    analyzeSql(sqlText(fiveStatements('cache_test_0')), RAW);
    assert.equal(parses.count - before, 1, 'other options: parsed for them');
  } finally {
    parses.restore();
  }
});
