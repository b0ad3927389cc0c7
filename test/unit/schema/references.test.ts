// A foreign key meets the schema as it is at that point of the replay: one to a table the schema does not hold is
// recorded with the exact file characters of the reference (the table's name in SQL, the ForeignKey call or the
// referent argument of an op.* call), for foreign-key-order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrationText, replayBody, useParsers } from './helpers';

useParsers();

/** Each unresolved reference of the upgrade `body` as `table <the file text its range covers>`. */
function references(body: string): string[] {
  const text = migrationText(body);
  const { unresolvedReferences = [] } = replayBody(body);
  return unresolvedReferences.map((r) => `${r.table} ${text.slice(r.range.start, r.range.end)}`);
}

test('SQL: the referenced name, column or table constraint, CREATE TABLE or ALTER TABLE, qualified and quoted', () => {
  assert.deepEqual(references(`op.execute("CREATE TABLE items (id int, order_id int REFERENCES orders (id))")`), ['orders orders']);
  assert.deepEqual(references(`op.execute('CREATE TABLE items (order_id int, FOREIGN KEY (order_id) REFERENCES billing . "Orders" (id))')`), ['billing.Orders billing . "Orders"']);
  assert.deepEqual(references(`op.execute("ALTER TABLE items ADD CONSTRAINT fk FOREIGN KEY (order_id) REFERENCES  orders")`), ['orders orders']);
  assert.deepEqual(references(`op.execute("ALTER TABLE items ADD COLUMN IF NOT EXISTS order_id int REFERENCES orders")`), ['orders orders']);
});

test('SQL: the range is on the exact characters after non-ASCII text, escapes, placeholders and line breaks', () => {
  // Non-ASCII before the SQL in the file, and inside the SQL before the reference (libpg-query counts UTF-8 bytes).
  const body = `# naïve café 🙂
op.execute("""
    -- Bestellpositionen für 🛒 «Warenkorb»
    CREATE TABLE "positionen_ä" (
        id serial PRIMARY KEY,
        note text DEFAULT 'größe 🙂',
        order_id int NOT NULL
            REFERENCES   public.orders (id)
    )
""")`;
  assert.deepEqual(references(body), ['orders public.orders']);
  // A `\\n` escape is one SQL character for two file characters; a `:name` bind with a non-ASCII name is replaced by a
  // stand-in of other byte length before parsing.
  assert.deepEqual(references(`op.execute("CREATE TABLE a (\\n  b text DEFAULT :défaut,\\n  o int REFERENCES orders)")`), ['orders orders']);
  assert.deepEqual(references(`op.execute(sa.text("CREATE TABLE a (o int REFERENCES " "orders)"))`), ['orders orders']);
});

test('the op.* API: sa.ForeignKey(...), the ForeignKeyConstraint referred columns, the referent of create_foreign_key', () => {
  const body = `op.create_table(
    "items",
    sa.Column("id", sa.Integer(), primary_key=True),
    sa.Column("order_id", sa.Integer(), sa.ForeignKey("orders.id", ondelete="CASCADE")),
    sa.Column("sku", sa.Text()),
    sa.ForeignKeyConstraint(["sku"], ["catalog.products.sku"]),
)
op.add_column("items", sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id")))
op.create_foreign_key("fk_items_carts", "items", "carts", ["id"], ["item_id"])
with op.batch_alter_table("items") as batch_op:
    batch_op.create_foreign_key("fk_items_shops", "shops", ["id"], ["item_id"], referent_schema="retail")`;
  assert.deepEqual(references(body), [
    'catalog.products ["catalog.products.sku"]',
    'orders sa.ForeignKey("orders.id", ondelete="CASCADE")',
    'users sa.ForeignKey("users.id")',
    'carts "carts"',
    'retail.shops "shops"',
  ]);
});

test('a table the schema holds is no unresolved reference: created earlier, or the table itself', () => {
  const sql = `op.execute("CREATE TABLE orders (id int PRIMARY KEY)")
op.execute("CREATE TABLE items (id int PRIMARY KEY, order_id int REFERENCES orders, parent_id int REFERENCES items (id))")
op.execute("ALTER TABLE items ADD CONSTRAINT fk_self FOREIGN KEY (parent_id) REFERENCES items")`;
  assert.deepEqual(references(sql), []);
  const api = `op.create_table("orders", sa.Column("id", sa.Integer(), primary_key=True))
op.create_table("items", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("parent_id", sa.Integer(), sa.ForeignKey("items.id")), sa.Column("order_id", sa.Integer(), sa.ForeignKey("orders.id")))`;
  assert.deepEqual(references(api), []);
});

test('the order of the upgrade counts; after SQL the model cannot read, nothing is recorded (it may have made the table)', () => {
  assert.deepEqual(references(`op.execute("CREATE TABLE items (order_id int REFERENCES orders)")\nop.execute("CREATE TABLE orders (id int PRIMARY KEY)")`), ['orders orders']);
  assert.deepEqual(references(`op.execute(f"CREATE TABLE {name} (id int)")\nop.execute("CREATE TABLE items (order_id int REFERENCES orders)")`), []);
  // A ForeignKey whose target is not a literal names no table.
  assert.deepEqual(references(`op.create_table("items", sa.Column("order_id", sa.Integer(), sa.ForeignKey(orders.c.id)))`), []);
});
