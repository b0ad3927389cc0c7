import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiOperation, Fact } from '../../../server/src/core/types';
import { inUpgrade, offsetOf, onlyApiOp, parse, readFixture, useParsers } from './helpers';

useParsers();

/** The facts without the fields every API fact shares, for compact comparisons. */
function brief(fact: Fact): Record<string, unknown> {
  const { range: _range, orReplace, ...rest } = fact;
  assert.equal(orReplace, false);
  return rest;
}

function factsOf(call: string, prelude = ''): Record<string, unknown>[] {
  return onlyApiOp(inUpgrade(call, prelude)).facts.map(brief);
}

const NO_GUARDS = { ifExists: false, ifNotExists: false, concurrently: false };

test('create_table with columns, schema and inline named constraints', () => {
  const text = inUpgrade(
    'op.create_table(\n    "orders",\n    sa.Column("id", sa.Integer(), primary_key=True),\n    Column("total", sa.Numeric()),\n    sa.PrimaryKeyConstraint("id", name="pk_orders"),\n    sa.ForeignKeyConstraint(["user_id"], ["users.id"]),\n    schema="shop",\n)',
  );
  const op = onlyApiOp(text);
  assert.equal(op.name, 'create_table');
  assert.deepEqual(op.facts.map(brief), [
    { action: 'create', statement: 'op.create_table', object: { kind: 'table', name: 'orders', schema: 'shop' }, columns: ['id', 'total'], ...NO_GUARDS },
    { action: 'create', statement: 'op.create_table', object: { kind: 'constraint', name: 'pk_orders', table: 'orders', schema: 'shop' }, partOfStatement: true, ...NO_GUARDS },
  ]);
  const callStart = offsetOf(text, 'op.create_table');
  assert.deepEqual(op.range, { start: callStart, end: offsetOf(text, '\n    )') + 6 });
  assert.deepEqual(op.facts[0]!.range, op.range);
  assert.equal(text.slice(op.facts[1]!.range.start, op.facts[1]!.range.end), 'sa.PrimaryKeyConstraint("id", name="pk_orders")');
  assert.equal(text.slice(op.keywords['schema']!.start, op.keywords['schema']!.end), 'schema="shop"');
  assert.deepEqual(op.closeParen, { start: op.range.end - 1, end: op.range.end });
});

test('drop_table, rename_table, with if_exists / if_not_exists keywords', () => {
  assert.deepEqual(factsOf('op.drop_table("orders", if_exists=True)'), [
    { action: 'drop', statement: 'op.drop_table', object: { kind: 'table', name: 'orders' }, ...NO_GUARDS, ifExists: true },
  ]);
  assert.deepEqual(factsOf('op.create_table("t", if_not_exists=True)'), [
    { action: 'create', statement: 'op.create_table', object: { kind: 'table', name: 't' }, ...NO_GUARDS, ifNotExists: true },
  ]);
  assert.deepEqual(factsOf('op.rename_table("old", "new", schema="s")'), [
    { action: 'rename', statement: 'op.rename_table', object: { kind: 'table', name: 'old', schema: 's' }, newName: 'new', ...NO_GUARDS },
  ]);
});

test('columns: add_column, drop_column, alter_column rename and alter', () => {
  assert.deepEqual(factsOf('op.add_column("users", sa.Column("age", sa.Integer()), if_not_exists=True)'), [
    { action: 'create', statement: 'op.add_column', object: { kind: 'column', name: 'age', table: 'users' }, ...NO_GUARDS, ifNotExists: true },
  ]);
  assert.deepEqual(factsOf('op.drop_column("users", "age")'), [
    { action: 'drop', statement: 'op.drop_column', object: { kind: 'column', name: 'age', table: 'users' }, ...NO_GUARDS },
  ]);
  assert.deepEqual(factsOf('op.alter_column("users", "name", new_column_name="full_name")'), [
    { action: 'rename', statement: 'op.alter_column', object: { kind: 'column', name: 'name', table: 'users' }, newName: 'full_name', ...NO_GUARDS },
  ]);
  assert.deepEqual(factsOf('op.alter_column("users", "name", nullable=False)'), [
    { action: 'alter', statement: 'op.alter_column', object: { kind: 'column', name: 'name', table: 'users' }, ...NO_GUARDS },
  ]);
});

test('indexes: op.f names, unique, concurrently, drop with table_name', () => {
  assert.deepEqual(factsOf('op.create_index(op.f("ix_users_email"), "users", ["email"], unique=True, postgresql_concurrently=True)'), [
    { action: 'create', statement: 'op.create_index', object: { kind: 'index', name: 'ix_users_email', table: 'users' }, columns: ['email'], ...NO_GUARDS, concurrently: true },
  ]);
  assert.deepEqual(factsOf('op.drop_index("ix_users_email", table_name="users", if_exists=True)'), [
    { action: 'drop', statement: 'op.drop_index', object: { kind: 'index', name: 'ix_users_email', table: 'users' }, ...NO_GUARDS, ifExists: true },
  ]);
  assert.deepEqual(factsOf('op.drop_index("ix_users_email")'), [
    { action: 'drop', statement: 'op.drop_index', object: { kind: 'index', name: 'ix_users_email' }, ...NO_GUARDS },
  ]);
});

