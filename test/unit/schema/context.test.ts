// What a schema rule asks the history about one object: every upgrade's events naming it, in history order, each
// placed relative to the file judged (its own, an ancestor's, a descendant's or another branch's).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMigration } from '../../../server/src/core/migration';
import { schemaContextFor } from '../../../server/src/core/schema/context';
import { historyOf, migrationText, useParsers } from './helpers';

useParsers();

const revisions: [string, string | null, string][] = [
  ['a', null, 'op.execute("CREATE TABLE orders (id int)")'],
  ['b', 'a', 'op.execute("ALTER TABLE orders RENAME TO purchases")'],
  ['c', 'b', 'op.execute("CREATE TABLE orders (id int)")'],
  ['d', 'a', 'op.execute("DROP TABLE orders")'],
];

test('historyOf: the events naming an object (also as a rename\'s new name), in history order, with their relation', () => {
  const { graph, files, schemas } = historyOf(revisions);
  const contextOf = (id: string) => schemaContextFor(schemas, graph, files.find((f) => f.path.endsWith(`/${id}.py`))!, {})!;
  const seen = (id: string, name: string): string[] => contextOf(id).historyOf('table', name).map((h) => `${h.revision} ${h.event.action} ${h.relation}`);
  assert.deepEqual(seen('b', 'orders'), ['a create ancestor', 'd drop other', 'b rename self', 'c create other']);
  assert.deepEqual(seen('c', 'purchases'), ['b rename ancestor']);
  assert.deepEqual(seen('d', 'customers'), []);
  assert.equal(contextOf('c').historyOf('table', 'orders')[0]!.file, '/virtual/versions/a.py');
});

test('historyOf follows the history when it is updated in place after an edit', () => {
  const { graph, files, history, schemas } = historyOf(revisions);
  const context = (id: string) => schemaContextFor(schemas, graph, graph.files.find((f) => f.path.endsWith(`/${id}.py`))!, {})!;
  assert.deepEqual(context('a').historyOf('table', 'orders').map((h) => h.revision), ['a', 'd', 'b', 'c']);
  const at = files.findIndex((f) => f.path.endsWith('/c.py'));
  graph.files[at] = parseMigration(files[at]!.path, migrationText('op.execute("CREATE TABLE invoices (id int)")', 'c', 'b'));
  history.noteEdit(graph, graph.files[at]!.path);
  assert.equal(history.compute(graph), schemas, 'the same map, updated in place');
  assert.deepEqual(context('a').historyOf('table', 'orders').map((h) => h.revision), ['a', 'd', 'b']);
  assert.deepEqual(context('a').historyOf('table', 'invoices').map((h) => `${h.revision} ${h.relation}`), ['c other']);
});
