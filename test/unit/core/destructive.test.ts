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
    unanalysed: [],
  });
  assert.deepEqual(analyseDestructive(file.upgrade), { destructive: [], unanalysed: [] });
});

test('a drop whose name is a variable, in a loop or not, could not be analysed', () => {
  assert.deepEqual(downgradeOf(['name = get_name()', 'op.drop_table(name)']), { destructive: [], unanalysed: ['op.drop_table with a name known only at run time'] });
  assert.deepEqual(downgradeOf(['for table in TABLES:', '    op.drop_table(table)'], ['TABLES = ["a", "b"]']), {
    destructive: [],
    unanalysed: ['op.drop_table with a name known only at run time'],
  });
  assert.deepEqual(downgradeOf(['for table in ("a", "b"):', '    op.execute(f"DROP TABLE {table}")']), { destructive: [], unanalysed: ['1 SQL statement built at run time'] });
});

test('a helper the downgrade calls could not be analysed; logging is no helper', () => {
  const result = downgradeOf(['logger.info("dropping")', '_drop_everything()', 'if True:', '    metadata.drop_all(op.get_bind())', 'print("done")'], ['def _drop_everything():', '    op.drop_table("orders")']);
  assert.deepEqual(result, {
    destructive: [],
    unanalysed: ['_drop_everything(...), a call the analysis does not follow', 'metadata.drop_all(...), a call the analysis does not follow'],
  });
});

test('UPDATE overwrites values: destructive; a column type change could not be analysed', () => {
  assert.deepEqual(downgradeOf(['op.execute("UPDATE users SET email = NULL")']), { destructive: ['UPDATE users (overwrites the values it sets)'], unanalysed: [] });
  assert.deepEqual(downgradeOf(['op.execute("ALTER TABLE orders ALTER COLUMN status TYPE varchar(10)")']), {
    destructive: [],
    unanalysed: ['type change of column orders.status (a narrower type may cut or lose values)'],
  });
  assert.deepEqual(downgradeOf(['op.alter_column("orders", "status", type_=sa.String(10))']).unanalysed, ['type change of column orders.status (a narrower type may cut or lose values)']);
  // Changes that keep the values are not flagged.
  assert.deepEqual(downgradeOf(['op.execute("ALTER TABLE orders ALTER COLUMN status SET DEFAULT \'new\'")', 'op.alter_column("orders", "status", nullable=True)']), { destructive: [], unanalysed: [] });
});

test('SQL that does not parse could not be analysed', () => {
  assert.deepEqual(downgradeOf(['op.execute("DRP TABLE orders")']), { destructive: [], unanalysed: ['1 SQL string that does not parse'] });
});

test('SQL too complex to read could not be analysed: it may destroy anything', () => {
  const deep = `SELECT 1${'+1'.repeat(9_999)}`;
  assert.deepEqual(downgradeOf([`op.execute("${deep}")`]), { destructive: [], unanalysed: ['1 SQL string too complex to read (not checked)'] });
});
