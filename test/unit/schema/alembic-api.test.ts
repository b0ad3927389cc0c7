// The op.* API replayed as the SQL SQLAlchemy's PostgreSQL dialect emits: its types, SERIAL for the integer
// primary key, the enum types a table creates, the names SQLAlchemy and PostgreSQL give.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { names, replayBody, tableOf, useParsers } from './helpers';

useParsers();

test('SQLAlchemy types as PostgreSQL prints them, nullability and server defaults', () => {
  const { json } = replayBody(`
op.create_table(
    "users",
    sa.Column("id", sa.BigInteger(), primary_key=True),
    sa.Column("name", sa.String(20), nullable=False, server_default="x"),
    sa.Column("bio", sa.Text()),
    sa.Column("active", sa.Boolean(), server_default=sa.true()),
    sa.Column("price", sa.Numeric(10, 2)),
    sa.Column("at", sa.DateTime(timezone=True), server_default=sa.text("now()")),
    sa.Column("naive", sa.DateTime()),
    sa.Column("key", postgresql.UUID(as_uuid=True)),
    sa.Column("data", postgresql.JSONB()),
    sa.Column("ids", sa.ARRAY(sa.Integer())),
    sa.Column("n", sa.Integer, server_default="0"),
    sa.Column("seen", sa.DateTime(), server_default=sa.func.now()),
)`);
  const users = tableOf(json, 'users');
  assert.deepEqual(
    users.columns.map((c) => [c.name, c.type, c.nullable, c.default]),
    [
      ['id', 'bigint', false, "nextval('users_id_seq'::regclass)"],
      ['name', 'character varying(20)', false, "'x'::character varying"],
      ['bio', 'text', true, null],
      ['active', 'boolean', true, 'true'],
      ['price', 'numeric(10,2)', true, null],
      ['at', 'timestamp with time zone', true, 'now()'],
      ['naive', 'timestamp without time zone', true, null],
      ['key', 'uuid', true, null],
      ['data', 'jsonb', true, null],
      ['ids', 'integer[]', true, null],
      ['n', 'integer', true, '0'],
      ['seen', 'timestamp without time zone', true, 'now()'],
    ],
  );
  assert.ok(users.columns.every((c) => !c.unknown));
  assert.deepEqual(users.constraints, [{ name: 'users_pkey', kind: 'primary key', columns: ['id'] }]);
  assert.deepEqual(json.sequences, [{ name: 'users_id_seq', ownedBy: { table: 'users', column: 'id' } }]);
});

test('no SERIAL for a composite or a foreign-key primary key, nor with autoincrement=False', () => {
  const { json } = replayBody(`
op.create_table("a", sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False))
op.create_table("b", sa.Column("x", sa.Integer(), primary_key=True), sa.Column("y", sa.Integer(), primary_key=True))
op.create_table("c", sa.Column("id", sa.Integer(), sa.ForeignKey("a.id"), primary_key=True))`);
  assert.deepEqual(json.sequences, []);
  assert.deepEqual(tableOf(json, 'c').constraints, [
    { name: 'c_id_fkey', kind: 'foreign key', columns: ['id'], references: { table: 'a', columns: ['id'] } },
    { name: 'c_pkey', kind: 'primary key', columns: ['id'] },
  ]);
});

test('a foreign key with use_alter=True is not in op.create_table (the ALTER SQLAlchemy defers it to never comes); op.add_column adds it', () => {
  const { json, unresolvedReferences } = replayBody(`
op.create_table("a", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("b_id", sa.Integer(), sa.ForeignKey("b.id", use_alter=True)))
op.create_table("b", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("a_id", sa.Integer()), sa.ForeignKeyConstraint(["a_id"], ["a.id"], name="fk_b_a", use_alter=True))
op.add_column("a", sa.Column("c_id", sa.Integer(), sa.ForeignKey("b.id", use_alter=True)))`);
  assert.deepEqual(names(tableOf(json, 'a').constraints), ['a_c_id_fkey', 'a_pkey']);
  assert.deepEqual(names(tableOf(json, 'b').constraints), ['b_pkey']);
  assert.deepEqual(unresolvedReferences, [], 'b is there when op.add_column adds its foreign key');
});

