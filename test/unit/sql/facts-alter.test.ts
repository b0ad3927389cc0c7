import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ObjectRef } from '../../../server/src/core/types';
import { fact, shownFacts, useParsers } from './helpers';

useParsers();

function check(sql: string, expected: Record<string, unknown>[]): void {
  assert.deepEqual(shownFacts(sql, undefined, true), expected, sql);
}

const col = (name: string, table = 't', schema?: string): ObjectRef => ({ kind: 'column', name, table, ...(schema ? { schema } : {}) });

test('ALTER TABLE with one command underlines the command', () => {
  check('ALTER TABLE s.t ADD COLUMN c int DEFAULT 0', [
    fact({ action: 'create', statement: 'ALTER TABLE ... ADD COLUMN', object: col('c', 't', 's'), underlined: 'ADD COLUMN c int DEFAULT 0', guardBefore: 'c int DEFAULT 0' }),
  ]);
  check('ALTER TABLE t ADD c int', [fact({ action: 'create', statement: 'ALTER TABLE ... ADD COLUMN', object: col('c'), underlined: 'ADD c int', guardBefore: 'c int' })]);
  check('ALTER TABLE t ADD COLUMN IF NOT EXISTS c int', [
    fact({ action: 'create', statement: 'ALTER TABLE ... ADD COLUMN', object: col('c'), ifNotExists: true, underlined: 'ADD COLUMN IF NOT EXISTS c int' }),
  ]);
  check('ALTER TABLE IF EXISTS t * DROP COLUMN c CASCADE', [
    fact({ action: 'drop', statement: 'ALTER TABLE ... DROP COLUMN', object: col('c'), underlined: 'DROP COLUMN c CASCADE', guardBefore: 'c CASCADE' }),
  ]);
  check('ALTER TABLE t DROP c', [fact({ action: 'drop', statement: 'ALTER TABLE ... DROP COLUMN', object: col('c'), underlined: 'DROP c', guardBefore: 'c' })]);
  check('ALTER TABLE t DROP COLUMN IF EXISTS c', [fact({ action: 'drop', statement: 'ALTER TABLE ... DROP COLUMN', object: col('c'), ifExists: true, underlined: 'DROP COLUMN IF EXISTS c' })]);
});

test('ALTER TABLE constraints: named ones are objects, unnamed ones alter the table', () => {
  check('ALTER TABLE ONLY t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id) NOT VALID', [
    fact({ action: 'create', statement: 'ALTER TABLE ... ADD CONSTRAINT', object: { kind: 'constraint', name: 'fk', table: 't' }, underlined: 'ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id) NOT VALID' }),
  ]);
  check('ALTER TABLE t ADD PRIMARY KEY (id)', [fact({ action: 'alter', statement: 'ALTER TABLE ... ADD CONSTRAINT', object: { kind: 'table', name: 't' }, underlined: 'ADD PRIMARY KEY (id)' })]);
  check('ALTER TABLE t DROP CONSTRAINT fk', [
    fact({ action: 'drop', statement: 'ALTER TABLE ... DROP CONSTRAINT', object: { kind: 'constraint', name: 'fk', table: 't' }, underlined: 'DROP CONSTRAINT fk', guardBefore: 'fk' }),
  ]);
  check('ALTER TABLE t DROP CONSTRAINT IF EXISTS fk', [
    fact({ action: 'drop', statement: 'ALTER TABLE ... DROP CONSTRAINT', object: { kind: 'constraint', name: 'fk', table: 't' }, ifExists: true, underlined: 'DROP CONSTRAINT IF EXISTS fk' }),
  ]);
  check('ALTER TABLE t VALIDATE CONSTRAINT fk', [fact({ action: 'alter', statement: 'ALTER TABLE ... VALIDATE CONSTRAINT', object: { kind: 'constraint', name: 'fk', table: 't' }, underlined: 'VALIDATE CONSTRAINT fk' })]);
  check('ALTER TABLE t ALTER CONSTRAINT fk DEFERRABLE', [fact({ action: 'alter', statement: 'ALTER TABLE ... ALTER CONSTRAINT', object: { kind: 'constraint', name: 'fk', table: 't' }, underlined: 'ALTER CONSTRAINT fk DEFERRABLE' })]);
});