test('constraints: foreign key, unique, check, primary key, exclude, drop', () => {
  const cases: [string, string, string][] = [
    ['op.create_foreign_key("fk_a_b", "a", "b", ["b_id"], ["id"], source_schema="s")', 'create_foreign_key', 'a'],
    ['op.create_unique_constraint("uq_a", "a", ["x"])', 'create_unique_constraint', 'a'],
    ['op.create_check_constraint("ck_a", "a", "x > 0")', 'create_check_constraint', 'a'],
    ['op.create_primary_key("pk_a", "a", ["id"])', 'create_primary_key', 'a'],
    ['op.create_exclude_constraint("ex_a", "a", ("period", "&&"))', 'create_exclude_constraint', 'a'],
  ];
  for (const [call, name, table] of cases) {
    const [fact, ...rest] = factsOf(call);
    assert.equal(rest.length, 0);
    assert.equal(fact!['action'], 'create', call);
    assert.equal(fact!['statement'], `op.${name}`);
    assert.equal((fact!['object'] as { name: string }).name, /"(\w+)"/.exec(call)![1]);
    assert.equal((fact!['object'] as { table: string }).table, table);
  }
  assert.equal((factsOf(cases[0]![0])[0]!['object'] as { schema: string }).schema, 's');
  assert.deepEqual(factsOf('op.drop_constraint("fk_a_b", "a", type_="foreignkey")'), [
    { action: 'drop', statement: 'op.drop_constraint', object: { kind: 'constraint', name: 'fk_a_b', table: 'a' }, ...NO_GUARDS },
  ]);
});

test('names given by keyword, and names that cannot be known give no facts', () => {
  assert.deepEqual(factsOf('op.drop_column(table_name="t", column_name="c")'), [
    { action: 'drop', statement: 'op.drop_column', object: { kind: 'column', name: 'c', table: 't' }, ...NO_GUARDS },
  ]);
  for (const call of ['op.drop_table(name)', 'op.create_unique_constraint(None, "a", ["x"])', 'op.drop_column(TABLE, "c")', 'op.drop_table(f"t_{x}")', 'op.create_index(*args)']) {
    const op = onlyApiOp(inUpgrade(call));
    assert.deepEqual(op.facts, [], call);
  }
});

test('batch_alter_table: calls on batch_op take the table from the with', () => {
  const file = parse(readFixture('batch_and_api.py'));
  const facts = (ops: readonly ApiOperation[]) => ops.flatMap((op) => op.facts.map((f) => [f.statement, f.action, f.object?.kind, f.object?.name, f.object?.table, f.newName ?? '']));
  const up = file.upgrade!.ops as ApiOperation[];
  assert.ok(up.every((op) => op.kind === 'api'));
  assert.deepEqual(facts(up), [
    ['op.create_table', 'create', 'table', 'accounts', undefined, ''],
    ['op.create_table', 'create', 'constraint', 'pk_accounts', 'accounts', ''],
    ['op.create_table', 'create', 'constraint', 'uq_accounts_email', 'accounts', ''],
    ['op.create_index', 'create', 'index', 'ix_accounts_email', 'accounts', ''],
    ['batch_op.add_column', 'create', 'column', 'account_id', 'users', ''],
    ['batch_op.create_foreign_key', 'create', 'constraint', 'fk_users_account', 'users', ''],
    ['batch_op.alter_column', 'rename', 'column', 'name', 'users', 'full_name'],
    ['batch_op.create_index', 'create', 'index', 'ix_users_account_id', 'users', ''],
  ]);
  assert.deepEqual(up[1]!.facts[0]!.columns, ['email']);
  assert.deepEqual(up[5]!.facts[0]!.columns, ['account_id']);
  const down = file.downgrade!.ops as ApiOperation[];
  assert.deepEqual(facts(down), [
    ['batch_op.drop_index', 'drop', 'index', 'ix_users_account_id', 'users', ''],
    ['batch_op.alter_column', 'rename', 'column', 'full_name', 'users', 'name'],
    ['batch_op.drop_constraint', 'drop', 'constraint', 'fk_users_account', 'users', ''],
    ['batch_op.drop_column', 'drop', 'column', 'account_id', 'users', ''],
    ['op.drop_index', 'drop', 'index', 'ix_accounts_email', 'accounts', ''],
    ['op.drop_table', 'drop', 'table', 'accounts', undefined, ''],
  ]);
  assert.equal(down[5]!.facts[0]!.object?.schema, 'billing');
});

test('batch forms: schema from the with, check/unique constraints, other batch calls', () => {
  const text = inUpgrade(
    'with op.batch_alter_table("t", schema="s") as b:\n    b.create_check_constraint("ck", "x > 0")\n    b.create_unique_constraint("uq", ["x"])\n    b.drop_index("ix")\n    b.create_table_comment("c")',
  );
  const ops = parse(text).upgrade!.ops;
  assert.deepEqual(
    ops.map((op) => (op.kind === 'api' ? op.facts.map((f) => `${f.statement} ${f.object?.schema}.${f.object?.table}.${f.object?.name}`) : `${op.kind} ${'name' in op ? op.name : ''}`)),
    [['b.create_check_constraint s.t.ck'], ['b.create_unique_constraint s.t.uq'], ['b.drop_index s.t.ix'], 'other create_table_comment'],
  );
});

test('other op calls are recorded as other operations', () => {
  const ops = parse(inUpgrade('op.create_table_comment("t", "c")\nop.bulk_insert(tbl, [{"id": 1}])\nop.sync_enum_values("public", "e", [])\nop.get_bind()')).upgrade!.ops;
  assert.deepEqual(
    ops.map((op) => [op.kind, 'name' in op ? op.name : '']),
    [
      ['other', 'create_table_comment'],
      ['other', 'bulk_insert'],
      ['other', 'sync_enum_values'],
      ['other', 'get_bind'],
    ],
  );
});
