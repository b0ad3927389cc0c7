// Column types as format_type prints them, defaults as pg_get_expr prints them, SERIAL and IDENTITY, and what
// stays unknown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterSql, names, replayBody, tableOf, useParsers } from './helpers';

useParsers();

test('types are printed as format_type prints them', () => {
  const t = tableOf(
    afterSql(
      'CREATE TABLE t (a int, b bigint, c varchar(20), d numeric(10,2), e timestamp, f timestamptz, g bool, h float, i text[], j char(3), k timestamp(3) with time zone, l uuid, m jsonb, n double precision, o decimal)',
    ),
    't',
  );
  assert.deepEqual(
    t.columns.map((c) => c.type),
    ['integer', 'bigint', 'character varying(20)', 'numeric(10,2)', 'timestamp without time zone', 'timestamp with time zone', 'boolean', 'double precision', 'text[]', 'character(3)', 'timestamp(3) with time zone', 'uuid', 'jsonb', 'double precision', 'numeric'],
  );
});

test('defaults are printed as pg_get_expr prints them', () => {
  const t = tableOf(
    afterSql(
      "CREATE TABLE t (a varchar(20) DEFAULT 'x', b boolean DEFAULT true, c int DEFAULT 0, d int DEFAULT -1, e text DEFAULT 'it''s', f timestamptz DEFAULT now(), g timestamp DEFAULT CURRENT_TIMESTAMP, h bigint DEFAULT 0, i int DEFAULT NULL, j boolean DEFAULT 'f')",
    ),
    't',
  );
  assert.deepEqual(
    t.columns.map((c) => c.default),
    ["'x'::character varying", 'true', '0', "'-1'::integer", "'it''s'::text", 'now()', 'CURRENT_TIMESTAMP', '0', null, 'false'],
  );
  assert.ok(t.columns.every((c) => c.unknown === undefined));
});

test('a default the model cannot print exactly is unknown, not guessed', () => {
  const t = tableOf(afterSql("CREATE TABLE t (a timestamp DEFAULT '2020-01-01', b int DEFAULT 1 + 1, c jsonb DEFAULT '{}')"), 't');
  assert.deepEqual(
    t.columns.map((c) => c.unknown),
    [true, true, true],
  );
});

test('SERIAL, BIGSERIAL and IDENTITY: not null, a sequence owned by the column, and nextval for SERIAL', () => {
  const json = afterSql('CREATE TABLE t (id bigserial PRIMARY KEY, n serial, g int GENERATED ALWAYS AS IDENTITY)');
  const t = tableOf(json, 't');
  assert.deepEqual(
    t.columns.map((c) => [c.type, c.nullable, c.default]),
    [
      ['bigint', false, "nextval('t_id_seq'::regclass)"],
      ['integer', false, "nextval('t_n_seq'::regclass)"],
      ['integer', false, null],
    ],
  );
  assert.deepEqual(json.sequences, [
    { name: 't_g_seq', ownedBy: { table: 't', column: 'g' } },
    { name: 't_id_seq', ownedBy: { table: 't', column: 'id' } },
    { name: 't_n_seq', ownedBy: { table: 't', column: 'n' } },
  ]);
});

test('PRIMARY KEY makes its columns NOT NULL and, like UNIQUE, creates an index of the same name', () => {
  const t = tableOf(afterSql('CREATE TABLE t (a int, b int, PRIMARY KEY (a, b), UNIQUE (b))'), 't');
  assert.deepEqual(
    t.columns.map((c) => c.nullable),
    [false, false],
  );
  assert.deepEqual(t.indexes, [
    { name: 't_b_key', columns: ['b'], unique: true },
    { name: 't_pkey', columns: ['a', 'b'], unique: true },
  ]);
});

test('ALTER COLUMN: TYPE (USING), SET/DROP NOT NULL, SET/DROP DEFAULT', () => {
  const t = tableOf(
    afterSql(
      'CREATE TABLE t (a int NOT NULL, b text, c varchar(5))',
      "ALTER TABLE t ALTER COLUMN a TYPE bigint USING a::bigint, ALTER COLUMN a DROP NOT NULL, ALTER COLUMN b SET NOT NULL, ALTER COLUMN b SET DEFAULT 'x', ALTER COLUMN c SET DEFAULT 'y'",
      'ALTER TABLE t ALTER COLUMN c DROP DEFAULT',
    ),
    't',
  );
  assert.deepEqual(t.columns, [
    { name: 'a', type: 'bigint', nullable: true, default: null },
    { name: 'b', type: 'text', nullable: false, default: "'x'::text" },
    { name: 'c', type: 'character varying(5)', nullable: true, default: null },
  ]);
});

test('CREATE TABLE ... (LIKE ...) and AS SELECT: the table is there, its columns unknown', () => {
  const json = afterSql('CREATE TABLE a (x int)', 'CREATE TABLE b (LIKE a)', 'CREATE TABLE c AS SELECT * FROM a', 'CREATE TEMP TABLE tmp (x int)');
  assert.deepEqual(names(json.tables), ['a', 'b', 'c']);
  assert.equal(tableOf(json, 'b').unknown, true);
  assert.equal(tableOf(json, 'c').unknown, true);
  assert.equal(tableOf(json, 'a').unknown, undefined);
});

test('SQL not known statically makes the schema unknown', () => {
  const { json } = replayBody('name = get()\nop.execute(f"DROP TABLE {name}")');
  assert.equal(json.unknown, true);
});
