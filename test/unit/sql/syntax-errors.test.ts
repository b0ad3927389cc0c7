import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSql } from '../../../server/src/core/sql';
import type { SqlText } from '../../../server/src/core/types';
import { BASE, RAW, TEXT, analyze, splitSql, useParsers } from './helpers';

useParsers();

/** The error's message and the SQL it underlines (the SQL sits at BASE in its file, in one piece). */
function errorOf(sql: string, options = TEXT): { message: string; underlined: string; sqlOffset: number } {
  const { syntaxError, statements } = analyze(sql, options);
  assert.ok(syntaxError, `expected a syntax error in ${JSON.stringify(sql)}`);
  assert.deepEqual(statements, []);
  return { message: syntaxError.message, underlined: sql.slice(syntaxError.range.start - BASE, syntaxError.range.end - BASE), sqlOffset: syntaxError.sqlOffset };
}

test('PostgreSQL\'s message, and the offending token underlined', () => {
  assert.deepEqual(errorOf('SELECT * FRO t'), { message: 'syntax error at or near "FRO"', underlined: 'FRO', sqlOffset: 9 });
  assert.deepEqual(errorOf('CREATE TABLE t (a int,)'), { message: 'syntax error at or near ")"', underlined: ')', sqlOffset: 22 });
  assert.deepEqual(errorOf('SELECT 1abc'), { message: 'trailing junk after numeric literal at or near "1abc"', underlined: '1abc', sqlOffset: 7 });
  assert.deepEqual(errorOf("SELECT 1 FROM t WHERE a = 'x' 'y'"), { message: 'syntax error at or near "\'y\'"', underlined: "'y'", sqlOffset: 30 });
});

test('non-ASCII text before the error, and multi-byte characters inside the token', () => {
  assert.deepEqual(errorOf('INSERT INTO "日本" VALUES (\'ü\') RETURNIN id'), { message: 'syntax error at or near "RETURNIN"', underlined: 'RETURNIN', sqlOffset: 30 });
  assert.deepEqual(errorOf('SELECT 1 FROM t WHERE x = 1 ünknöwn'), { message: 'syntax error at or near "ünknöwn"', underlined: 'ünknöwn', sqlOffset: 28 });
  // PostgreSQL counts characters: the emoji is one to it and two UTF-16 units to us.
  assert.deepEqual(errorOf("SELECT '😀😀' FRO x"), { message: 'syntax error at or near "x"', underlined: 'x', sqlOffset: 18 });
  const sql = 'SELECT "na\u00efve" FROM t WHERE b ä';
  assert.deepEqual(errorOf(sql), { message: 'syntax error at or near "ä"', underlined: 'ä', sqlOffset: sql.lastIndexOf('ä') });
});

test('an error in the second statement', () => {
  const sql = 'CREATE TABLE a (id int);\n-- next\nCREAT TABLE b (id int)';
  assert.deepEqual(errorOf(sql), { message: 'syntax error at or near "CREAT"', underlined: 'CREAT', sqlOffset: sql.indexOf('CREAT TABLE b') });
});

test('unterminated quotes, dollar quotes, quoted names and comments underline their opener', () => {
  assert.deepEqual(errorOf("SELECT 'abc"), { message: 'unterminated quoted string at or near "\'abc"', underlined: "'", sqlOffset: 7 });
  assert.deepEqual(errorOf("SELECT E'\\x"), { message: 'unterminated quoted string at or near "E\'\\x"', underlined: "E'", sqlOffset: 7 });
  assert.deepEqual(errorOf('DO $$ BEGIN NULL; END'), { message: 'unterminated dollar-quoted string at or near "$$ BEGIN NULL; END"', underlined: '$$', sqlOffset: 3 });
  assert.deepEqual(errorOf('DO $body$ BEGIN NULL; END $$'), { message: 'unterminated dollar-quoted string at or near "$body$ BEGIN NULL; END $$"', underlined: '$body$', sqlOffset: 3 });
  assert.deepEqual(errorOf('SELECT "abc'), { message: 'unterminated quoted identifier at or near ""abc"', underlined: '"', sqlOffset: 7 });
  assert.deepEqual(errorOf('SELECT 1 /* x'), { message: 'unterminated /* comment at or near "/* x"', underlined: '/*', sqlOffset: 9 });
});

test('an error at the end of the input underlines the last character that is not a space', () => {
  assert.deepEqual(errorOf('CREATE TABLE t (a int'), { message: 'syntax error at end of input', underlined: 't', sqlOffset: 21 });
  assert.deepEqual(errorOf('ALTER TABLE t ADD COLUMN\n   \t'), { message: 'syntax error at end of input', underlined: 'N', sqlOffset: 29 });
  assert.deepEqual(errorOf('CREATE TABLE 😀'), { message: 'syntax error at end of input', underlined: '😀', sqlOffset: 15 });
});

test('errors PostgreSQL raises in its grammar actions', () => {
  assert.deepEqual(errorOf('CREATE SCHEMA IF NOT EXISTS s CREATE TABLE t (a int)'), {
    message: 'CREATE SCHEMA IF NOT EXISTS cannot include schema elements', underlined: 'CREATE', sqlOffset: 30,
  });
});

test('file ranges follow the segments: a token split across literals, and escapes', () => {
  // "SELECT * FR" "O t": the token FRO spans the two literals.
  const { sql, file } = splitSql('SELECT * FRO t', [11]);
  const error = analyzeSql(sql, RAW).syntaxError;
  assert.ok(error);
  assert.equal(file.slice(error.range.start, error.range.end), 'FR" "O');

  // "SELECT 1\nFRO x" written with an escape: \n is a run of its own that maps to the backslash.
  const file2 = 'op.execute("SELECT * \\nFRO x")';
  const at = file2.indexOf('SELECT');
  const escaped: SqlText = {
    text: 'SELECT * \nFRO x',
    segments: [
      { sqlStart: 0, fileStart: at, length: 9 },
      { sqlStart: 9, fileStart: at + 9, length: 1 },
      { sqlStart: 10, fileStart: at + 11, length: 5 },
    ],
    range: { start: at - 1, end: file2.length - 1 },
    editable: true,
  };
  const error2 = analyzeSql(escaped, RAW).syntaxError;
  assert.ok(error2);
  assert.equal(file2.slice(error2.range.start, error2.range.end), 'FRO');
});

test('empty, blank and comment-only SQL: no statements and no error', () => {
  for (const sql of ['', '   \n\t', '-- nothing to do\n', '/* nothing */', ';', ' ; ; ']) {
    assert.deepEqual(analyze(sql), { statements: [] }, JSON.stringify(sql));
  }
});

test('PL/pgSQL bodies and DO blocks are not false errors', () => {
  const bodies = [
    `CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();  -- a comment with 'quotes' and :colons
  IF NEW.status = 'x' THEN RAISE EXCEPTION 'bad: %', NEW.status; END IF;
  RETURN NEW;
END;
$$`,
    `DO $do$
DECLARE r record;
BEGIN
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('ALTER TABLE %I OWNER TO app', r.tablename);
  END LOOP;
END
$do$`,
    "DO 'BEGIN PERFORM 1; END'",
    "CREATE FUNCTION add(a int, b int) RETURNS int IMMUTABLE BEGIN ATOMIC SELECT a + b; END",
  ];
  for (const sql of bodies) {
    const analysis = analyze(sql);
    assert.equal(analysis.syntaxError, undefined, sql);
    assert.equal(analysis.statements.length, 1);
  }
});
