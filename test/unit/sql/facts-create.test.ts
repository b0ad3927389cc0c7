import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fact, shownFacts, useParsers } from './helpers';

useParsers();

function check(sql: string, expected: Record<string, unknown>[]): void {
  assert.deepEqual(shownFacts(sql), expected, sql);
}

test('CREATE TABLE: name, schema, columns, guard before the name', () => {
  check('CREATE TABLE public.Orders (id serial PRIMARY KEY, "Total" numeric(10,2), CONSTRAINT c CHECK (id > 0), LIKE other)', [
    fact({
      action: 'create', statement: 'CREATE TABLE', object: { kind: 'table', name: 'orders', schema: 'public' }, columns: ['id', 'Total'],
      guardBefore: 'public.Orders (id serial PRIMARY KEY, "Total" numeric(10,2), CONSTRAINT c CHECK (id > 0), LIKE other)',
    }),
  ]);
  check('CREATE TABLE IF NOT EXISTS t (a int)', [fact({ action: 'create', statement: 'CREATE TABLE', object: { kind: 'table', name: 't' }, columns: ['a'], ifNotExists: true })]);
});

test('CREATE TEMP / UNLOGGED / PARTITION OF / OF type / FOREIGN TABLE are tables', () => {
  check('CREATE TEMP TABLE tt (a int)', [
    fact({ action: 'create', statement: 'CREATE TABLE', object: { kind: 'table', name: 'tt' }, columns: ['a'], guardBefore: 'tt (a int)', temporary: true }),
  ]);
  check('CREATE TEMPORARY TABLE ta AS SELECT 1', [
    fact({ action: 'create', statement: 'CREATE TABLE AS', object: { kind: 'table', name: 'ta' }, guardBefore: 'ta AS SELECT 1', temporary: true }),
  ]);
  check('CREATE UNLOGGED TABLE u ()', [fact({ action: 'create', statement: 'CREATE TABLE', object: { kind: 'table', name: 'u' }, columns: [], guardBefore: 'u ()' })]);
  check('CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1)', [
    fact({ action: 'create', statement: 'CREATE TABLE', object: { kind: 'table', name: 'p1' }, columns: [], guardBefore: 'p1 PARTITION OF p FOR VALUES IN (1)' }),
  ]);
  check('CREATE TABLE typed OF mytype', [fact({ action: 'create', statement: 'CREATE TABLE', object: { kind: 'table', name: 'typed' }, columns: [], guardBefore: 'typed OF mytype' })]);
  check('CREATE FOREIGN TABLE ft (a int) SERVER s', [
    fact({ action: 'create', statement: 'CREATE FOREIGN TABLE', object: { kind: 'table', name: 'ft' }, columns: ['a'], guardBefore: 'ft (a int) SERVER s' }),
  ]);
});

test('CREATE TABLE AS, CREATE MATERIALIZED VIEW and SELECT INTO', () => {
  check('CREATE TABLE t2 AS SELECT 1', [fact({ action: 'create', statement: 'CREATE TABLE AS', object: { kind: 'table', name: 't2' }, guardBefore: 't2 AS SELECT 1' })]);
  check('CREATE MATERIALIZED VIEW IF NOT EXISTS s.mv (x) AS SELECT 1 WITH NO DATA', [
    fact({ action: 'create', statement: 'CREATE MATERIALIZED VIEW', object: { kind: 'materialized view', name: 'mv', schema: 's' }, columns: ['x'], ifNotExists: true }),
  ]);
  check('CREATE MATERIALIZED VIEW mv AS SELECT 1', [
    fact({ action: 'create', statement: 'CREATE MATERIALIZED VIEW', object: { kind: 'materialized view', name: 'mv' }, guardBefore: 'mv AS SELECT 1' }),
  ]);
  check('SELECT 1 AS a INTO TEMP copy', [fact({ action: 'create', statement: 'SELECT INTO', object: { kind: 'table', name: 'copy' } })]);
});

