// Enums, schemas and qualified names, sequences, views, functions, triggers, extensions, statistics.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterSql, names, tableOf, useParsers } from './helpers';

useParsers();

test('ALTER TYPE: ADD VALUE [BEFORE|AFTER], RENAME VALUE, RENAME TO (columns follow the new name)', () => {
  const json = afterSql(
    "CREATE TYPE mood AS ENUM ('sad', 'happy')",
    "CREATE TABLE t (m mood DEFAULT 'sad', ms mood[])",
    "ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy'",
    "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'first' BEFORE 'sad'",
    "ALTER TYPE mood ADD VALUE 'last'",
    "ALTER TYPE mood ADD VALUE 'after_sad' AFTER 'sad'",
    "ALTER TYPE mood RENAME VALUE 'happy' TO 'glad'",
    'ALTER TYPE mood RENAME TO feeling',
  );
  assert.deepEqual(json.enums, [{ name: 'feeling', labels: ['first', 'sad', 'after_sad', 'ok', 'glad', 'last'] }]);
  assert.deepEqual(
    tableOf(json, 't').columns.map((c) => [c.type, c.default]),
    [
      ['feeling', "'sad'::feeling"],
      ['feeling[]', null],
    ],
  );
});

test("RENAME VALUE reprints the defaults that hold the label (PostgreSQL keeps the label's OID)", () => {
  const json = afterSql(
    "CREATE TYPE audit.state AS ENUM ('new', 'it''s')",
    "CREATE TABLE t (a audit.state DEFAULT 'new', b audit.state DEFAULT 'it''s', c audit.state DEFAULT 'new')",
    "ALTER TYPE audit.state RENAME VALUE 'new' TO 'created'",
    "ALTER TYPE audit.state RENAME VALUE 'it''s' TO 'its'",
  );
  assert.deepEqual(
    tableOf(json, 't').columns.map((c) => c.default),
    ["'created'::audit.state", "'its'::audit.state", "'created'::audit.state"],
  );
});

test('the enum swap: rename to _old, create the new one, alter the column, drop _old', () => {
  const json = afterSql(
    "CREATE TYPE status AS ENUM ('a', 'b')",
    'CREATE TABLE t (s status)',
    'ALTER TYPE status RENAME TO status_old',
    "CREATE TYPE status AS ENUM ('a', 'b', 'c')",
    'ALTER TABLE t ALTER COLUMN s TYPE status USING s::text::status',
    'DROP TYPE status_old',
  );
  assert.deepEqual(json.enums, [{ name: 'status', labels: ['a', 'b', 'c'] }]);
  assert.equal(tableOf(json, 't').columns[0]!.type, 'status');
});

test('schemas and qualified names: objects outside public are named schema.name', () => {
  const json = afterSql(
    'CREATE SCHEMA audit',
    'CREATE SCHEMA IF NOT EXISTS audit',
    'CREATE TABLE audit.events (id serial PRIMARY KEY, user_id int REFERENCES public.users (id))',
    'CREATE TABLE users (id int PRIMARY KEY)',
    "CREATE TYPE audit.kind AS ENUM ('x')",
    'ALTER TABLE audit.events ADD COLUMN k audit.kind',
    'CREATE INDEX ON audit.events (k)',
  );
  assert.deepEqual(json.schemas, ['audit']);
  assert.deepEqual(names(json.tables), ['audit.events', 'users']);
  const events = tableOf(json, 'audit.events');
  assert.equal(events.columns[0]!.default, "nextval('audit.events_id_seq'::regclass)");
  assert.equal(events.columns[2]!.type, 'audit.kind');
  assert.deepEqual(names(events.indexes), ['events_k_idx', 'events_pkey']);
  assert.deepEqual(json.sequences, [{ name: 'audit.events_id_seq', ownedBy: { table: 'audit.events', column: 'id' } }]);
  assert.deepEqual(json.enums, [{ name: 'audit.kind', labels: ['x'] }]);
});

test('sequences with OWNED BY; views and materialized views; functions with their identity arguments; extensions', () => {
  const json = afterSql(
    'CREATE TABLE t (a int)',
    'CREATE SEQUENCE s1',
    'CREATE SEQUENCE s2 OWNED BY t.a',
    'ALTER SEQUENCE s1 OWNED BY t.a',
    'CREATE MATERIALIZED VIEW mv AS SELECT a FROM t',
    'CREATE VIEW v AS SELECT a FROM t',
    'CREATE FUNCTION add(a integer, b varchar(10)) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
    'CREATE FUNCTION add(x bigint, OUT r int) LANGUAGE sql AS $$ SELECT 1 $$',
    'DROP FUNCTION add(bigint)',
    'CREATE EXTENSION IF NOT EXISTS pgcrypto',
    'CREATE EXTENSION plpgsql',
    'CREATE STATISTICS st ON a, a FROM t',
  );
  assert.deepEqual(json.sequences, [
    { name: 's1', ownedBy: { table: 't', column: 'a' } },
    { name: 's2', ownedBy: { table: 't', column: 'a' } },
  ]);
  assert.deepEqual(json.views, [
    { name: 'mv', materialized: true },
    { name: 'v', materialized: false },
  ]);
  assert.deepEqual(json.functions, [{ name: 'add', arguments: 'a integer, b character varying' }]);
  assert.deepEqual(json.extensions, ['pgcrypto']);
});

test('DROP TYPE, VIEW, SEQUENCE, EXTENSION, TRIGGER, SCHEMA CASCADE', () => {
  const json = afterSql(
    "CREATE TYPE e AS ENUM ('a')",
    'CREATE SCHEMA s',
    'CREATE TABLE s.t (a int)',
    'CREATE TABLE u (a int)',
    'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
    'CREATE TRIGGER tr BEFORE INSERT ON u FOR EACH ROW EXECUTE FUNCTION f()',
    'CREATE VIEW v AS SELECT 1',
    'CREATE SEQUENCE q',
    'CREATE EXTENSION citext',
    'DROP TYPE e',
    'DROP VIEW v',
    'DROP SEQUENCE q',
    'DROP EXTENSION citext',
    'DROP TRIGGER tr ON u',
    'DROP SCHEMA s CASCADE',
    'DROP FUNCTION f',
  );
  assert.deepEqual(json, { revision: '0001', tables: [{ name: 'u', columns: [{ name: 'a', type: 'integer', nullable: true, default: null }], indexes: [], constraints: [] }], enums: [], sequences: [], views: [], functions: [], triggers: [], extensions: [], schemas: [] });
});
