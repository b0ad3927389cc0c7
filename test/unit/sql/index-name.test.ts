// The names PostgreSQL gives unnamed indexes (indexcmds.c ChooseIndexName), when no other index has taken them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allFacts, analyze, useParsers } from './helpers';

useParsers();

function indexName(sql: string): string | undefined {
  return allFacts(analyze(sql))[0]?.object?.name;
}

test('columns, expressions and repeated columns', () => {
  assert.equal(indexName('CREATE INDEX ON orders (user_id)'), 'orders_user_id_idx');
  assert.equal(indexName('CREATE UNIQUE INDEX ON orders (user_id, created_at DESC)'), 'orders_user_id_created_at_idx');
  assert.equal(indexName('CREATE INDEX ON users (lower(email))'), 'users_lower_idx');
  assert.equal(indexName('CREATE INDEX ON t ((a + b))'), 't_expr_idx');
  assert.equal(indexName('CREATE INDEX ON t ((a::text))'), 't_a_idx');
  assert.equal(indexName("CREATE INDEX ON t (('x'::text))"), 't_text_idx');
  assert.equal(indexName('CREATE INDEX ON t (coalesce(a, b))'), 't_coalesce_idx');
  assert.equal(indexName('CREATE INDEX ON t (a, a, a)'), 't_a_a1_a2_idx');
  assert.equal(indexName('CREATE INDEX ON t USING gin (name gin_trgm_ops)'), 't_name_idx');
});

test('long names are shortened to 63 bytes the way makeObjectName does, without splitting characters', () => {
  const table = 't'.repeat(40);
  const column = 'c'.repeat(40);
  assert.equal(indexName(`CREATE INDEX ON ${table} (${column})`), `${'t'.repeat(29)}_${'c'.repeat(29)}_idx`);
  // 'é' is two bytes: 29 bytes of "éé..." hold 14 characters.
  const name = indexName(`CREATE INDEX ON ${table} ("${'é'.repeat(30)}")`);
  assert.equal(name, `${'t'.repeat(29)}_${'é'.repeat(14)}_idx`);
  assert.ok(Buffer.byteLength(name ?? '') <= 63);
});

test('expressions whose derived name is not modelled leave the index unnamed rather than guess', () => {
  assert.equal(indexName('CREATE INDEX ON t ((a[1]))'), '');
});