test('unnamed constraints get PostgreSQL names; index=True gets SQLAlchemy ix_<table>_<column>; op.f() is the name', () => {
  const { json } = replayBody(`
op.create_table("users", sa.Column("id", sa.Integer(), nullable=False), sa.Column("email", sa.String(), unique=True), sa.PrimaryKeyConstraint("id"))
op.create_table(
    "orders",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("user_id", sa.Integer(), nullable=True, index=True),
    sa.Column("total", sa.Integer()),
    sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_orders_user_id_users")),
    sa.CheckConstraint("total >= 0"),
    sa.UniqueConstraint("user_id", "total", name="uq_orders"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
)
op.create_index(op.f("ix_orders_total"), "orders", ["total"], unique=False)
op.create_unique_constraint(None, "orders", ["total"])
op.create_foreign_key(None, "orders", "users", ["total"], ["id"])
op.create_check_constraint("ck_total", "orders", "total < 100")`);
  assert.deepEqual(names(tableOf(json, 'users').constraints), ['users_email_key', 'users_pkey']);
  const orders = tableOf(json, 'orders');
  assert.deepEqual(names(orders.constraints), ['ck_total', 'fk_orders_user_id_users', 'orders_total_check', 'orders_total_fkey', 'orders_total_key', 'pk_orders', 'uq_orders']);
  assert.deepEqual(names(orders.indexes), ['ix_orders_total', 'ix_orders_user_id', 'orders_total_key', 'pk_orders', 'uq_orders']);
  assert.deepEqual(orders.constraints.find((c) => c.name === 'ck_total')!.columns, ['total']);
});

test('sa.Enum(name=) in a table creates the type; .create(bind) and postgresql.ENUM(...).create() create it; create_type=False does not', () => {
  const { json } = replayBody(`
mood = postgresql.ENUM("sad", "happy", name="mood")
mood.create(op.get_bind())
sa.Enum("a", "b", name="letters").create(op.get_bind(), checkfirst=True)
op.create_table("t", sa.Column("m", mood), sa.Column("s", sa.Enum("on", "off", name="switch")), sa.Column("l", postgresql.ENUM(name="letters", create_type=False)))
op.add_column("t", sa.Column("k", sa.Enum("x", name="added")))`);
  assert.deepEqual(json.enums, [
    { name: 'letters', labels: ['a', 'b'] },
    { name: 'mood', labels: ['sad', 'happy'] },
    { name: 'switch', labels: ['on', 'off'] },
  ]);
  assert.deepEqual(
    tableOf(json, 't').columns.map((c) => c.type),
    ['mood', 'switch', 'letters', 'added'],
  );
});

test('add_column, alter_column, drop_column, rename_table, drop_index, drop_constraint and the batch form', () => {
  const { json } = replayBody(`
op.create_table("t", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("a", sa.String(10)))
op.add_column("t", sa.Column("b", sa.Integer(), nullable=False, server_default="1", unique=True))
op.alter_column("t", "a", type_=sa.Text(), nullable=False, server_default="z")
op.alter_column("t", "b", server_default=None, new_column_name="c")
op.create_index("ix_t_a", "t", ["a"])
op.drop_index("ix_t_a", table_name="t")
with op.batch_alter_table("t", schema=None) as batch_op:
    batch_op.add_column(sa.Column("d", sa.Boolean()))
    batch_op.drop_constraint("t_b_key", type_="unique")
    batch_op.create_index(batch_op.f("ix_t_d"), ["d"])
op.drop_column("t", "id")
op.rename_table("t", "u")`);
  const u = tableOf(json, 'u');
  assert.deepEqual(
    u.columns.map((c) => [c.name, c.type, c.nullable, c.default]),
    [
      ['a', 'text', false, "'z'::text"],
      ['c', 'integer', false, null],
      ['d', 'boolean', true, null],
    ],
  );
  assert.deepEqual(names(u.indexes), ['ix_t_d']);
  assert.deepEqual(u.constraints, []);
  assert.deepEqual(json.sequences, []);
});

test('a helper call or an unknown op makes the schema unknown', () => {
  assert.equal(replayBody('_drop_everything()').json.unknown, true);
  assert.equal(replayBody('op.create_table("t", sa.Column("a", sa.Integer()))').json.unknown, undefined);
  assert.equal(replayBody('op.create_table(name, sa.Column("a", sa.Integer()))').json.unknown, true);
});
