// env.py's MetaData(naming_convention=...) names what op.* calls leave unnamed; SQL is named by PostgreSQL.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMigration } from '../../../server/src/core/migration';
import { EMPTY_SCHEMA, readNamingConvention, replayFunction, schemaToJson } from '../../../server/src/core/schema';
import { migrationText, names, tableOf, useParsers } from './helpers';

useParsers();

const ENV = `
import sqlalchemy as sa
from alembic import context

convention = {
    "ix": "ix_%(column_0_label)s",
    sa.UniqueConstraint: "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
target_metadata = sa.MetaData(naming_convention=convention)
`;

test('the convention is read from env.py when it is a literal', () => {
  assert.deepEqual(readNamingConvention(ENV), {
    ix: 'ix_%(column_0_label)s',
    uq: 'uq_%(table_name)s_%(column_0_N_name)s',
    ck: 'ck_%(table_name)s_%(constraint_name)s',
    fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s',
    pk: 'pk_%(table_name)s',
  });
  assert.equal(readNamingConvention('target_metadata = Base.metadata\n'), undefined);
});

test('op.* calls name their unnamed constraints and indexes by it; a check needing its own name stays PostgreSQL-named', () => {
  const body = `
op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("email", sa.String(), unique=True))
op.create_table("orders", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), index=True), sa.Column("n", sa.Integer()), sa.CheckConstraint("n > 0"))
op.create_unique_constraint(None, "orders", ["user_id", "n"])
op.execute("ALTER TABLE orders ADD UNIQUE (n)")`;
  const file = parseMigration('/virtual/versions/0001.py', migrationText(body));
  const json = schemaToJson(replayFunction(EMPTY_SCHEMA, file.upgrade, { convention: readNamingConvention(ENV)! }).schema, '0001');
  assert.deepEqual(names(tableOf(json, 'users').constraints), ['pk_users', 'uq_users_email']);
  const orders = tableOf(json, 'orders');
  assert.deepEqual(names(orders.constraints), ['fk_orders_user_id_users', 'orders_n_check', 'orders_n_key', 'pk_orders', 'uq_orders_user_id_n']);
  assert.ok(names(orders.indexes).includes('ix_orders_user_id'));
});
