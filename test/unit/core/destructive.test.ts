import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { destructiveStatements } from '../../../server/src/core/destructive';
import { parseMigration } from '../../../server/src/core/migration';
import { initParsers } from '../../../server/src/host/parsers';

before(() => initParsers());

test('lists what a downgrade destroys, in order, SQL and Alembic ops alike', () => {
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
      '    op.execute("UPDATE users SET name = NULL")',
      '    op.execute(f"DROP TABLE {name}")',
    ].join('\n'),
  );
  assert.deepEqual(destructiveStatements(file.downgrade), [
    'DELETE FROM orders',
    'TRUNCATE audit',
    'drop column users.status',
    'drop table orders',
    'drop table order_items',
    '1 statement built at run time (not checked)',
  ]);
  assert.deepEqual(destructiveStatements(file.upgrade), []);
});

test('SQL too complex to read is counted too: it may destroy anything', () => {
  const deep = `SELECT 1${'+1'.repeat(9_999)}`;
  const file = parseMigration(
    '/p/versions/0003.py',
    ['from alembic import op', 'revision = "0003"', 'down_revision = "0002"', 'def upgrade():', '    pass', 'def downgrade():', `    op.execute("${deep}")`].join('\n'),
  );
  assert.deepEqual(destructiveStatements(file.downgrade), ['1 SQL string too complex to read (not checked)']);
});
