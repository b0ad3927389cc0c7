import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fact, shownFacts, useParsers } from './helpers';

useParsers();

function check(sql: string, expected: Record<string, unknown>[]): void {
  assert.deepEqual(shownFacts(sql), expected, sql);
}

test('DROP: one fact per object, IF EXISTS, CONCURRENTLY, the guard before the first name', () => {
  check('DROP TABLE a, s.b CASCADE', [
    fact({ action: 'drop', statement: 'DROP TABLE', object: { kind: 'table', name: 'a' }, partOfStatement: true, guardBefore: 'a, s.b CASCADE' }),
    fact({ action: 'drop', statement: 'DROP TABLE', object: { kind: 'table', name: 'b', schema: 's' }, partOfStatement: true, guardBefore: 'a, s.b CASCADE' }),
  ]);
  check('DROP TABLE IF EXISTS a', [fact({ action: 'drop', statement: 'DROP TABLE', object: { kind: 'table', name: 'a' }, ifExists: true })]);
  check('DROP INDEX CONCURRENTLY s.i', [fact({ action: 'drop', statement: 'DROP INDEX', object: { kind: 'index', name: 'i', schema: 's' }, concurrently: true, guardBefore: 's.i' })]);
  check('DROP INDEX CONCURRENTLY IF EXISTS i', [fact({ action: 'drop', statement: 'DROP INDEX', object: { kind: 'index', name: 'i' }, concurrently: true, ifExists: true })]);
});

test('DROP of every kind names the object the way the other layers match it', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['DROP VIEW v', { statement: 'DROP VIEW', object: { kind: 'view', name: 'v' }, guardBefore: 'v' }],
    ['DROP MATERIALIZED VIEW m', { statement: 'DROP MATERIALIZED VIEW', object: { kind: 'materialized view', name: 'm' }, guardBefore: 'm' }],
    ['DROP SEQUENCE q', { statement: 'DROP SEQUENCE', object: { kind: 'sequence', name: 'q' }, guardBefore: 'q' }],
    ['DROP SCHEMA s CASCADE', { statement: 'DROP SCHEMA', object: { kind: 'schema', name: 's' }, guardBefore: 's CASCADE' }],
    ['DROP EXTENSION pg_trgm', { statement: 'DROP EXTENSION', object: { kind: 'extension', name: 'pg_trgm' }, guardBefore: 'pg_trgm' }],
    ['DROP TYPE s.mood', { statement: 'DROP TYPE', object: { kind: 'type', name: 'mood', schema: 's' }, guardBefore: 's.mood' }],
    ['DROP DOMAIN posint', { statement: 'DROP DOMAIN', object: { kind: 'type', name: 'posint' }, guardBefore: 'posint' }],
    ['DROP FUNCTION s.f(int, text)', { statement: 'DROP FUNCTION', object: { kind: 'function', name: 'f', schema: 's' }, guardBefore: 's.f(int, text)' }],
    ['DROP PROCEDURE p', { statement: 'DROP PROCEDURE', object: { kind: 'procedure', name: 'p' }, guardBefore: 'p' }],
    ['DROP ROUTINE r', { statement: 'DROP ROUTINE', object: { kind: 'function', name: 'r' }, guardBefore: 'r' }],
    ['DROP TRIGGER tg ON s.t', { statement: 'DROP TRIGGER', object: { kind: 'trigger', name: 'tg', schema: 's', table: 't' }, guardBefore: 'tg ON s.t' }],
    ['DROP POLICY p ON t', { statement: 'DROP POLICY', object: { kind: 'policy', name: 'p', table: 't' }, guardBefore: 'p ON t' }],
    ['DROP RULE r ON t', { statement: 'DROP RULE', object: { kind: 'rule', name: 'r', table: 't' }, guardBefore: 'r ON t' }],
    ['DROP STATISTICS s.st', { statement: 'DROP STATISTICS', object: { kind: 'statistics', name: 'st', schema: 's' }, guardBefore: 's.st' }],
    ['DROP FOREIGN TABLE ft', { statement: 'DROP FOREIGN TABLE', object: { kind: 'table', name: 'ft' }, guardBefore: 'ft' }],
    ['DROP AGGREGATE a(int)', { statement: 'DROP AGGREGATE', object: { kind: 'other', name: 'a' }, guardBefore: 'a(int)' }],
    ['DROP CAST (int AS text)', { statement: 'DROP CAST', object: { kind: 'other', name: 'int4, text' }, guardBefore: '(int AS text)' }],
    ['DROP PROCEDURAL LANGUAGE plsample', { statement: 'DROP LANGUAGE', object: { kind: 'other', name: 'plsample' }, guardBefore: 'plsample' }],
    ['DROP TEXT SEARCH CONFIGURATION cfg', { statement: 'DROP TEXT SEARCH CONFIGURATION', object: { kind: 'other', name: 'cfg' }, guardBefore: 'cfg' }],
    ['DROP ROLE r1, r2', { statement: 'DROP ROLE', object: { kind: 'other', name: 'r1' }, partOfStatement: true, guardBefore: 'r1, r2' }],
    ['DROP USER u', { statement: 'DROP ROLE', object: { kind: 'other', name: 'u' }, guardBefore: 'u' }],
    ['DROP DATABASE d', { statement: 'DROP DATABASE', object: { kind: 'other', name: 'd' }, guardBefore: 'd' }],
  ];
  for (const [sql, expected] of cases) assert.deepEqual(shownFacts(sql)[0], fact({ action: 'drop', ...expected } as never), sql);
});

