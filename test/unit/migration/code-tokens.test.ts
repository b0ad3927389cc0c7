// Same code or not: comments, docstrings and formatting do not change a file's code tokens; what runs does, and the
// first difference is pointed at in the edited text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeTokensOf, firstCodeDifference } from '../../../server/src/core/migration/code-tokens';
import { parseMigration } from '../../../server/src/core/migration';
import { migrationFunctions } from '../../../server/src/core/migration/functions';
import type { Range } from '../../../server/src/core/types';
import { useParsers } from './helpers';

useParsers();

const BASE = [
  '"""Add orders',
  '',
  'Revision ID: 0002',
  'Revises: 0001',
  '"""',
  'from alembic import op',
  '',
  'revision = "0002"',
  'down_revision = "0001"',
  '',
  '',
  'def upgrade() -> None:',
  '    """Apply the migration."""',
  '    op.execute("CREATE TABLE IF NOT EXISTS orders (id SERIAL PRIMARY KEY, total INTEGER NOT NULL)")',
  '    if True:',
  '        op.execute("CREATE INDEX IF NOT EXISTS idx_orders_total ON orders(total)")',
  '    op.execute(f"COMMENT ON TABLE orders IS {NOTE!r}")',
  '',
  '',
  'def downgrade() -> None:',
  '    op.drop_index("idx_orders_total", table_name="orders")',
  '    op.execute("DROP TABLE IF EXISTS orders")',
  '',
].join('\n');

/** BASE with `from` replaced by `to` (which must occur). */
function edit(from: string, to: string, text = BASE): string {
  assert.ok(text.includes(from), `"${from}" is not in the text`);
  return text.replace(from, to);
}

const SAME: [string, string][] = [
  ['a comment added, one changed', edit('def upgrade() -> None:', '# Orders, in cents.\ndef upgrade() -> None:  # the table and its index')],
  ['the module docstring rewritten', edit('"""Add orders\n', '"""Add the orders table\n\nTotals are in cents.\n')],
  ['the module docstring removed', BASE.slice(BASE.indexOf('from alembic'))],
  ['a function docstring changed', edit('"""Apply the migration."""', "'''Create the orders table.'''")],
  ['a function docstring removed', edit('    """Apply the migration."""\n', '')],
  ['a docstring added to a function', edit('def downgrade() -> None:\n', 'def downgrade() -> None:\n    """Drop what the upgrade made."""\n')],
  ['quotes and string prefixes', edit('revision = "0002"', "revision = u'0002'")],
  ['an escape that spells the same character', edit('revision = "0002"', 'revision = "\\x30002"')],
  ['the f-string quote', edit('op.execute(f"COMMENT ON TABLE orders IS {NOTE!r}")', "op.execute(F'COMMENT ON TABLE orders IS {NOTE!r}')")],
  ['line breaks inside brackets, a trailing comma', edit('op.drop_index("idx_orders_total", table_name="orders")', 'op.drop_index(\n        "idx_orders_total",\n        table_name="orders",\n    )')],
  ['redundant parentheses', edit('op.execute("DROP TABLE IF EXISTS orders")', 'op.execute(("DROP TABLE IF EXISTS orders"))')],
  ['a backslash continuation and spaces', edit('down_revision = "0001"', 'down_revision   =\\\n    "0001"')],
  ['two statements on one line', edit('    op.execute("DROP TABLE IF EXISTS orders")\n', '    op.execute("DROP TABLE IF EXISTS orders");\n')],
  ['indentation width and blank lines', BASE.replace(/\n {4}/g, '\n  ').replace(/\n {8}/g, '\n    ').replace(/\n\n\n/g, '\n\n')],
  ['CRLF line ends', BASE.replace(/\n/g, '\r\n')],
];

for (const [name, text] of SAME) {
  test(`same code: ${name}`, () => {
    assert.equal(firstCodeDifference(text, BASE), undefined);
  });
}