test('CREATE INDEX: name, table, CONCURRENTLY, guard only when named', () => {
  check('CREATE UNIQUE INDEX CONCURRENTLY idx_a ON s.t USING btree (a) WHERE b', [
    fact({ action: 'create', statement: 'CREATE INDEX', object: { kind: 'index', name: 'idx_a', schema: 's', table: 't' }, concurrently: true, guardBefore: 'idx_a ON s.t USING btree (a) WHERE b' }),
  ]);
  check('CREATE INDEX IF NOT EXISTS i ON t (a)', [fact({ action: 'create', statement: 'CREATE INDEX', object: { kind: 'index', name: 'i', table: 't' }, ifNotExists: true })]);
  // Unnamed: PostgreSQL's default name, and no guard (IF NOT EXISTS needs a name).
  check('CREATE INDEX ON orders (user_id)', [fact({ action: 'create', statement: 'CREATE INDEX', object: { kind: 'index', name: 'orders_user_id_idx', table: 'orders' } })]);
  check('CREATE INDEX CONCURRENTLY ON t (a)', [fact({ action: 'create', statement: 'CREATE INDEX', object: { kind: 'index', name: 't_a_idx', table: 't' }, concurrently: true })]);
});

test('CREATE SEQUENCE / SCHEMA / EXTENSION / STATISTICS', () => {
  check('CREATE SEQUENCE s.q START 5', [fact({ action: 'create', statement: 'CREATE SEQUENCE', object: { kind: 'sequence', name: 'q', schema: 's' }, guardBefore: 's.q START 5' })]);
  check('CREATE SEQUENCE IF NOT EXISTS q', [fact({ action: 'create', statement: 'CREATE SEQUENCE', object: { kind: 'sequence', name: 'q' }, ifNotExists: true })]);
  check('CREATE SCHEMA reporting', [fact({ action: 'create', statement: 'CREATE SCHEMA', object: { kind: 'schema', name: 'reporting' }, guardBefore: 'reporting' })]);
  check('CREATE SCHEMA AUTHORIZATION joe', [fact({ action: 'create', statement: 'CREATE SCHEMA', object: { kind: 'schema', name: 'joe' }, guardBefore: 'AUTHORIZATION joe' })]);
  // IF NOT EXISTS is refused together with schema elements.
  check('CREATE SCHEMA x CREATE TABLE y (a int)', [fact({ action: 'create', statement: 'CREATE SCHEMA', object: { kind: 'schema', name: 'x' } })]);
  check('CREATE EXTENSION IF NOT EXISTS pg_trgm', [fact({ action: 'create', statement: 'CREATE EXTENSION', object: { kind: 'extension', name: 'pg_trgm' }, ifNotExists: true })]);
  check('CREATE EXTENSION "uuid-ossp" WITH SCHEMA public', [
    fact({ action: 'create', statement: 'CREATE EXTENSION', object: { kind: 'extension', name: 'uuid-ossp' }, guardBefore: '"uuid-ossp" WITH SCHEMA public' }),
  ]);
  check('CREATE STATISTICS s.st (dependencies) ON a, b FROM t', [
    fact({ action: 'create', statement: 'CREATE STATISTICS', object: { kind: 'statistics', name: 'st', schema: 's' }, guardBefore: 's.st (dependencies) ON a, b FROM t' }),
  ]);
  check('CREATE STATISTICS IF NOT EXISTS st ON a, b FROM t', [fact({ action: 'create', statement: 'CREATE STATISTICS', object: { kind: 'statistics', name: 'st' }, ifNotExists: true })]);
  check('CREATE STATISTICS ON a, b FROM t', [fact({ action: 'create', statement: 'CREATE STATISTICS' })]);
});