test('ALTER TABLE with several commands: one fact each, each underlining its own command', () => {
  const sql = "ALTER TABLE t ADD COLUMN a numeric(10, 2), DROP COLUMN b, ALTER COLUMN c TYPE bigint USING c::bigint, ALTER d SET DEFAULT 'x,y', ADD CONSTRAINT k CHECK (a IN (1, 2)), DROP CONSTRAINT IF EXISTS old -- done";
  check(sql, [
    fact({ action: 'create', statement: 'ALTER TABLE ... ADD COLUMN', object: col('a'), partOfStatement: true, underlined: 'ADD COLUMN a numeric(10, 2)', guardBefore: sql.slice(sql.indexOf('a numeric')) }),
    fact({ action: 'drop', statement: 'ALTER TABLE ... DROP COLUMN', object: col('b'), partOfStatement: true, underlined: 'DROP COLUMN b', guardBefore: sql.slice(sql.indexOf('b, ALTER')) }),
    fact({ action: 'alter', statement: 'ALTER TABLE ... ALTER COLUMN', object: col('c'), partOfStatement: true, changesType: true, underlined: 'ALTER COLUMN c TYPE bigint USING c::bigint' }),
    fact({ action: 'alter', statement: 'ALTER TABLE ... ALTER COLUMN', object: col('d'), partOfStatement: true, underlined: "ALTER d SET DEFAULT 'x,y'" }),
    fact({ action: 'create', statement: 'ALTER TABLE ... ADD CONSTRAINT', object: { kind: 'constraint', name: 'k', table: 't' }, partOfStatement: true, underlined: 'ADD CONSTRAINT k CHECK (a IN (1, 2))' }),
    fact({ action: 'drop', statement: 'ALTER TABLE ... DROP CONSTRAINT', object: { kind: 'constraint', name: 'old', table: 't' }, ifExists: true, partOfStatement: true, underlined: 'DROP CONSTRAINT IF EXISTS old' }),
  ]);
});

test('ALTER TABLE column changes, table changes and DETACH CONCURRENTLY', () => {
  check('ALTER TABLE t ALTER COLUMN a SET NOT NULL, ALTER COLUMN b DROP DEFAULT', [
    fact({ action: 'alter', statement: 'ALTER TABLE ... ALTER COLUMN', object: col('a'), partOfStatement: true, underlined: 'ALTER COLUMN a SET NOT NULL' }),
    fact({ action: 'alter', statement: 'ALTER TABLE ... ALTER COLUMN', object: col('b'), partOfStatement: true, underlined: 'ALTER COLUMN b DROP DEFAULT' }),
  ]);
  check('ALTER TABLE t OWNER TO app', [fact({ action: 'alter', statement: 'ALTER TABLE ... OWNER TO', object: { kind: 'table', name: 't' }, underlined: 'OWNER TO app' })]);
  check('ALTER TABLE t ENABLE ROW LEVEL SECURITY', [fact({ action: 'alter', statement: 'ALTER TABLE ... ENABLE ROW LEVEL SECURITY', object: { kind: 'table', name: 't' }, underlined: 'ENABLE ROW LEVEL SECURITY' })]);
  check('ALTER TABLE t ATTACH PARTITION p FOR VALUES IN (1, 2)', [fact({ action: 'alter', statement: 'ALTER TABLE ... ATTACH PARTITION', object: { kind: 'table', name: 't' }, underlined: 'ATTACH PARTITION p FOR VALUES IN (1, 2)' })]);
  check('ALTER TABLE p DETACH PARTITION c CONCURRENTLY', [
    fact({ action: 'alter', statement: 'ALTER TABLE ... DETACH PARTITION', object: { kind: 'table', name: 'p' }, concurrently: true, underlined: 'DETACH PARTITION c CONCURRENTLY' }),
  ]);
});

test('ALTER INDEX / SEQUENCE / VIEW / MATERIALIZED VIEW / TYPE share ALTER TABLE commands', () => {
  check('ALTER INDEX s.i SET TABLESPACE fast', [fact({ action: 'alter', statement: 'ALTER INDEX ... SET TABLESPACE', object: { kind: 'index', name: 'i', schema: 's' }, underlined: 'SET TABLESPACE fast' })]);
  check('ALTER VIEW v ALTER COLUMN c SET DEFAULT 1', [fact({ action: 'alter', statement: 'ALTER VIEW ... ALTER COLUMN', object: col('c', 'v'), underlined: 'ALTER COLUMN c SET DEFAULT 1' })]);
  check('ALTER MATERIALIZED VIEW m OWNER TO app', [fact({ action: 'alter', statement: 'ALTER MATERIALIZED VIEW ... OWNER TO', object: { kind: 'materialized view', name: 'm' }, underlined: 'OWNER TO app' })]);
  // Composite type attributes are not table columns: no column facts, no guards.
  check('ALTER TYPE pair ADD ATTRIBUTE c int', [fact({ action: 'alter', statement: 'ALTER TYPE ... ADD ATTRIBUTE', object: { kind: 'type', name: 'pair' }, underlined: 'ADD ATTRIBUTE c int' })]);
  check('ALTER FOREIGN TABLE ft ADD COLUMN c int', [fact({ action: 'create', statement: 'ALTER FOREIGN TABLE ... ADD COLUMN', object: col('c', 'ft'), underlined: 'ADD COLUMN c int', guardBefore: 'c int' })]);
});

