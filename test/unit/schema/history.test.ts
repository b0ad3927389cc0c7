// One snapshot per revision: a revision starts from its parents' schemas (a merge from their union), and an edit
// replays only the edited revision and its descendants.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGraph } from '../../../server/src/core/graph/build';
import { adHocLocation } from '../../../server/src/core/graph/locations';
import { parseMigration } from '../../../server/src/core/migration';
import { keyOf } from '../../../server/src/core/schema';
import { historyOf, migrationText, useParsers } from './helpers';

useParsers();

const tablesAt = (schemas: ReturnType<typeof historyOf>['schemas'], id: string): string[] => [...schemas.get(id)!.schema.tables.values()].map(keyOf).sort();

test('each revision builds on its parent; a merge starts from the union of its parents', () => {
  const { schemas } = historyOf([
    ['a', null, 'op.execute("CREATE TABLE base (id int)")'],
    ['b', 'a', 'op.execute("CREATE TABLE left_t (id int)")'],
    ['c', 'a', 'op.execute("CREATE TABLE right_t (id int)")'],
    ['d', ['b', 'c'], 'op.execute("DROP TABLE base")'],
  ]);
  assert.deepEqual(tablesAt(schemas, 'a'), ['base']);
  assert.deepEqual(tablesAt(schemas, 'b'), ['base', 'left_t']);
  assert.deepEqual(tablesAt(schemas, 'c'), ['base', 'right_t']);
  assert.deepEqual(tablesAt(schemas, 'd'), ['left_t', 'right_t']);
  assert.equal(schemas.get('d')!.events[0]!.name, 'base');
});

test('a snapshot is not changed by its descendants (copy on write)', () => {
  const { schemas } = historyOf([
    ['a', null, 'op.execute("CREATE TABLE t (id int)")'],
    ['b', 'a', 'op.execute("ALTER TABLE t ADD COLUMN x int")'],
  ]);
  assert.deepEqual(schemas.get('a')!.schema.tables.get('t')!.columns.map((c) => c.name), ['id']);
  assert.deepEqual(schemas.get('b')!.schema.tables.get('t')!.columns.map((c) => c.name), ['id', 'x']);
});

test('after an edit only the edited revision and its descendants are replayed', () => {
  const revisions: [string, string | null, string][] = [
    ['a', null, 'op.execute("CREATE TABLE t (id int)")'],
    ['b', 'a', 'op.execute("CREATE TABLE u (id int)")'],
    ['c', 'b', 'op.execute("CREATE TABLE v (id int)")'],
    ['d', 'a', 'op.execute("CREATE TABLE w (id int)")'],
  ];
  const first = historyOf(revisions);
  assert.equal(first.history.replayed, 4);
  const files = first.files.map((f) => (f.path.endsWith('/b.py') ? parseMigration(f.path, migrationText('op.execute("CREATE TABLE u2 (id int)")', 'b', 'a')) : f));
  const graph = buildGraph(adHocLocation('/virtual/versions'), files);
  const again = first.history.compute(graph);
  assert.equal(first.history.replayed, 2);
  assert.deepEqual(tablesAt(again, 'c'), ['t', 'u2', 'v']);
  assert.equal(again.get('d'), first.schemas.get('d'));
});

