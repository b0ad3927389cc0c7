import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGraph } from '../../../server/src/core/graph/build';
import type { RevisionGraph, ScriptLocation } from '../../../server/src/core/graph/types';
import type { MigrationFile } from '../../../server/src/core/types';
import { linear, migration } from './factory';

const LOC: ScriptLocation = { path: '/r/db', versionDirs: ['/r/db/versions'] };
const V = '/r/db/versions';

function graphOf(...files: MigrationFile[]): RevisionGraph {
  return buildGraph(LOC, files);
}

function summary(graph: RevisionGraph): Record<string, unknown> {
  return {
    heads: graph.heads,
    bases: graph.bases,
    merges: graph.merges,
    branchPoints: graph.branchPoints,
    cycles: graph.cycles,
    duplicates: [...graph.duplicates],
    unknown: graph.unknownReferences.map((r) => `${r.field}:${r.id}`),
  };
}

test('linear history: one head, one base, parents and children', () => {
  const graph = graphOf(...linear(V, 3));
  assert.deepEqual(summary(graph), { heads: ['0003'], bases: ['0001'], merges: [], branchPoints: [], cycles: [], duplicates: [], unknown: [] });
  assert.deepEqual(graph.nodes.get('0002')?.parents, ['0001']);
  assert.deepEqual(graph.nodes.get('0002')?.children, ['0003']);
  assert.equal(graph.nodes.get('0002')?.file, `${V}/0002_step.py`);
  assert.equal(graph.nodes.get('0002')?.message, 'revision 0002');
  assert.deepEqual(graph.files.map((f) => f.path), linear(V, 3).map((f) => f.path));
});

test('files are taken in path order whatever order they come in; non-migrations are left out', () => {
  const files = linear(V, 3).reverse();
  files.push(migration({ path: `${V}/helpers.py`, isMigration: false }));
  const graph = graphOf(...files);
  assert.deepEqual(graph.files.map((f) => f.path), [`${V}/0001_step.py`, `${V}/0002_step.py`, `${V}/0003_step.py`]);
  assert.equal(graph.nodes.size, 3);
});

test('branch: two revisions on the same parent make two heads and a branch point', () => {
  const graph = graphOf(...linear(V, 2), migration({ path: `${V}/0003a.py`, revision: '0003a', down: '0002' }), migration({ path: `${V}/0003b.py`, revision: '0003b', down: '0002' }));
  assert.deepEqual(summary(graph), { heads: ['0003a', '0003b'], bases: ['0001'], merges: [], branchPoints: ['0002'], cycles: [], duplicates: [], unknown: [] });
  assert.deepEqual(graph.nodes.get('0002')?.children, ['0003a', '0003b']);
});

test('merge: a tuple down_revision joins the heads again', () => {
  const graph = graphOf(
    ...linear(V, 2),
    migration({ path: `${V}/0003a.py`, revision: '0003a', down: '0002' }),
    migration({ path: `${V}/0003b.py`, revision: '0003b', down: '0002' }),
    migration({ path: `${V}/0004.py`, revision: '0004', down: ['0003a', '0003b'] }),
  );
  assert.deepEqual(summary(graph), { heads: ['0004'], bases: ['0001'], merges: ['0004'], branchPoints: ['0002'], cycles: [], duplicates: [], unknown: [] });
  assert.deepEqual(graph.nodes.get('0004')?.parents, ['0003a', '0003b']);
});

test('several heads in independent branches', () => {
  const graph = graphOf(...linear(V, 1), ...['b', 'c', 'd'].map((id) => migration({ path: `${V}/${id}.py`, revision: id, down: '0001' })));
  assert.deepEqual(graph.heads, ['b', 'c', 'd']);
  assert.deepEqual(graph.branchPoints, ['0001']);
});

test('orphan: a down_revision naming nothing is reported with its range and kept as the parent', () => {
  const orphan = migration({ path: `${V}/0005.py`, revision: '0005', down: '0004' });
  const graph = graphOf(...linear(V, 2), orphan);
  assert.equal(graph.unknownReferences.length, 1);
  const ref = graph.unknownReferences[0]!;
  assert.deepEqual({ file: ref.file, id: ref.id, field: ref.field }, { file: orphan.path, id: '0004', field: 'down_revision' });
  assert.equal(orphan.text.slice(ref.range.start, ref.range.end), '"0004"');
  assert.deepEqual(graph.nodes.get('0005')?.parents, ['0004']);
  assert.deepEqual(graph.bases, ['0001']);
  assert.deepEqual(graph.heads, ['0002', '0005']);
});

test('duplicate id: both files listed, the first file is the node, heads counted once', () => {
  const graph = graphOf(...linear(V, 2), migration({ path: `${V}/0002_again.py`, revision: '0002', down: '0001' }), migration({ path: `${V}/0009_dup.py`, revision: '0002', down: 'nope' }));
  assert.deepEqual([...graph.duplicates], [['0002', [`${V}/0002_again.py`, `${V}/0002_step.py`, `${V}/0009_dup.py`]]]);
  assert.equal(graph.nodes.get('0002')?.file, `${V}/0002_again.py`);
  assert.deepEqual(graph.heads, ['0002']);
  // Each file is checked on its own: the duplicate's dangling parent is still reported.
  assert.deepEqual(graph.unknownReferences.map((r) => [r.file, r.id]), [[`${V}/0009_dup.py`, 'nope']]);
});

