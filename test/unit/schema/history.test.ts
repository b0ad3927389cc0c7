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
