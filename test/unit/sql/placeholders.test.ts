// SQLAlchemy binds, DBAPI placeholders and %% are not PostgreSQL syntax: they must never be reported as errors
// where a value can stand, and every offset must stay that of the SQL as written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE, DRIVER, RAW, TEXT, analyze, shownFacts, useParsers } from './helpers';

useParsers();

function parses(sql: string, options = TEXT): void {
  const analysis = analyze(sql, options);
  assert.equal(analysis.syntaxError, undefined, `${JSON.stringify(sql)}: ${analysis.syntaxError?.message}`);
  assert.ok(analysis.statements.length > 0);
}

test('SQLAlchemy binds stand wherever a value can, including where only a literal or a number can', () => {
  for (const sql of [
    'UPDATE t SET a = :val WHERE id = :id',
    'SELECT * FROM t WHERE a IN :ids AND b = ANY(:arr) LIMIT :n',
    'INSERT INTO t (a, b) VALUES (:a, :b_2) RETURNING id',
    'SELECT :имя, :x1',
    'COMMENT ON TABLE t IS :comment',
    'CREATE SEQUENCE s START :n',
    'SET statement_timeout = :timeout',
    "SELECT now() - INTERVAL :age",
    'ALTER TYPE e ADD VALUE :v',
  ]) parses(sql);
});

test('casts, slices, PL/pgSQL assignments, times and escaped colons are not binds', () => {
  parses("SELECT a::int, '1'::text, (b)::date, arr[1:2], '12:30'::time FROM t WHERE c = :c");
  parses("DO $$ DECLARE x int; BEGIN x := 1; END $$");
  // \: is SQLAlchemy's escaped colon: PostgreSQL receives a plain colon.
  parses('SELECT (ARRAY[1, 2, 3])[1\\:2]');
  parses("SELECT '\\:not_a_bind'");
});

test('what SQLAlchemy does not bind stays an error: :x::int, and binds where no value can stand', () => {
  assert.equal(analyze('SELECT :x::int').syntaxError?.message, 'syntax error at or near ":"');
  const { syntaxError } = analyze('SELECT * FROM :tbl WHERE a = :a');
  assert.ok(syntaxError);
  // The message and the underline name the placeholder as written, not what stood in for it.
  assert.equal(syntaxError.message, 'syntax error at or near ":tbl"');
  assert.deepEqual(syntaxError.range, { start: BASE + 14, end: BASE + 18 });
});

test('binds are not special when the SQL does not go through text()', () => {
  const { syntaxError } = analyze('SELECT :a', RAW);
  assert.equal(syntaxError?.message, 'syntax error at or near ":"');
  assert.equal(syntaxError?.sqlOffset, 7);
});

test('%% is never an error; %s and %(name)s are placeholders in driver-level SQL', () => {
  for (const options of [TEXT, RAW, DRIVER]) parses("SELECT * FROM t WHERE name LIKE 'abc%%' AND n %% 2 = 0", options);
  parses('INSERT INTO t (a, b, c) VALUES (%s, %(name)s, %(other_name)s)', DRIVER);
  parses("UPDATE t SET pct = %s WHERE label LIKE '10%%s'", DRIVER);
  parses('COMMENT ON COLUMN t.a IS %s', DRIVER);
  assert.equal(analyze('SELECT * FROM %(tbl)s', DRIVER).syntaxError?.message, 'syntax error at or near "%(tbl)s"');
});

test('offsets, statement text and facts are those of the SQL as written', () => {
  const sql = "UPDATE t SET a = :val WHERE b LIKE 'x%%'; ALTER TABLE t ADD COLUMN c int DEFAULT :d";
  const analysis = analyze(sql);
  assert.deepEqual(analysis.statements.map((s) => sql.slice(s.sqlRange.start, s.sqlRange.end)), [
    "UPDATE t SET a = :val WHERE b LIKE 'x%%'",
    'ALTER TABLE t ADD COLUMN c int DEFAULT :d',
  ]);
  assert.deepEqual(shownFacts(sql)[1], {
    action: 'create', statement: 'ALTER TABLE ... ADD COLUMN', object: { kind: 'column', name: 'c', table: 't' },
    ifExists: false, ifNotExists: false, orReplace: false, concurrently: false, guardBefore: 'c int DEFAULT :d',
  });
});

test("psycopg's IN %s (a tuple parameter) and = ANY(%s) parse, with the error offsets of the SQL as written", () => {
  for (const sql of [
    'UPDATE t SET a = 1 WHERE status IN %s',
    'DELETE FROM t WHERE id IN %(ids)s AND kind NOT IN %s',
    'SELECT * FROM t WHERE id = ANY(%s)',
    'SELECT * FROM t WHERE a IN %s AND b IN %s',
  ]) parses(sql, DRIVER);
  // The stand-in borrows the blank before the placeholder, so what follows keeps its offset.
  const sql = 'SELECT * FROM t WHERE id IN %s LIMT 1';
  const { syntaxError } = analyze(sql, DRIVER);
  assert.equal(syntaxError?.message, 'syntax error at or near "LIMT"');
  assert.equal(syntaxError?.sqlOffset, sql.indexOf('LIMT'));
});

test('IN%s with no blank before it has no room for a list, and stays an error', () => {
  assert.ok(analyze('SELECT * FROM t WHERE id IN%s', DRIVER).syntaxError);
});
