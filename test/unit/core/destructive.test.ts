import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyseDestructive } from '../../../server/src/core/destructive';
import { parseMigration } from '../../../server/src/core/migration';
import { initParsers } from '../../../server/src/host/parsers';

before(() => initParsers());

function downgradeOf(body: string[], module: string[] = []): ReturnType<typeof analyseDestructive> {
  const file = parseMigration(
    '/p/versions/0002.py',
    ['from alembic import op', 'import sqlalchemy as sa', ...module, 'revision = "0002"', 'down_revision = "0001"', 'def upgrade():', '    op.execute("SELECT 1")', 'def downgrade():', ...body.map((line) => `    ${line}`)].join('\n'),
  );
  return analyseDestructive(file.downgrade);
}

test('lists what a downgrade destroys, in order, SQL and Alembic ops alike; literal cases are precise', () => {
  const file = parseMigration(
    '/p/versions/0002.py',
    [
      'from alembic import op',
      'revision = "0002"',
      'down_revision = "0001"',
      'def upgrade():',
      '    op.execute("SELECT 1")',
      'def downgrade():',
      '    op.execute("DELETE FROM orders WHERE id > 10; TRUNCATE audit")',
      '    op.drop_column("users", "status")',
      '    op.execute("DROP TABLE IF EXISTS orders, order_items")',
      '    op.drop_table("invoices")',
    ].join('\n'),
  );
  assert.deepEqual(analyseDestructive(file.downgrade), {
    destructive: ['DELETE FROM orders', 'TRUNCATE audit', 'drop column users.status', 'drop table orders', 'drop table order_items', 'drop table invoices'],
    dropsWithoutData: [],
    unanalysed: [],
  });
  assert.deepEqual(analyseDestructive(file.upgrade), { destructive: [], dropsWithoutData: [], unanalysed: [] });
});

test('a drop whose name is a variable, in a loop or not, could not be analysed', () => {
  assert.deepEqual(downgradeOf(['name = get_name()', 'op.drop_table(name)']), { destructive: [], dropsWithoutData: [], unanalysed: ['op.drop_table with a name known only at run time'] });
  assert.deepEqual(downgradeOf(['for table in TABLES:', '    op.drop_table(table)'], ['TABLES = ["a", "b"]']), {
    destructive: [], dropsWithoutData: [],
    unanalysed: ['op.drop_table with a name known only at run time'],
  });
  assert.deepEqual(downgradeOf(['for table in ("a", "b"):', '    op.execute(f"DROP TABLE {table}")']), { destructive: [], dropsWithoutData: [], unanalysed: ['1 SQL statement built at run time'] });
});

test('a helper the downgrade calls could not be analysed; logging is no helper', () => {
  const result = downgradeOf(['logger.info("dropping")', '_drop_everything()', 'if True:', '    metadata.drop_all(op.get_bind())', 'print("done")'], ['def _drop_everything():', '    op.drop_table("orders")']);
  assert.deepEqual(result, {
    destructive: [], dropsWithoutData: [],
    unanalysed: ['_drop_everything(...), a call the analysis does not follow', 'metadata.drop_all(...), a call the analysis does not follow'],
  });
});

test('UPDATE overwrites values: destructive; a column type change could not be analysed', () => {
  assert.deepEqual(downgradeOf(['op.execute("UPDATE users SET email = NULL")']), { destructive: ['UPDATE users (overwrites the values it sets)'], dropsWithoutData: [], unanalysed: [] });
  assert.deepEqual(downgradeOf(['op.execute("ALTER TABLE orders ALTER COLUMN status TYPE varchar(10)")']), {
    destructive: [], dropsWithoutData: [],
    unanalysed: ['type change of column orders.status (a narrower type may cut or lose values)'],
  });
  assert.deepEqual(downgradeOf(['op.alter_column("orders", "status", type_=sa.String(10))']).unanalysed, ['type change of column orders.status (a narrower type may cut or lose values)']);
  // Changes that keep the values are not flagged.
  assert.deepEqual(downgradeOf(['op.execute("ALTER TABLE orders ALTER COLUMN status SET DEFAULT \'new\'")', 'op.alter_column("orders", "status", nullable=True)']), { destructive: [], dropsWithoutData: [], unanalysed: [] });
});

test('SQL that does not parse could not be analysed', () => {
  assert.deepEqual(downgradeOf(['op.execute("DRP TABLE orders")']), { destructive: [], dropsWithoutData: [], unanalysed: ['1 SQL string that does not parse'] });
});

test('SQL too complex to read could not be analysed: it may destroy anything', () => {
  const deep = `SELECT 1${'+1'.repeat(9_999)}`;
  assert.deepEqual(downgradeOf([`op.execute("${deep}")`]), { destructive: [], dropsWithoutData: [], unanalysed: ['1 SQL string too complex to read (not checked)'] });
});

test('drops of what holds no data are listed apart: an index, a constraint, a function, a view are not data loss', () => {
  const result = downgradeOf([
    'op.execute("DROP INDEX IF EXISTS ix_orders_status")',
    'op.drop_constraint("fk_orders_user", "orders")',
    'op.execute("DROP FUNCTION IF EXISTS touch_updated_at(); DROP VIEW IF EXISTS active_orders")',
    'op.execute("ALTER TABLE orders DROP CONSTRAINT IF EXISTS ck_total, DROP COLUMN note")',
  ]);
  assert.deepEqual(result.destructive, ['drop column orders.note']);
  assert.deepEqual(result.dropsWithoutData, ['drop index ix_orders_status', 'drop constraint fk_orders_user on orders', 'drop function touch_updated_at', 'drop view active_orders', 'drop constraint ck_total on orders']);
  assert.deepEqual(result.unanalysed, []);
  // A schema takes its tables along.
  assert.deepEqual(downgradeOf(['op.execute("DROP SCHEMA IF EXISTS billing CASCADE")']).destructive, ['drop schema billing']);
});