test('the same graph after an edit: up to a revision first, the rest on the next call; an edit that changes no schema replays no descendant', () => {
  const revisions: [string, string | null, string][] = [
    ['a', null, 'op.execute("CREATE TABLE t (id int)")'],
    ['b', 'a', 'op.execute("CREATE TABLE u (id int)")'],
    ['c', 'b', 'op.execute("CREATE TABLE v (id int)")'],
    ['d', 'c', 'op.execute("CREATE TABLE w (id int)")'],
  ];
  const first = historyOf(revisions);
  const { graph, history } = first;
  const replace = (id: string, body: string): void => {
    const index = graph.files.findIndex((f) => f.path.endsWith(`/${id}.py`));
    const down = revisions.find((r) => r[0] === id)![1];
    graph.files[index] = parseMigration(graph.files[index]!.path, migrationText(body, id, down));
    history.noteEdit(graph, graph.files[index]!.path);
  };
  replace('b', 'op.execute("CREATE TABLE u2 (id int)")');
  let schemas = history.compute(graph, {}, 'b');
  assert.equal(history.partial, true);
  assert.equal(history.replayed, 1, 'only b: c and d wait');
  assert.deepEqual(tablesAt(schemas, 'b'), ['t', 'u2']);
  assert.deepEqual(tablesAt(schemas, 'd'), ['t', 'u', 'v', 'w'], 'd is still the snapshot from before the edit');
  schemas = history.compute(graph);
  assert.equal(history.partial, false);
  assert.equal(history.replayed, 2, 'c and d, built on the changed b');
  assert.deepEqual(tablesAt(schemas, 'd'), ['t', 'u2', 'v', 'w']);

  // A comment in b's upgrade: b is replayed, its snapshot kept, so nothing after it is.
  const d = schemas.get('d');
  replace('b', '# the same table\nop.execute("CREATE TABLE u2 (id int)")');
  schemas = history.compute(graph);
  assert.equal(history.replayed, 1);
  assert.equal(schemas.get('d'), d);
});

test('a merge after a long shared history: every object of either branch, the first parent winning, the most constraints of a name', () => {
  const shared: [string, string | null, string][] = Array.from({ length: 20 }, (_, i) => [
    `s${i}`,
    i === 0 ? null : `s${i - 1}`,
    `op.execute("CREATE TABLE t${i} (id serial PRIMARY KEY, v int CONSTRAINT v_check CHECK (v > 0))")`,
  ]);
  const { schemas } = historyOf([
    ...shared,
    ['l1', 's19', 'op.execute("CREATE TABLE left_t (id serial PRIMARY KEY, w int CONSTRAINT v_check CHECK (w > 0))")'],
    ['l2', 'l1', 'op.execute("DROP TABLE t3")\nop.execute("ALTER TABLE t5 ADD COLUMN y int")'],
    ['r1', 's19', 'op.execute("ALTER TABLE t5 ADD COLUMN x int")\nop.execute("CREATE SEQUENCE right_seq OWNED BY t7.v")'],
    ['m', ['l2', 'r1'], 'pass'],
  ]);
  const left = schemas.get('l2')!.schema;
  const right = schemas.get('r1')!.schema;
  const merged = schemas.get('m')!.start;
  // What the union must hold, map by map, computed the plain way: every entry of both parents, the first's value
  // where both have one, owned sequences joined, constraint name counts the higher.
  const plain = <V>(a: ReadonlyMap<string, V>, b: ReadonlyMap<string, V>, combine: (x: V, y: V) => V): [string, V][] => {
    const out = new Map(a);
    for (const [k, v] of b) out.set(k, out.has(k) ? combine(out.get(k)!, v) : v);
    return [...out].sort(([x], [y]) => (x < y ? -1 : 1));
  };
  const sorted = <V>(m: ReadonlyMap<string, V>): [string, V][] => [...m].sort(([x], [y]) => (x < y ? -1 : 1));
  for (const key of ['tables', 'enums', 'sequences', 'views', 'functions', 'triggers', 'indexOwners'] as const) {
    assert.deepEqual(sorted(merged[key] as ReadonlyMap<string, unknown>), plain(left[key] as ReadonlyMap<string, unknown>, right[key] as ReadonlyMap<string, unknown>, (x) => x), key);
  }
  assert.deepEqual(sorted(merged.sequenceOwners), plain(left.sequenceOwners, right.sequenceOwners, (x, y) => [...new Set([...x, ...y])]));
  assert.deepEqual(sorted(merged.constraintNames), plain(left.constraintNames, right.constraintNames, Math.max));
  assert.equal(merged.tables.size, 21);
  assert.ok(merged.tables.has('t3') && merged.tables.has('left_t'));
  assert.deepEqual(merged.tables.get('t5')!.columns.map((c) => c.name), ['id', 'v', 'y']);
  assert.equal(merged.constraintNames.get('public v_check'), 20);
  assert.deepEqual(merged.sequenceOwners.get('t7'), ['t7_id_seq', 'right_seq']);
});
