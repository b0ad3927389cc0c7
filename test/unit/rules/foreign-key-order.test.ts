// foreign-key-order on single files: the finding underlines the reference's exact characters, and the quick fix moves
// the parent's statement above the child's only where both stand alone in the upgrade's body.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Finding } from '../../../server/src/core/types';
import { initParsers } from '../../../server/src/host/parsers';
import { applyFix, lintText } from '../../helpers/lint';
import { migrationText } from '../schema/helpers';

before(() => initParsers());

function findings(text: string): Finding[] {
  return lintText(text).filter((f) => f.rule === 'foreign-key-order');
}

/** What each finding underlines. */
function underlined(text: string): string[] {
  return findings(text).map((f) => text.slice(f.range.start, f.range.end));
}

test('the range is the reference: after non-ASCII text, in a multi-line string, in the op.* API', () => {
  const sql = migrationText(`
# Bestellungen für den Shop 🛒 (naïve)
op.execute("""
    -- Positionen: Menge × Preis, «netto»
    CREATE TABLE IF NOT EXISTS order_items (
        id SERIAL PRIMARY KEY,
        order_id INTEGER NOT NULL
            REFERENCES orders (id)
    )
""")
op.execute("CREATE TABLE IF NOT EXISTS orders (id SERIAL PRIMARY KEY)")
`);
  assert.deepEqual(underlined(sql), ['orders']);
  // The message names the line of the parent's CREATE.
  const line = Number(/created later in this upgrade \(line (\d+)\)/.exec(findings(sql)[0]!.message)?.[1]);
  assert.equal(sql.split('\n')[line - 1], '    op.execute("CREATE TABLE IF NOT EXISTS orders (id SERIAL PRIMARY KEY)")');

  const api = migrationText(`
op.create_table("line_items", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("cart_id", sa.Integer(), sa.ForeignKey("carts.id")))
op.create_foreign_key("fk_line_items_sku", "line_items", "products", ["id"], ["sku_id"])
op.create_table("carts", sa.Column("id", sa.Integer(), primary_key=True))
op.create_table("products", sa.Column("sku_id", sa.Integer(), primary_key=True))
`);
  assert.deepEqual(underlined(api), ['sa.ForeignKey("carts.id")', '"products"']);
});

test('the fix moves every line of the parent statement above the child statement, a comment after it included', () => {
  const text = migrationText(`
op.create_table(
    "payments",
    sa.Column("invoice_id", sa.Integer(), sa.ForeignKey("invoices.id")),
)
op.execute("CREATE INDEX IF NOT EXISTS ix_payments_invoice_id ON payments (invoice_id)")
op.create_table(
    "invoices",
    sa.Column("id", sa.Integer(), primary_key=True),
)  # the parent
`);
  const [finding] = findings(text);
  assert.equal(finding!.fixes.length, 1);
  assert.equal(finding!.fixes[0]!.title, 'Move the statement that creates "invoices" above this one');
  const fixed = applyFix(text, finding!.fixes[0]!);
  assert.equal(
    fixed,
    migrationText(`
op.create_table(
    "invoices",
    sa.Column("id", sa.Integer(), primary_key=True),
)  # the parent
op.create_table(
    "payments",
    sa.Column("invoice_id", sa.Integer(), sa.ForeignKey("invoices.id")),
)
op.execute("CREATE INDEX IF NOT EXISTS ix_payments_invoice_id ON payments (invoice_id)")
`),
  );
  assert.deepEqual(findings(fixed), []);
});

test('the fix keeps CRLF line breaks', () => {
  const text = migrationText(`
op.execute("CREATE TABLE IF NOT EXISTS b (id SERIAL PRIMARY KEY, a_id INTEGER REFERENCES a (id))")
op.execute("CREATE TABLE IF NOT EXISTS a (id SERIAL PRIMARY KEY)")
`).replace(/\n/g, '\r\n');
  const fixed = applyFix(text, findings(text)[0]!.fixes[0]!);
  assert.ok(fixed.includes('    op.execute("CREATE TABLE IF NOT EXISTS a (id SERIAL PRIMARY KEY)")\r\n    op.execute("CREATE TABLE IF NOT EXISTS b'), fixed);
  assert.ok(!/[^\r]\n/.test(fixed));
  assert.deepEqual(findings(fixed), []);
});

test('no fix unless both statements stand alone in the upgrade body', () => {
  const cases: Record<string, string> = {
    'the parent inside an if': `
op.execute("CREATE TABLE IF NOT EXISTS b (a_id INTEGER REFERENCES a (id))")
if True:
    op.execute("CREATE TABLE IF NOT EXISTS a (id SERIAL PRIMARY KEY)")`,
    'the child inside a with': `
with op.batch_alter_table("b") as batch_op:
    batch_op.create_foreign_key("fk_b_a", "a", ["a_id"], ["id"])
op.execute("CREATE TABLE IF NOT EXISTS a (id SERIAL PRIMARY KEY)")`,
    'two statements on a line': `
op.execute("CREATE TABLE IF NOT EXISTS b (a_id INTEGER REFERENCES a (id))")
op.execute("SELECT 1"); op.execute("CREATE TABLE IF NOT EXISTS a (id SERIAL PRIMARY KEY)")`,
    'one SQL string': `
op.execute("CREATE TABLE IF NOT EXISTS b (a_id INTEGER REFERENCES a (id)); CREATE TABLE IF NOT EXISTS a (id SERIAL PRIMARY KEY)")`,
    'a statement assigned': `
op.execute("CREATE TABLE IF NOT EXISTS b (a_id INTEGER REFERENCES a (id))")
result = op.execute("CREATE TABLE IF NOT EXISTS a (id SERIAL PRIMARY KEY)")`,
  };
  for (const [name, body] of Object.entries(cases)) {
    const found = findings(migrationText(body));
    assert.equal(found.length, 1, `${name}: one finding`);
    assert.deepEqual(found[0]!.fixes, [], `${name}: no fix`);
  }
});
