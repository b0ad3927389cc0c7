import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSql } from '../../../server/src/core/sql';
import { analyze, splitSql, TEXT, useParsers } from './helpers';

useParsers();

function statementTexts(sql: string): [string, string][] {
  const analysis = analyze(sql);
  assert.equal(analysis.syntaxError, undefined);
  return analysis.statements.map((s) => [s.nodeType, sql.slice(s.sqlRange.start, s.sqlRange.end)]);
}

test('each statement runs from its first token to its last: no whitespace, comments or semicolons', () => {
  const sql = '\n  -- create it\n  CREATE TABLE a (id int) ; /* then */ /* nested /* twice */ ok */\n\tINSERT INTO a VALUES (1)  -- trailing\n;\n SELECT \'--not a comment\' -- but this is\n  ';
  assert.deepEqual(statementTexts(sql), [
    ['CreateStmt', 'CREATE TABLE a (id int)'],
    ['InsertStmt', 'INSERT INTO a VALUES (1)'],
    ['SelectStmt', "SELECT '--not a comment'"],
  ]);
});

test('semicolons inside strings, names and dollar-quoted bodies do not split statements', () => {
  const sql = `SELECT 'a;b', "c;d"; CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $fn$ SELECT 1; $fn$; DO $$ BEGIN PERFORM 1; END $$`;
  assert.deepEqual(statementTexts(sql).map(([t]) => t), ['SelectStmt', 'CreateFunctionStmt', 'DoStmt']);
});

test('ranges are UTF-16 offsets after non-ASCII text (PostgreSQL reports UTF-8 bytes)', () => {
  const sql = "SELECT 'ß😀'; COMMENT ON TABLE \"日本\" IS 'ü';\r\nDROP TABLE \"é\"";
  assert.deepEqual(statementTexts(sql), [
    ['SelectStmt', "SELECT 'ß😀'"],
    ['CommentStmt', 'COMMENT ON TABLE "日本" IS \'ü\''],
    ['DropStmt', 'DROP TABLE "é"'],
  ]);
});

test('fact ranges map through the segments to the file', () => {
  const text = 'CREATE TABLE a (id int); DROP TABLE b';
  const { sql, file } = splitSql(text, [10, 30]);
  const facts = analyzeSql(sql, TEXT).statements.flatMap((s) => s.facts);
  assert.deepEqual(facts.map((f) => file.slice(f.range.start, f.range.end)), ['CREATE TAB" "LE a (id int)', 'DROP " "TABLE b']);
  assert.deepEqual(facts.map((f) => f.sql), ['CREATE TABLE a (id int)', 'DROP TABLE b']);
});