test('cycles: a 2-cycle and a self-loop, each reported once', () => {
  const graph = graphOf(
    migration({ path: `${V}/a.py`, revision: 'a', down: 'b' }),
    migration({ path: `${V}/b.py`, revision: 'b', down: 'a' }),
    migration({ path: `${V}/c.py`, revision: 'c', down: 'c' }),
    migration({ path: `${V}/base.py`, revision: 'base' }),
  );
  assert.deepEqual(graph.cycles, [['a', 'b'], ['c']]);
  assert.deepEqual(graph.unknownReferences, []);
});

test('a longer cycle is listed in walking order from its smallest id, with a tail hanging off it', () => {
  const graph = graphOf(
    migration({ path: `${V}/1.py`, revision: 'x3', down: 'x1' }),
    migration({ path: `${V}/2.py`, revision: 'x1', down: 'x2' }),
    migration({ path: `${V}/3.py`, revision: 'x2', down: 'x3' }),
    migration({ path: `${V}/4.py`, revision: 'tail', down: 'x2' }),
  );
  assert.deepEqual(graph.cycles, [['x1', 'x2', 'x3']]);
  assert.deepEqual(graph.heads, ['tail']);
});

test('two bases merged into one history', () => {
  const graph = graphOf(
    migration({ path: `${V}/a1.py`, revision: 'a1' }),
    migration({ path: `${V}/b1.py`, revision: 'b1' }),
    migration({ path: `${V}/m.py`, revision: 'm', down: ['a1', 'b1'] }),
  );
  assert.deepEqual(summary(graph), { heads: ['m'], bases: ['a1', 'b1'], merges: ['m'], branchPoints: [], cycles: [], duplicates: [], unknown: [] });
});

test('depends_on by id and by branch label; an unknown dependency is reported', () => {
  const graph = graphOf(
    ...linear(V, 2),
    migration({ path: `${V}/n1.py`, revision: 'n1', branchLabels: 'networking' }),
    migration({ path: `${V}/n2.py`, revision: 'n2', down: 'n1' }),
    migration({ path: `${V}/0003.py`, revision: '0003', down: '0002', dependsOn: ['networking', 'n2', 'ghost'] }),
  );
  const node = graph.nodes.get('0003')!;
  assert.deepEqual(node.dependsOn, ['networking', 'n2', 'ghost']);
  assert.deepEqual(node.dependencies, ['n1', 'n2']);
  assert.deepEqual(graph.nodes.get('n1')?.dependents, ['0003']);
  assert.deepEqual([...graph.labels], [['networking', 'n1']]);
  assert.deepEqual(graph.unknownReferences.map((r) => `${r.field}:${r.id}`), ['depends_on:ghost']);
  // depends_on does not make a parent: n2 stays a head, as in Alembic.
  assert.deepEqual(graph.heads, ['0003', 'n2']);
});

test('down_revision may name a branch label; a partial id is not resolved (Alembic only accepts those on the command line)', () => {
  const graph = graphOf(
    migration({ path: `${V}/a.py`, revision: 'ae1027a6acf', branchLabels: ['core'] }),
    migration({ path: `${V}/b.py`, revision: 'b', down: 'core' }),
    migration({ path: `${V}/c.py`, revision: 'c', down: 'ae1' }),
  );
  assert.deepEqual(graph.nodes.get('b')?.parents, ['ae1027a6acf']);
  assert.deepEqual(graph.unknownReferences.map((r) => r.id), ['ae1']);
});

test('a dependency cycle through depends_on is a cycle too', () => {
  const graph = graphOf(migration({ path: `${V}/a.py`, revision: 'a', dependsOn: 'b' }), migration({ path: `${V}/b.py`, revision: 'b', down: 'a' }));
  assert.deepEqual(graph.cycles, [['a', 'b']]);
});

test('a revision that is not a literal: not a node, and unknown references are not reported', () => {
  const graph = graphOf(...linear(V, 1), migration({ path: `${V}/x.py`, revision: null }), migration({ path: `${V}/y.py`, revision: 'y', down: 'maybe_x' }));
  assert.deepEqual(graph.opaqueFiles, [`${V}/x.py`]);
  assert.equal(graph.nodes.has('maybe_x'), false);
  assert.deepEqual(graph.unknownReferences, []);
});

test('a down_revision that is not a literal: parents unknown, not a base', () => {
  const graph = graphOf(...linear(V, 1), migration({ path: `${V}/y.py`, revision: 'y', down: null }));
  assert.equal(graph.nodes.get('y')?.unknownParents, true);
  assert.deepEqual(graph.bases, ['0001']);
});

test('several locations build independent graphs', () => {
  const other: ScriptLocation = { path: '/r/plugin', versionDirs: ['/r/plugin/versions'] };
  const a = buildGraph(LOC, linear(V, 2));
  const b = buildGraph(other, [...linear('/r/plugin/versions', 1), migration({ path: '/r/plugin/versions/p.py', revision: 'p', down: '0002' })]);
  assert.deepEqual(a.heads, ['0002']);
  assert.equal(b.location, other);
  assert.deepEqual(b.unknownReferences.map((r) => r.id), ['0002']);
});

test('createDate comes from the docstring', () => {
  const graph = graphOf(migration({ path: `${V}/a.py`, revision: 'a', createDate: '2024-05-01 10:00:00' }));
  assert.equal(graph.nodes.get('a')?.createDate, '2024-05-01 10:00:00');
});