/** [name, edited text, the text the range must start at]. */
const DIFFERENT: [string, string, string][] = [
  ['SQL in an upgrade: the word that differs', edit('total INTEGER NOT NULL', 'total BIGINT NOT NULL'), 'BIGINT'],
  ['a statement added', edit('    op.execute("DROP TABLE IF EXISTS orders")\n', '    op.execute("DROP TABLE IF EXISTS orders")\n    op.execute("DROP TYPE IF EXISTS status")\n'), 'op.execute("DROP TYPE'],
  ['a statement removed', edit('    op.drop_index("idx_orders_total", table_name="orders")\n', ''), 'execute("DROP TABLE'],
  ['the parent revision', edit('down_revision = "0001"', 'down_revision = "0001b"'), '0001b'],
  ['module-level code', edit('from alembic import op\n', 'from alembic import op\nimport sqlalchemy as sa\n'), 'import sqlalchemy'],
  ['a statement moved into a block', edit('    op.execute(f"COMMENT', '        op.execute(f"COMMENT'), 'op.execute(f"COMMENT'],
  ['a keyword argument', edit('table_name="orders"', 'table_name="orders", if_exists=True'), ', if_exists'],
  ['an f-string', edit('{NOTE!r}', '{NOTE}'), '}")'],
  ['bytes for text', edit('revision = "0002"', 'revision = b"0002"'), 'b"0002"'],
  ['a one-element tuple for a value', edit('down_revision = "0001"', 'down_revision = ("0001",)'), '("0001",)'],
  ['a docstring that is no longer first', edit('    """Apply the migration."""\n', '    x = 1\n    """Apply the migration."""\n'), 'x = 1'],
];

for (const [name, text, at] of DIFFERENT) {
  test(`different code: ${name}, pointed at where it starts`, () => {
    const range = firstCodeDifference(text, BASE);
    assert.ok(range, 'reported as the same code');
    assert.equal(range.start, text.indexOf(at), `points at ${JSON.stringify(text.slice(range.start, range.end))}`);
    assert.ok(range.end > range.start);
  });
}

/** The file ranges of the SQL the file's operations run, as the rule passes them. */
function sqlRangesOf(text: string): Range[] {
  const file = parseMigration('/p/versions/0002.py', text);
  return migrationFunctions(file).flatMap((fn) => fn.ops.flatMap((op) => (op.kind === 'sql' && op.sql ? [op.sql.range] : [])));
}

const SQL_SAME: [string, string][] = [
  ['re-indented over lines', edit('"CREATE TABLE IF NOT EXISTS orders (id SERIAL PRIMARY KEY, total INTEGER NOT NULL)"', '"""\n        CREATE TABLE IF NOT EXISTS orders (\n            id SERIAL PRIMARY KEY,\n            total INTEGER NOT NULL\n        )\n    """')],
  ['SQL comments', edit('orders (id SERIAL', 'orders ( -- one row per order\\n id /* the key */ SERIAL')],
  ['the case of keywords and unquoted names', edit('DROP TABLE IF EXISTS orders', 'drop table if exists Orders')],
];

for (const [name, text] of SQL_SAME) {
  test(`same SQL: ${name}`, () => {
    assert.equal(firstCodeDifference(text, BASE, sqlRangesOf(text)), undefined);
    assert.notEqual(firstCodeDifference(text, BASE), undefined, 'the same edit outside SQL is a change');
  });
}

test('different SQL: a literal value, a quoted name, pointed at the token', () => {
  const value = edit('"DROP TABLE IF EXISTS orders"', `"DELETE FROM orders WHERE note = 'a  b'"`);
  const changed = edit('"DROP TABLE IF EXISTS orders"', `"DELETE FROM orders WHERE note = 'a b'"`);
  const range = firstCodeDifference(changed, value, sqlRangesOf(changed));
  assert.deepEqual(range && changed.slice(range.start, range.end), "'a b'");
  const renamed = edit('DROP TABLE IF EXISTS orders', 'DROP TABLE IF EXISTS orders_v2 CASCADE');
  const at = firstCodeDifference(renamed, BASE, sqlRangesOf(renamed));
  assert.deepEqual(at && renamed.slice(at.start, at.end), 'orders_v2');
});

test('a subscript by a one-element tuple is not the subscript by its element', () => {
  assert.notEqual(firstCodeDifference('t[a,]\n', 't[a]\n'), undefined);
  assert.equal(firstCodeDifference('f(a,)\n', 'f(a)\n'), undefined);
});

test('a syntax error is code too; deep nesting does not overflow', () => {
  assert.notEqual(firstCodeDifference(edit('def downgrade() -> None:', 'def downgrade() -> None'), BASE), undefined);
  const deep = `x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`;
  assert.equal(firstCodeDifference(deep, 'x = 1\n'), undefined);
  assert.ok(codeTokensOf(deep).length > 0);
});