test('ALTER TYPE ... ADD VALUE / RENAME VALUE', () => {
  check("ALTER TYPE s.\"My Enum\" ADD VALUE 'x' BEFORE 'y'", [
    fact({ action: 'alter', statement: 'ALTER TYPE ... ADD VALUE', object: { kind: 'type', name: 'My Enum', schema: 's' }, underlined: 'ALTER TYPE s."My Enum" ADD VALUE \'x\' BEFORE \'y\'', guardBefore: "'x' BEFORE 'y'" }),
  ]);
  check("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'x'", [
    fact({ action: 'alter', statement: 'ALTER TYPE ... ADD VALUE', object: { kind: 'type', name: 'mood' }, ifNotExists: true, underlined: "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'x'" }),
  ]);
  check("ALTER TYPE mood RENAME VALUE 'a' TO 'b'", [fact({ action: 'alter', statement: 'ALTER TYPE ... RENAME VALUE', object: { kind: 'type', name: 'mood' }, underlined: "ALTER TYPE mood RENAME VALUE 'a' TO 'b'" })]);
});

test('other ALTER statements and COMMENT ON alter the object they name', () => {
  check("COMMENT ON COLUMN s.t.c IS 'x'", [fact({ action: 'alter', statement: 'COMMENT ON COLUMN', object: col('c', 't', 's'), underlined: "COMMENT ON COLUMN s.t.c IS 'x'" })]);
  check("COMMENT ON CONSTRAINT c ON t IS 'x'", [fact({ action: 'alter', statement: 'COMMENT ON CONSTRAINT', object: { kind: 'constraint', name: 'c', table: 't' }, underlined: "COMMENT ON CONSTRAINT c ON t IS 'x'" })]);
  check('COMMENT ON FUNCTION f(int) IS NULL', [fact({ action: 'alter', statement: 'COMMENT ON FUNCTION', object: { kind: 'function', name: 'f' }, underlined: 'COMMENT ON FUNCTION f(int) IS NULL' })]);
  check("COMMENT ON SCHEMA s IS 'x'", [fact({ action: 'alter', statement: 'COMMENT ON SCHEMA', object: { kind: 'schema', name: 's' }, underlined: "COMMENT ON SCHEMA s IS 'x'" })]);
  check('ALTER TABLE IF EXISTS t SET SCHEMA archive', [
    fact({ action: 'alter', statement: 'ALTER TABLE ... SET SCHEMA', object: { kind: 'table', name: 't' }, ifExists: true, underlined: 'ALTER TABLE IF EXISTS t SET SCHEMA archive' }),
  ]);
  check('ALTER TYPE e OWNER TO app', [fact({ action: 'alter', statement: 'ALTER TYPE ... OWNER TO', object: { kind: 'type', name: 'e' }, underlined: 'ALTER TYPE e OWNER TO app' })]);
  check('ALTER SEQUENCE s.q RESTART', [fact({ action: 'alter', statement: 'ALTER SEQUENCE', object: { kind: 'sequence', name: 'q', schema: 's' }, underlined: 'ALTER SEQUENCE s.q RESTART' })]);
  check('ALTER FUNCTION f() STABLE', [fact({ action: 'alter', statement: 'ALTER FUNCTION', object: { kind: 'function', name: 'f' }, underlined: 'ALTER FUNCTION f() STABLE' })]);
  check('ALTER DOMAIN d SET NOT NULL', [fact({ action: 'alter', statement: 'ALTER DOMAIN', object: { kind: 'type', name: 'd' }, underlined: 'ALTER DOMAIN d SET NOT NULL' })]);
  check("ALTER EXTENSION pg_trgm UPDATE TO '1.6'", [fact({ action: 'alter', statement: 'ALTER EXTENSION', object: { kind: 'extension', name: 'pg_trgm' }, underlined: "ALTER EXTENSION pg_trgm UPDATE TO '1.6'" })]);
  check('ALTER POLICY p ON t USING (false)', [fact({ action: 'alter', statement: 'ALTER POLICY', object: { kind: 'policy', name: 'p', table: 't' }, underlined: 'ALTER POLICY p ON t USING (false)' })]);
});
