// The schema oracle against one fresh database of a backend: test/fixtures/schema-oracle upgraded with the real
// Alembic CLI one revision at a time, PostgreSQL's catalogs read after each step (catalog-schema.ts). It proves
// two things the static schema model will be judged on: the dumper reads what PostgreSQL holds (hand-written
// expectations for the objects whose names and printing PostgreSQL decides), and every downgrade of the fixture
// restores exactly the schema before its upgrade, down to an empty one at the base.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, type TestContext } from 'node:test';
import { openClient } from '../../../client/src/database/pg-connect';
import type { Client } from 'pg';
import type { ResolvedConnection } from '../../../client/src/database/resolve-connection';
import type { SchemaJson, TableJson } from '../../../common/schema-json';
import { fixturePath } from '../../helpers/repo';
import { matchSnapshot } from '../../helpers/snapshot';
import { testOn, type BackendKind } from '../backends';
import { compareWithModel, dumpCatalogSchema, emptySchema, schemaModelAt } from '../catalog-schema';
import { copyExample, SETUP_TIMEOUT_MS } from '../harness';
import { assertOk, cli, exampleProject, revisionIds, type ExampleProject } from '../project';

export const ORACLE_FIXTURE = fixturePath('schema-oracle');

export function schemaOracleSuite(kind: BackendKind): void {
  let connection: ResolvedConnection;
  let project: ExampleProject;
  /** The catalogs after each revision's upgrade, by revision id. */
  const at = new Map<string, SchemaJson>();

  before(async () => {
    connection = (await kind.setup()).connection;
    project = exampleProject('alembic', copyExample(ORACLE_FIXTURE));
  }, { timeout: SETUP_TIMEOUT_MS });

  const run = async (action: Parameters<typeof cli>[1]): Promise<void> => {
    const result = await cli(project, action, connection.env);
    assertOk(result, `${action.kind} ${'target' in action ? action.target : ''}`);
  };
  const withClient = async <T>(body: (client: Client) => Promise<T>): Promise<T> => {
    // As the extension connects: sslmode prefer falls back to a plain connection on a server without SSL.
    const client = await openClient({ ...connection.pg, connectionTimeoutMillis: 10_000, query_timeout: 30_000 });
    try {
      return await body(client);
    } finally {
      await client.end();
    }
  };
  const dump = (): Promise<SchemaJson> => withClient((client) => dumpCatalogSchema(client));
  const test = (name: string, body: (t: TestContext) => void | Promise<void>): void => testOn(kind, name, async (t) => body(t));

  test('each revision\'s downgrade restores exactly the schema before its upgrade', async (t) => {
    const version = await withClient((client) => client.query<{ version: string }>("SELECT current_setting('server_version') AS version"));
    t.diagnostic(`${kind.name}: PostgreSQL ${version.rows[0]?.version ?? '?'}`);
    const ids = revisionIds(project);
    assert.deepEqual(ids, Array.from({ length: 13 }, (_, i) => String(i + 1).padStart(4, '0')), 'the fixture is 0001..0013, linear');
    let before = await dump();
    assert.deepEqual(before, emptySchema(), 'a fresh database reads as the empty schema');
    for (const id of ids) {
      await run({ kind: 'upgrade', target: id });
      const after = await dump();
      assert.equal(after.revision, id);
      at.set(id, after);
      await run({ kind: 'downgrade', target: '-1' });
      const undone = await dump();
      assert.deepEqual(compareWithModel(undone, before), [], `the downgrade of ${id} restores the schema before it`);
      assert.deepEqual(undone, before);
      await run({ kind: 'upgrade', target: id });
      before = after;
    }
  });

  test('the catalogs at every revision are the committed ones (test/fixtures/schema-oracle/catalog/<rev>.json)', (t) => {
    // The same files on PostgreSQL and PGlite: both servers print the schema alike. The static model can be
    // unit-tested against these without a database.
    for (const [id, schema] of at) {
      const outcome = matchSnapshot(path.join(ORACLE_FIXTURE, 'catalog', `${id}.json`), `${JSON.stringify(schema, null, 2)}\n`);
      if (outcome !== 'matched') t.diagnostic(`${outcome} catalog/${id}.json`);
    }
    assert.equal(at.size, 13);
  });

  test('PostgreSQL is the judge: alembic-lint schema agrees with the catalogs at every revision', async () => {
    assert.equal(at.size, 13);
    for (const [id, catalog] of at) {
      const model = await schemaModelAt(ORACLE_FIXTURE, id);
      assert.equal(model.revision, id);
      assert.deepEqual(compareWithModel(catalog, model), [], `the model at ${id} disagrees with PostgreSQL`);
      // Agreement that rests on `unknown` proves nothing: the fixture is all static SQL and op.* calls.
      assert.equal(model.unknown, undefined, `the model at ${id} gave up`);
      assert.ok(model.tables.every((t) => !t.unknown), `a table unknown at ${id}`);
    }
  });

  test('the middle revision (0006): renamed table, enum labels, sequences and how PostgreSQL prints types and defaults', () => {
    const schema = revisionOf('0006');
    assert.deepEqual(schema.schemas, ['audit']);
    assert.deepEqual(schema.extensions, ['pgcrypto']);
    assert.deepEqual(schema.functions, [], 'pgcrypto\'s functions belong to the extension (pg_depend deptype e)');
    assert.deepEqual(schema.tables.map((t) => t.name), ['audit.events', 'audit.logins', 'bills', 'orders', 'products', 'users']);

    // A table rename keeps the names of its constraints, indexes and sequences; a column rename updates them.
    const bills = table(schema, 'bills');
    assert.deepEqual(bills.columns.map((c) => [c.name, c.type, c.nullable, c.default]), [
      ['id', 'integer', false, "nextval('invoices_id_seq'::regclass)"],
      ['bill_number', 'integer', false, "nextval('invoice_number_seq'::regclass)"],
      ['order_id', 'bigint', true, null],
      ['note', 'text', true, null],
    ]);
    assert.deepEqual(bills.constraints, [
      { name: 'invoices_number_key', kind: 'unique', columns: ['bill_number'] },
      { name: 'invoices_order_id_fkey', kind: 'foreign key', columns: ['order_id'], references: { table: 'orders', columns: ['id'] } },
      { name: 'invoices_pkey', kind: 'primary key', columns: ['id'] },
    ]);
    assert.deepEqual(bills.indexes, [
      { name: 'bills_note_idx', columns: ['note'], unique: false },
      { name: 'invoices_number_key', columns: ['bill_number'], unique: true },
      { name: 'invoices_pkey', columns: ['id'], unique: true },
    ]);

    // ADD VALUE BEFORE/AFTER place the labels; RENAME VALUE renames in place, and the column default follows it
    // (an enum constant is stored as the label's oid, not its text).
    assert.deepEqual(schema.enums, [
      { name: 'order_priority', labels: ['low', 'high'] },
      { name: 'order_status', labels: ['created', 'pending', 'paid', 'shipped'] },
      { name: 'product_kind', labels: ['physical', 'digital'] },
    ]);
    assert.equal(column(table(schema, 'orders'), 'status').default, "'created'::order_status");
    assert.equal(column(table(schema, 'orders'), 'priority').type, 'order_priority', 'a renamed type is printed by its new name');

    // SERIAL and BIGSERIAL own their sequences (deptype a), an identity column its own (deptype i), OWNED BY likewise.
    assert.deepEqual(schema.sequences, [
      { name: 'audit.events_id_seq', ownedBy: { table: 'audit.events', column: 'id' } },
      { name: 'audit.logins_id_seq', ownedBy: { table: 'audit.logins', column: 'id' } },
      { name: 'invoice_number_seq', ownedBy: { table: 'bills', column: 'bill_number' } },
      { name: 'invoices_id_seq', ownedBy: { table: 'bills', column: 'id' } },
      { name: 'orders_id_seq', ownedBy: { table: 'orders', column: 'id' } },
      { name: 'products_id_seq', ownedBy: { table: 'products', column: 'id' } },
      { name: 'users_id_seq', ownedBy: { table: 'users', column: 'id' } },
    ]);
    const events = table(schema, 'audit.events');
    assert.deepEqual(column(events, 'id'), { name: 'id', type: 'bigint', nullable: false, default: null }, 'an identity column has no default expression');
    assert.deepEqual(events.constraints.find((c) => c.name === 'events_user_fk')?.references, { table: 'users', columns: ['id'] });
    assert.ok(table(schema, 'audit.logins').constraints.some((c) => c.name === 'logins_user_id_fkey' && c.kind === 'foreign key'), 'an unnamed sa.ForeignKey gets PostgreSQL\'s implicit name');

    // SQLAlchemy's types as PostgreSQL prints them.
    const products = table(schema, 'products');
    assert.deepEqual(products.columns.map((c) => [c.name, c.type, c.nullable, c.default]), [
      ['id', 'bigint', false, "nextval('products_id_seq'::regclass)"],
      ['sku', 'character varying(20)', false, null],
      ['stock', 'integer', false, '0'],
      ['price', 'numeric(10,2)', true, "'0'::numeric"],
      ['in_stock', 'boolean', false, 'true'],
      ['created_at', 'timestamp with time zone', false, 'now()'],
      ['description', 'text', true, null],
      ['public_id', 'uuid', true, 'gen_random_uuid()'],
      ['attrs', 'jsonb', true, null],
      ['tags', 'integer[]', true, null],
      ['kind', 'product_kind', false, null],
      ['owner_id', 'integer', true, null],
    ]);
    assert.deepEqual(products.constraints.map((c) => [c.name, c.kind]), [
      ['ck_products_price_positive', 'check'],
      ['fk_products_owner_id_users', 'foreign key'],
      ['products_pkey', 'primary key'],
      ['uq_products_sku', 'unique'],
    ]);
    assert.deepEqual(products.indexes.find((i) => i.name === 'ix_products_owner_kind'), { name: 'ix_products_owner_kind', columns: ['owner_id', 'kind'], unique: true });

    const users = table(schema, 'users');
    assert.deepEqual(users.columns.map((c) => [c.name, c.type, c.default]), [
      ['id', 'integer', "nextval('users_id_seq'::regclass)"],
      ['email', 'character varying(20)', null],
      ['name', 'text', "'anonymous'::text"],
      ['status', 'character varying(10)', "'x'::character varying"],
      ['login_count', 'integer', '0'],
      ['active', 'boolean', 'true'],
      ['created_at', 'timestamp with time zone', 'now()'],
      ['nickname', 'character varying(30)', null],
    ]);
    assert.deepEqual(users.constraints.map((c) => [c.name, c.kind, c.columns]), [
      ['users_email_key', 'unique', ['email']],
      ['users_login_count_check', 'check', ['login_count']],
      ['users_pkey', 'primary key', ['id']],
    ]);
    assert.deepEqual(users.indexes.find((i) => i.name === 'users_email_lower_idx'), { name: 'users_email_lower_idx', columns: ['lower(email::text)'], unique: true }, 'an expression key as pg_get_indexdef prints it');
  });

  test('0012: USING INDEX, CASCADE, implicit column constraint names, an API rename, views, functions and triggers', () => {
    const schema = revisionOf('0012');
    const users = table(schema, 'users');
    assert.deepEqual(users.constraints.find((c) => c.name === 'users_nickname_key'), { name: 'users_nickname_key', kind: 'unique', columns: ['nickname'] });
    assert.deepEqual(users.indexes.map((i) => i.name), ['users_email_key', 'users_email_lower_idx', 'users_nickname_key', 'users_pkey'], 'USING INDEX renamed users_nickname_uidx to the constraint\'s name');
    assert.deepEqual(column(users, 'email').type, 'character varying(100)');
    assert.deepEqual(column(users, 'status'), { name: 'status', type: 'character varying(10)', nullable: false, default: "'active'::character varying" });
    assert.equal(column(users, 'name').default, null);
    assert.ok(users.columns.some((c) => c.name === 'logins') && !users.columns.some((c) => c.name === 'login_count'));
    assert.deepEqual(users.constraints.find((c) => c.kind === 'check')?.name, 'users_login_count_check', 'a column rename keeps the check\'s name and moves its column');
    assert.deepEqual(users.constraints.find((c) => c.kind === 'check')?.columns, ['logins']);

    // DROP TABLE coupons CASCADE took the view and the other table's foreign key, not the column.
    const orders = table(schema, 'orders');
    assert.ok(!schema.tables.some((t) => t.name === 'coupons'));
    assert.ok(!schema.sequences.some((s) => s.name === 'coupons_id_seq'), 'the owned sequence went with the table');
    assert.deepEqual(schema.views, [{ name: 'active_users', materialized: false }, { name: 'order_totals', materialized: true }]);
    assert.ok(orders.columns.some((c) => c.name === 'coupon_id'));
    assert.ok(!orders.constraints.some((c) => c.name === 'orders_coupon_id_fkey'));
    assert.deepEqual(revisionOf('0010').views.map((v) => v.name), ['active_users', 'coupon_codes', 'order_totals']);
    assert.deepEqual(table(revisionOf('0010'), 'orders').constraints.find((c) => c.name === 'orders_coupon_id_fkey')?.references, { table: 'coupons', columns: ['id'] });

    // The column's implicit UNIQUE and CHECK names; the enum swap's absence shows in 0005's downgrade (first test).
    assert.deepEqual(orders.constraints.map((c) => [c.name, c.kind, c.columns]), [
      ['fk_orders_item_id_items', 'foreign key', ['item_id']],
      ['orders_legacy_ref_check', 'check', ['legacy_ref']],
      ['orders_legacy_ref_key', 'unique', ['legacy_ref']],
      ['orders_pkey', 'primary key', ['id']],
      ['orders_total_positive', 'check', ['total']],
      ['orders_user_id_fkey', 'foreign key', ['user_id']],
    ]);
    assert.deepEqual(orders.indexes.find((i) => i.name === 'idx_orders_legacy_ref_lower')?.columns, ['lower(legacy_ref::text)']);
    assert.equal(column(orders, 'total').nullable, false);

    // op.rename_table: the old names stay, the new objects are under the new name.
    const items = table(schema, 'items');
    assert.deepEqual(items.constraints.map((c) => c.name), ['ck_items_stock_positive', 'ck_products_price_positive', 'fk_products_owner_id_users', 'products_pkey', 'uq_items_barcode', 'uq_products_sku']);
    assert.deepEqual(items.indexes.map((i) => i.name), ['ix_items_kind_sku', 'ix_products_created_at', 'ix_products_owner_kind', 'products_pkey', 'uq_items_barcode', 'uq_products_sku']);
    assert.deepEqual(schema.sequences.find((s) => s.name === 'products_id_seq')?.ownedBy, { table: 'items', column: 'id' });
    assert.equal(column(items, 'sku').type, 'character varying(40)');
    assert.equal(column(items, 'price').default, null);
    assert.equal(column(items, 'description').default, "'none'::text");

    assert.deepEqual(schema.functions, [
      { name: 'audit.log_order', arguments: '' },
      { name: 'order_total_cents', arguments: 'p_total numeric, p_factor integer' },
    ]);
    assert.deepEqual(schema.triggers, [{ name: 'orders_audit', table: 'orders' }]);
    assert.equal(schema.revision, '0012');
  });

  test('the head (0013): an enum swap in the upgrade, DROP COLUMN taking a USING INDEX constraint and an index', () => {
    const schema = revisionOf('0013');
    assert.equal(schema.revision, '0013');
    assert.deepEqual(schema.enums.find((e) => e.name === 'order_status'), { name: 'order_status', labels: ['created', 'paid', 'shipped'] });
    assert.ok(!schema.enums.some((e) => e.name === 'order_status_old'));
    const orders = table(schema, 'orders');
    assert.deepEqual(column(orders, 'status'), { name: 'status', type: 'order_status', nullable: false, default: "'created'::order_status" });
    assert.deepEqual(orders.indexes.find((i) => i.name === 'idx_orders_user_status'), { name: 'idx_orders_user_status', columns: ['user_id', 'status'], unique: false }, 'ALTER COLUMN TYPE rebuilds the index under its name');
    const users = table(schema, 'users');
    assert.ok(!users.columns.some((c) => c.name === 'nickname'));
    assert.deepEqual(users.constraints.map((c) => c.name), ['users_email_key', 'users_login_count_check', 'users_pkey']);
    assert.deepEqual(users.indexes.map((i) => i.name), ['users_email_key', 'users_email_lower_idx', 'users_pkey']);
    const bills = table(schema, 'bills');
    assert.deepEqual(bills.columns.map((c) => c.name), ['id', 'bill_number', 'order_id']);
    assert.deepEqual(bills.indexes.map((i) => i.name), ['invoices_number_key', 'invoices_pkey']);
  });

  test('a downgrade from the head to base leaves the empty schema', async () => {
    await run({ kind: 'upgrade', target: 'head' });
    await run({ kind: 'downgrade', target: 'base' });
    assert.deepEqual(await dump(), emptySchema());
  });

  function revisionOf(id: string): SchemaJson {
    const schema = at.get(id);
    assert.ok(schema, `no catalog read at ${id}: the first test failed before it`);
    return schema;
  }
}

function table(schema: SchemaJson, name: string): TableJson {
  const found = schema.tables.find((t) => t.name === name);
  assert.ok(found, `table ${name} in [${schema.tables.map((t) => t.name).join(', ')}]`);
  return found;
}

function column(t: TableJson, name: string): TableJson['columns'][number] {
  const found = t.columns.find((c) => c.name === name);
  assert.ok(found, `column ${t.name}.${name}`);
  return found;
}

