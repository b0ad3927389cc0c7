// Renames and drops take what PostgreSQL's dependencies take: indexes, constraints, sequences, triggers, views.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterSql, names, replayBody, tableOf, useParsers } from './helpers';

useParsers();

const USERS = 'CREATE TABLE users (id serial PRIMARY KEY, email text UNIQUE)';
const ORDERS = 'CREATE TABLE orders (id serial PRIMARY KEY, user_id int REFERENCES users (id))';

test('a table rename keeps its indexes, constraints and sequences under their old names; what points at it follows', () => {
  const json = afterSql(USERS, ORDERS, 'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$', 'CREATE TRIGGER tr BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION f()', 'ALTER TABLE users RENAME TO accounts');
  const accounts = tableOf(json, 'accounts');
  assert.deepEqual(names(accounts.indexes), ['users_email_key', 'users_pkey']);
  assert.equal(accounts.columns[0]!.default, "nextval('users_id_seq'::regclass)");
  assert.deepEqual(json.sequences.find((s) => s.name === 'users_id_seq')!.ownedBy, { table: 'accounts', column: 'id' });
  assert.deepEqual(tableOf(json, 'orders').constraints.find((c) => c.kind === 'foreign key')!.references, { table: 'accounts', columns: ['id'] });
  assert.deepEqual(json.triggers, [{ name: 'tr', table: 'accounts' }]);
});

test('a column rename updates the indexes and constraints on it, and the foreign keys to it', () => {
  const json = afterSql(USERS, ORDERS, 'CREATE INDEX ix_email ON users (email)', 'ALTER TABLE users RENAME COLUMN email TO mail', 'ALTER TABLE users RENAME COLUMN id TO user_id');
  const users = tableOf(json, 'users');
  assert.deepEqual(users.indexes.find((i) => i.name === 'ix_email')!.columns, ['mail']);
  assert.deepEqual(users.constraints.find((c) => c.name === 'users_email_key')!.columns, ['mail']);
  assert.deepEqual(tableOf(json, 'orders').constraints.find((c) => c.kind === 'foreign key')!.references, { table: 'users', columns: ['user_id'] });
});

test('DROP COLUMN removes the indexes and constraints on it and its owned sequence; CASCADE the foreign keys and views', () => {
  const plain = afterSql(USERS, 'CREATE TABLE t (a int, b int, UNIQUE (a, b))', 'CREATE INDEX ON t (b)', 'ALTER TABLE t DROP COLUMN b');
  assert.deepEqual(tableOf(plain, 't'), { name: 't', columns: [{ name: 'a', type: 'integer', nullable: true, default: null }], indexes: [], constraints: [] });
  const cascade = afterSql(USERS, ORDERS, 'CREATE VIEW v AS SELECT id FROM users', 'ALTER TABLE users DROP COLUMN id CASCADE');
  assert.deepEqual(names(tableOf(cascade, 'users').constraints), ['users_email_key']);
  assert.deepEqual(names(tableOf(cascade, 'orders').constraints), ['orders_pkey']);
  assert.deepEqual(names(cascade.sequences), ['orders_id_seq']);
  assert.deepEqual(cascade.views, []);
});

test('DROP TABLE removes its indexes, constraints, triggers and owned sequences; CASCADE the foreign keys to it and the views', () => {
  const json = afterSql(
    USERS,
    ORDERS,
    'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
    'CREATE TRIGGER tr BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION f()',
    'CREATE VIEW v AS SELECT * FROM users',
    'CREATE VIEW w AS SELECT * FROM v',
    'DROP TABLE users CASCADE',
  );
  assert.deepEqual(names(json.tables), ['orders']);
  assert.deepEqual(names(tableOf(json, 'orders').constraints), ['orders_pkey']);
  assert.deepEqual(names(json.sequences), ['orders_id_seq']);
  assert.deepEqual(json.triggers, []);
  assert.deepEqual(json.views, []);
  assert.deepEqual(names(json.functions), ['f']);
});

test('ADD CONSTRAINT ... USING INDEX takes the index over under the constraint name', () => {
  const json = afterSql('CREATE TABLE t (a int)', 'CREATE UNIQUE INDEX CONCURRENTLY t_a_tmp ON t (a)', 'ALTER TABLE t ADD CONSTRAINT t_a_uq UNIQUE USING INDEX t_a_tmp');
  assert.deepEqual(tableOf(json, 't').indexes, [{ name: 't_a_uq', columns: ['a'], unique: true }]);
  assert.deepEqual(tableOf(json, 't').constraints, [{ name: 't_a_uq', kind: 'unique', columns: ['a'] }]);
});

test('renaming an index-backed constraint renames its index, and the other way round', () => {
  const json = afterSql('CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE)', 'ALTER TABLE t RENAME CONSTRAINT t_pkey TO pk_t', 'ALTER INDEX t_b_key RENAME TO uq_t_b');
  assert.deepEqual(names(tableOf(json, 't').indexes), ['pk_t', 'uq_t_b']);
  assert.deepEqual(names(tableOf(json, 't').constraints), ['pk_t', 'uq_t_b']);
});

test('renaming a sequence reprints the nextval defaults that name it', () => {
  const json = afterSql('CREATE TABLE t (id serial)', 'ALTER SEQUENCE t_id_seq RENAME TO t_seq');
  assert.equal(tableOf(json, 't').columns[0]!.default, "nextval('t_seq'::regclass)");
});

test('DROP CONSTRAINT removes the index behind it; IF EXISTS on a missing object changes nothing', () => {
  const json = afterSql('CREATE TABLE t (a int UNIQUE)', 'ALTER TABLE t DROP CONSTRAINT t_a_key', 'ALTER TABLE t DROP CONSTRAINT IF EXISTS nope', 'DROP INDEX IF EXISTS nope', 'DROP TABLE IF EXISTS nope');
  assert.deepEqual(tableOf(json, 't').indexes, []);
  assert.deepEqual(tableOf(json, 't').constraints, []);
});

test('IF NOT EXISTS keeps what exists; OR REPLACE replaces; events name what each statement did', () => {
  const { json, events } = replayBody(
    [
      'op.execute("CREATE TABLE t (a int)")',
      'op.execute("CREATE TABLE IF NOT EXISTS t (b int)")',
      'op.execute("CREATE OR REPLACE VIEW v AS SELECT 1")',
      'op.execute("CREATE OR REPLACE VIEW v AS SELECT 2")',
      'op.execute("CREATE INDEX IF NOT EXISTS ix ON t (a)")',
      'op.execute("CREATE INDEX IF NOT EXISTS ix ON t (a)")',
    ].join('\n'),
  );
  assert.deepEqual(tableOf(json, 't').columns.map((c) => c.name), ['a']);
  assert.deepEqual(names(tableOf(json, 't').indexes), ['ix']);
  assert.deepEqual(
    events.map((e) => `${e.action} ${e.kind} ${e.name}`),
    ['create table t', 'create column t.a', 'create view v', 'create view v', 'create index t.ix'],
  );
  assert.ok(events.every((e) => e.range.end > e.range.start));
});