test('RENAME: the object as it was, and its new name', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['ALTER TABLE s.t RENAME TO u', { statement: 'ALTER TABLE ... RENAME', object: { kind: 'table', name: 't', schema: 's' }, newName: 'u' }],
    ['ALTER TABLE IF EXISTS t RENAME TO u', { statement: 'ALTER TABLE ... RENAME', object: { kind: 'table', name: 't' }, newName: 'u', ifExists: true }],
    ['ALTER TABLE t RENAME COLUMN a TO b', { statement: 'ALTER TABLE ... RENAME COLUMN', object: { kind: 'column', name: 'a', table: 't' }, newName: 'b' }],
    ['ALTER TABLE t RENAME a TO b', { statement: 'ALTER TABLE ... RENAME COLUMN', object: { kind: 'column', name: 'a', table: 't' }, newName: 'b' }],
    ['ALTER VIEW v RENAME COLUMN a TO b', { statement: 'ALTER VIEW ... RENAME COLUMN', object: { kind: 'column', name: 'a', table: 'v' }, newName: 'b' }],
    ['ALTER TABLE t RENAME CONSTRAINT a TO b', { statement: 'ALTER TABLE ... RENAME CONSTRAINT', object: { kind: 'constraint', name: 'a', table: 't' }, newName: 'b' }],
    ['ALTER INDEX s.i RENAME TO j', { statement: 'ALTER INDEX ... RENAME', object: { kind: 'index', name: 'i', schema: 's' }, newName: 'j' }],
    ['ALTER SEQUENCE q RENAME TO q2', { statement: 'ALTER SEQUENCE ... RENAME', object: { kind: 'sequence', name: 'q' }, newName: 'q2' }],
    ['ALTER VIEW v RENAME TO w', { statement: 'ALTER VIEW ... RENAME', object: { kind: 'view', name: 'v' }, newName: 'w' }],
    ['ALTER MATERIALIZED VIEW m RENAME TO n', { statement: 'ALTER MATERIALIZED VIEW ... RENAME', object: { kind: 'materialized view', name: 'm' }, newName: 'n' }],
    ['ALTER TYPE s.e RENAME TO f', { statement: 'ALTER TYPE ... RENAME', object: { kind: 'type', name: 'e', schema: 's' }, newName: 'f' }],
    ['ALTER TYPE pair RENAME ATTRIBUTE a TO b', { statement: 'ALTER TYPE ... RENAME ATTRIBUTE', object: { kind: 'other', name: 'a', table: 'pair' }, newName: 'b' }],
    ['ALTER DOMAIN d RENAME CONSTRAINT a TO b', { statement: 'ALTER DOMAIN ... RENAME CONSTRAINT', object: { kind: 'constraint', name: 'a' }, newName: 'b' }],
    ['ALTER TRIGGER tg ON t RENAME TO tg2', { statement: 'ALTER TRIGGER ... RENAME', object: { kind: 'trigger', name: 'tg', table: 't' }, newName: 'tg2' }],
    ['ALTER POLICY p ON t RENAME TO q', { statement: 'ALTER POLICY ... RENAME', object: { kind: 'policy', name: 'p', table: 't' }, newName: 'q' }],
    ['ALTER RULE r ON t RENAME TO s', { statement: 'ALTER RULE ... RENAME', object: { kind: 'rule', name: 'r', table: 't' }, newName: 's' }],
    ['ALTER FUNCTION f(int) RENAME TO g', { statement: 'ALTER FUNCTION ... RENAME', object: { kind: 'function', name: 'f' }, newName: 'g' }],
    ['ALTER PROCEDURE p RENAME TO q', { statement: 'ALTER PROCEDURE ... RENAME', object: { kind: 'procedure', name: 'p' }, newName: 'q' }],
    ['ALTER SCHEMA a RENAME TO b', { statement: 'ALTER SCHEMA ... RENAME', object: { kind: 'schema', name: 'a' }, newName: 'b' }],
    ['ALTER STATISTICS s.st RENAME TO st2', { statement: 'ALTER STATISTICS ... RENAME', object: { kind: 'statistics', name: 'st', schema: 's' }, newName: 'st2' }],
    ['ALTER DATABASE a RENAME TO b', { statement: 'ALTER DATABASE ... RENAME', object: { kind: 'other', name: 'a' }, newName: 'b' }],
  ];
  for (const [sql, expected] of cases) assert.deepEqual(shownFacts(sql), [fact({ action: 'rename', ...expected } as never)], sql);
});
