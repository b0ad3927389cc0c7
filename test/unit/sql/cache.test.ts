// Results are cached per SQL text, but every call gets its own objects, mapped through its own segments.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSql } from '../../../server/src/core/sql';
import { RAW, TEXT, sqlText, useParsers } from './helpers';

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

test('a typical five-statement string is analysed in well under a millisecond', (t) => {
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    // A new text each time: nothing comes from the cache.
    const text = `CREATE TABLE IF NOT EXISTS orders_${i} (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users (id), status text NOT NULL DEFAULT 'new');
CREATE INDEX IF NOT EXISTS idx_orders_${i}_user ON orders_${i} (user_id);
ALTER TABLE orders_${i} ADD COLUMN IF NOT EXISTS note text, DROP COLUMN IF EXISTS legacy;
DROP INDEX IF EXISTS idx_old_${i};
UPDATE orders_${i} SET status = 'old' WHERE id < ${i};`;
    const start = process.hrtime.bigint();
    analyzeSql(sqlText(text), TEXT);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1]!;
  t.diagnostic(`median ${(median * 1000).toFixed(0)} µs per uncached five-statement string`);
  assert.ok(median < 1, `median ${median} ms`);
});
