// `alembic-lint schema`: the modelled schema at a revision, as text like psql's \d or as the JSON of common/schema-json.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SchemaJson } from '../../../common/schema-json';
import { runCli } from './run-cli';

test('schema json at the head: the shape of common/schema-json.ts, names as PostgreSQL gives them', async () => {
  const { code, stdout, stderr } = await runCli(['schema', 'schema', '--format', 'json']);
  assert.equal(code, 0, stderr);
  const json = JSON.parse(stdout) as SchemaJson;
  assert.equal(json.revision, '0003');
  assert.deepEqual(
    json.tables.map((t) => t.name),
    ['accounts', 'orders'],
  );
  const orders = json.tables[1]!;
  assert.deepEqual(orders.columns[2], { name: 'status', type: 'order_status', nullable: false, default: "'new'::order_status" });
  assert.deepEqual(
    orders.constraints.map((c) => c.name),
    ['orders_pkey', 'orders_total_check', 'orders_user_id_fkey'],
  );
  assert.deepEqual(orders.constraints[2]!.references, { table: 'accounts', columns: ['id'] });
  assert.deepEqual(json.enums, [{ name: 'order_status', labels: ['new', 'paid', 'shipped'] }]);
  assert.deepEqual(json.sequences, [
    { name: 'orders_id_seq', ownedBy: { table: 'orders', column: 'id' } },
    { name: 'users_id_seq', ownedBy: { table: 'accounts', column: 'id' } },
  ]);
  assert.deepEqual(Object.keys(json), ['revision', 'tables', 'enums', 'sequences', 'views', 'functions', 'triggers', 'extensions', 'schemas']);
});

test('schema text reads like psql \\d, at the revision --revision names (a prefix will do)', async () => {
  const ambiguous = await runCli(['schema', 'schema', '--revision', '000', '--format', 'text']);
  assert.equal(ambiguous.code, 2, 'an ambiguous prefix is a usage error');
  assert.match(ambiguous.stderr, /--revision 000 is ambiguous: 0001, 0002, 0003/);
  const prefix = await runCli(['schema', 'schema', '--revision', '0002', '--format', 'json']);
  assert.equal(JSON.parse(prefix.stdout).revision, '0002');
  const at = await runCli(['schema', 'schema', '--revision', '0001']);
  assert.equal(at.code, 0, at.stderr);
  const lines = at.stdout.split('\n');
  assert.equal(lines[0], 'Schema at 0001');
  assert.ok(lines.includes('Table "users"'), at.stdout);
  assert.ok(lines.some((l) => /^ email\s+\| character varying\(255\)\s+\| not null \|\s*$/.test(l)), at.stdout);
  assert.ok(lines.includes('    "users_email_key" UNIQUE CONSTRAINT (email)'), at.stdout);
  assert.ok(!at.stdout.includes('orders'), at.stdout);
  const base = await runCli(['schema', 'schema', '--revision', 'base', '--format', 'json']);
  assert.deepEqual(JSON.parse(base.stdout).tables, []);
});

test('schema with several heads exits 2 and asks for --revision; an unknown revision too', async () => {
  const heads = await runCli(['schema', 'project']);
  assert.equal(heads.code, 2);
  assert.match(heads.stderr, /2 heads \(0003, 0004\): name one with --revision/);
  assert.equal(heads.stdout, '');
  const named = await runCli(['schema', 'project', '--revision', '0004', '--format', 'json']);
  assert.equal(named.code, 0, named.stderr);
  assert.equal(JSON.parse(named.stdout).revision, '0004');
  const missing = await runCli(['schema', 'project', '--revision', 'nope']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--revision nope: no such revision/);
  const flag = await runCli(['check', 'project', '--revision', '0004']);
  assert.equal(flag.code, 2);
});
