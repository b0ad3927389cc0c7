// PostgreSQL's implicit names: <table>_pkey, _<cols>_key, _fkey, _check, _idx, _seq; 63 bytes; numbered on collision.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseName, makeObjectName, truncateIdentifier } from '../../../server/src/core/schema/names';
import { afterSql, names, tableOf, useParsers } from './helpers';

useParsers();

test('a CREATE TABLE names its primary key, unique, foreign-key and check constraints as PostgreSQL does', () => {
  const json = afterSql(
    'CREATE TABLE users (id serial PRIMARY KEY, email text UNIQUE)',
    'CREATE TABLE orders (id int, user_id int REFERENCES users, total int CHECK (total >= 0), a int, b int, CHECK (a < b), UNIQUE (a, b))',
  );
  assert.deepEqual(names(tableOf(json, 'users').constraints), ['users_email_key', 'users_pkey']);
  assert.deepEqual(names(tableOf(json, 'users').indexes), ['users_email_key', 'users_pkey']);
  const orders = tableOf(json, 'orders');
  assert.deepEqual(names(orders.constraints), ['orders_a_b_key', 'orders_check', 'orders_total_check', 'orders_user_id_fkey']);
  assert.deepEqual(orders.constraints.find((c) => c.name === 'orders_user_id_fkey')!.references, { table: 'users', columns: ['id'] });
  assert.deepEqual(orders.constraints.find((c) => c.name === 'orders_check')!.columns, ['a', 'b']);
});

test('an unnamed CREATE INDEX is <table>_<columns>_idx, an expression key "expr"', () => {
  const json = afterSql('CREATE TABLE t (a int, b int)', 'CREATE INDEX ON t (a, b)', 'CREATE UNIQUE INDEX ON t (lower(b::text))');
  assert.deepEqual(names(tableOf(json, 't').indexes), ['t_a_b_idx', 't_expr_idx']);
  assert.equal(tableOf(json, 't').indexes[1]!.unique, true);
});

test('a name already taken is numbered: _key1, _idx1', () => {
  const json = afterSql('CREATE TABLE t (a int UNIQUE)', 'CREATE INDEX ON t (a)', 'CREATE INDEX ON t (a)', 'ALTER TABLE t ADD UNIQUE (a)');
  assert.deepEqual(names(tableOf(json, 't').indexes), ['t_a_idx', 't_a_idx1', 't_a_key', 't_a_key1']);
});

test('names are cut to 63 bytes, the longer part first, without splitting a character', () => {
  const long = 'a'.repeat(70);
  assert.equal(truncateIdentifier(long), 'a'.repeat(63));
  assert.equal(makeObjectName('t'.repeat(40), 'c'.repeat(40), 'key'), `${'t'.repeat(29)}_${'c'.repeat(29)}_key`);
  assert.equal(makeObjectName(`a${'é'.repeat(40)}`, undefined, 'pkey'), `a${'é'.repeat(28)}_pkey`);
  // Three bytes a character (CJK), four a surrogate pair (emoji): 63 bytes hold 21 of the one, 15 of the other.
  assert.equal(truncateIdentifier('中'.repeat(30)), '中'.repeat(21));
  assert.equal(truncateIdentifier('😀'.repeat(20)), '😀'.repeat(15));
  assert.equal(truncateIdentifier(`${'a'.repeat(61)}😀`), 'a'.repeat(61));
  assert.equal(chooseName('t', 'a', 'key', (n) => n === 't_a_key' || n === 't_a_key1'), 't_a_key2');
  const json = afterSql(`CREATE TABLE ${'x'.repeat(60)} (id serial PRIMARY KEY)`);
  assert.equal(json.tables[0]!.name, 'x'.repeat(60));
  assert.deepEqual(names(json.tables[0]!.constraints), [`${'x'.repeat(58)}_pkey`]);
  assert.deepEqual(names(json.sequences), [`${'x'.repeat(56)}_id_seq`]);
});
