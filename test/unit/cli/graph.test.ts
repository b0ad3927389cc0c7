import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from './run-cli';

test('graph text: a header per location, then the history like alembic history', async () => {
  const { code, stdout } = await runCli(['graph', 'project']);
  assert.equal(code, 0);
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'project/migrations');
  const history = lines.slice(1);
  assert.equal(history.length, 4);
  assert.ok(history.some((l) => /^0002 -> 0003 \(head\), add_orders_index$/.test(l)), history.join('\n'));
  assert.ok(history.some((l) => /^0001 -> 0004 \(head\), add_users_name$/.test(l)), history.join('\n'));
  assert.ok(history.some((l) => /^<base> -> 0001 \(branchpoint\), create_users$/.test(l)), history.join('\n'));
});

test('graph json: locations with heads, bases and revisions, paths relative', async () => {
  const { code, stdout } = await runCli(['graph', 'project', '--format', 'json']);
  assert.equal(code, 0);
  const graph = JSON.parse(stdout);
  assert.equal(graph.locations.length, 1);
  const location = graph.locations[0];
  assert.equal(location.path, 'project/migrations');
  assert.equal(location.ini, 'project/alembic.ini');
  assert.ok(!('sqlalchemy_url' in location), 'the CLI never prints the database URL: it may hold a password');
  assert.deepEqual(location.heads, ['0003', '0004']);
  assert.deepEqual(location.bases, ['0001']);
  const byId = new Map(location.revisions.map((r: { revision: string }) => [r.revision, r]));
  assert.deepEqual(byId.get('0004'), { ...(byId.get('0004') as object), file: 'project/migrations/versions/0004_add_users_name.py', down_revisions: ['0001'] });
  assert.deepEqual(byId.get('0001'), { ...(byId.get('0001') as object), down_revisions: [] });
  assert.equal(byId.size, 4);
});
