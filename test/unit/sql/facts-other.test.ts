import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fact, shownFacts, useParsers } from './helpers';

useParsers();

test('DML, SET, DO, GRANT and the like are recorded as "other", naming the table when there is one', () => {
  const cases: [string, Record<string, unknown>[]][] = [
    ["INSERT INTO s.t (a) VALUES (1) ON CONFLICT DO NOTHING", [{ statement: 'INSERT', object: { kind: 'table', name: 't', schema: 's' } }]],
    ["UPDATE t SET a = 1 WHERE b = 'x'", [{ statement: 'UPDATE', object: { kind: 'table', name: 't' } }]],
    ['DELETE FROM t USING u WHERE t.id = u.id', [{ statement: 'DELETE', object: { kind: 'table', name: 't' } }]],
    ['SELECT setval(\'q\', 1)', [{ statement: 'SELECT' }]],
    ['TRUNCATE a, s.b', [
      { statement: 'TRUNCATE', object: { kind: 'table', name: 'a' }, partOfStatement: true },
      { statement: 'TRUNCATE', object: { kind: 'table', name: 'b', schema: 's' }, partOfStatement: true },
    ]],
    ['LOCK TABLE t IN ACCESS EXCLUSIVE MODE', [{ statement: 'LOCK', object: { kind: 'table', name: 't' } }]],
    ["SET search_path = a, public", [{ statement: 'SET' }]],
    ['RESET search_path', [{ statement: 'RESET' }]],
    ['SET LOCAL lock_timeout = 5000', [{ statement: 'SET' }]],
    ['DO $$ BEGIN RAISE NOTICE \'x\'; END $$', [{ statement: 'DO' }]],
    ['GRANT SELECT ON t TO app', [{ statement: 'GRANT' }]],
    ['REVOKE ALL ON t FROM app', [{ statement: 'REVOKE' }]],
    ['COMMIT', [{ statement: 'COMMIT' }]],
    ['BEGIN', [{ statement: 'BEGIN' }]],
    ['REFRESH MATERIALIZED VIEW CONCURRENTLY m', [{ statement: 'REFRESH MATERIALIZED VIEW', object: { kind: 'materialized view', name: 'm' } }]],
    ['VACUUM ANALYZE t', [{ statement: 'VACUUM' }]],
    ['CREATE ROLE app LOGIN', [{ statement: 'CREATE ROLE' }]],
    ['CREATE CAST (int AS text) WITH INOUT', [{ statement: 'CREATE CAST' }]],
    ['NOTIFY chan', [{ statement: 'NOTIFY' }]],
  ];
  for (const [sql, expected] of cases) assert.deepEqual(shownFacts(sql), expected.map((e) => fact({ action: 'other', ...e } as never)), sql);
});

test('REINDEX: CONCURRENTLY is flagged (it cannot run in a transaction), REFRESH CONCURRENTLY is not', () => {
  assert.deepEqual(shownFacts('REINDEX INDEX CONCURRENTLY s.i'), [fact({ action: 'other', statement: 'REINDEX', object: { kind: 'index', name: 'i', schema: 's' }, concurrently: true })]);
  assert.deepEqual(shownFacts('REINDEX (CONCURRENTLY) TABLE t'), [fact({ action: 'other', statement: 'REINDEX', object: { kind: 'table', name: 't' }, concurrently: true })]);
  assert.deepEqual(shownFacts('REINDEX (CONCURRENTLY false) TABLE t'), [fact({ action: 'other', statement: 'REINDEX', object: { kind: 'table', name: 't' } })]);
  assert.deepEqual(shownFacts('REINDEX SCHEMA app'), [fact({ action: 'other', statement: 'REINDEX', object: { kind: 'schema', name: 'app' } })]);
});

test('a string of several statements gives each statement its facts, in order', () => {
  const sql = 'CREATE TABLE a (id int); CREATE INDEX ia ON a (id);\nINSERT INTO a VALUES (1); DROP TABLE IF EXISTS old';
  assert.deepEqual(
    shownFacts(sql).map((f) => [f.action, f.statement, (f.object as { name?: string } | undefined)?.name]),
    [['create', 'CREATE TABLE', 'a'], ['create', 'CREATE INDEX', 'ia'], ['other', 'INSERT', 'a'], ['drop', 'DROP TABLE', 'old']],
  );
});