test('views, functions, procedures, triggers: OR REPLACE, no guard', () => {
  check('CREATE OR REPLACE VIEW s.v AS SELECT 1', [fact({ action: 'create', statement: 'CREATE VIEW', object: { kind: 'view', name: 'v', schema: 's' }, orReplace: true })]);
  check('CREATE RECURSIVE VIEW v (n) AS SELECT 1', [fact({ action: 'create', statement: 'CREATE VIEW', object: { kind: 'view', name: 'v' } })]);
  check("CREATE OR REPLACE FUNCTION s.f(a int) RETURNS int LANGUAGE sql AS 'select 1'", [
    fact({ action: 'create', statement: 'CREATE FUNCTION', object: { kind: 'function', name: 'f', schema: 's' }, orReplace: true }),
  ]);
  check('CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN END $$', [fact({ action: 'create', statement: 'CREATE PROCEDURE', object: { kind: 'procedure', name: 'p' } })]);
  check('CREATE OR REPLACE TRIGGER tg BEFORE INSERT ON s.t FOR EACH ROW EXECUTE FUNCTION f()', [
    fact({ action: 'create', statement: 'CREATE TRIGGER', object: { kind: 'trigger', name: 'tg', schema: 's', table: 't' }, orReplace: true }),
  ]);
  check('CREATE CONSTRAINT TRIGGER ct AFTER INSERT ON t FOR EACH ROW EXECUTE PROCEDURE f()', [
    fact({ action: 'create', statement: 'CREATE TRIGGER', object: { kind: 'trigger', name: 'ct', table: 't' } }),
  ]);
});

test('types, domains, policies, rules', () => {
  check("CREATE TYPE s.mood AS ENUM ('sad', 'ok')", [fact({ action: 'create', statement: 'CREATE TYPE', object: { kind: 'type', name: 'mood', schema: 's' } })]);
  check('CREATE TYPE pair AS (a int, b text)', [fact({ action: 'create', statement: 'CREATE TYPE', object: { kind: 'type', name: 'pair' } })]);
  check('CREATE TYPE r AS RANGE (subtype = int4)', [fact({ action: 'create', statement: 'CREATE TYPE', object: { kind: 'type', name: 'r' } })]);
  check('CREATE TYPE shell', [fact({ action: 'create', statement: 'CREATE TYPE', object: { kind: 'type', name: 'shell' } })]);
  check('CREATE DOMAIN s.posint AS int CHECK (VALUE > 0)', [fact({ action: 'create', statement: 'CREATE DOMAIN', object: { kind: 'type', name: 'posint', schema: 's' } })]);
  check('CREATE POLICY p ON s.t FOR SELECT USING (true)', [fact({ action: 'create', statement: 'CREATE POLICY', object: { kind: 'policy', name: 'p', schema: 's', table: 't' } })]);
  check('CREATE OR REPLACE RULE r AS ON INSERT TO t DO INSTEAD NOTHING', [
    fact({ action: 'create', statement: 'CREATE RULE', object: { kind: 'rule', name: 'r', table: 't' }, orReplace: true }),
  ]);
  check('CREATE AGGREGATE a(int) (sfunc = f, stype = int)', [fact({ action: 'other', statement: 'CREATE AGGREGATE', object: { kind: 'other', name: 'a' } })]);
});

test('quoted and unquoted names are folded the way PostgreSQL folds them', () => {
  check('CREATE TABLE "MixedCase"."Tbl" (Col int, "Quoted Col" int)', [
    fact({ action: 'create', statement: 'CREATE TABLE', object: { kind: 'table', name: 'Tbl', schema: 'MixedCase' }, columns: ['col', 'Quoted Col'], guardBefore: '"MixedCase"."Tbl" (Col int, "Quoted Col" int)' }),
  ]);
  check('CREATE TABLE Ünïcode (Ä int)', [fact({ action: 'create', statement: 'CREATE TABLE', object: { kind: 'table', name: 'Ünïcode' }, columns: ['Ä'], guardBefore: 'Ünïcode (Ä int)' })]);
});
