// The graph is rebuilt on every edit that changes a revision id, so it must be right on large histories too:
// heads, bases, merges, history order and cycles on 5,000 and 20,000 revisions. How long that takes (and that it
// grows linearly) is measured by `npm run bench`, not asserted here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGraph } from '../../../server/src/core/graph/build';
import { formatHistory } from '../../../server/src/core/graph/history';
import { graphToJson } from '../../../server/src/core/graph/json';
import { historyOrder } from '../../../server/src/core/graph/order';
import type { RevisionGraph, ScriptLocation } from '../../../server/src/core/graph/types';
import { branchy, linear, migration, pad } from './factory';

const LOC: ScriptLocation = { path: '/r/db', versionDirs: ['/r/db/versions'] };
const V = '/r/db/versions';

/** Newest first: every revision is listed before each revision it is built on (down_revision or depends_on). */
function assertNewestFirst(graph: RevisionGraph, order: string[]): void {
  assert.equal(order.length, graph.nodes.size, 'every revision once');
  assert.equal(new Set(order).size, order.length, 'no revision twice');
  const at = new Map(order.map((id, i) => [id, i]));
  for (const node of graph.nodes.values()) {
    for (const below of [...node.parents, ...node.dependencies]) {
      assert.ok(at.get(node.id)! < at.get(below)!, `${node.id} is listed after ${below}, which it is built on`);
    }
  }
}

test('5,000 revisions, linear and with branches: one head, one base, newest-first history', () => {
  const linear5k = linear(V, 5000);
  const branchy5k = branchy(V, 5000);
  const linearGraph = buildGraph(LOC, linear5k);
  assert.deepEqual([linearGraph.heads, linearGraph.bases, linearGraph.cycles.length], [['5000'], ['0001'], 0]);
  assert.deepEqual(historyOrder(linearGraph), Array.from({ length: 5000 }, (_, i) => pad(5000 - i)));
  const branchyGraph = buildGraph(LOC, branchy5k);
  assert.equal(branchyGraph.heads.length, 1);
  assert.ok(branchyGraph.merges.length > 400);
  assert.equal(formatHistory(branchyGraph).split('\n').length, 5000);
  assert.deepEqual([branchyGraph.bases, branchyGraph.cycles, branchyGraph.unknownReferences], [['0001'], [], []]);
  assert.equal(branchyGraph.merges.length, branchyGraph.branchPoints.length, 'every branch is merged again');
  assertNewestFirst(branchyGraph, historyOrder(branchyGraph));

  const json = graphToJson([branchyGraph]).locations[0]!;
  assert.equal(json.revisions.length, 5000);
  assert.deepEqual([json.heads, json.problems], [branchyGraph.heads, []]);
});

test('20,000 revisions with branches: the same answers as on 5,000', () => {
  const graph = buildGraph(LOC, branchy(V, 20_000));
  assert.equal(graph.nodes.size, 20_000);
  assert.equal(graph.heads.length, 1);
  assert.deepEqual([graph.bases, graph.cycles.length], [['0001'], 0]);
  assert.ok(graph.merges.length > 1600);
  const history = formatHistory(graph).split('\n');
  assert.equal(history.length, 20_000);
  assert.match(history[0]!, new RegExp(` -> ${graph.heads[0]} .*\\(head\\)`), 'the head comes first');
  assert.match(history.at(-1)!, /^<base> -> 0001,/, 'the base comes last');
  assertNewestFirst(graph, historyOrder(graph));
});

test('a cycle through all of 5,000 revisions is found, and the history still lists every revision', () => {
  const files = linear(V, 5000);
  // 0001 names the newest revision as its parent: 0001 -> 5000 -> 4999 -> ... -> 0002 -> 0001.
  files[0] = migration({ path: files[0]!.path, revision: '0001', down: '5000' });
  const graph = buildGraph(LOC, files);
  assert.equal(graph.cycles.length, 1);
  assert.deepEqual([...graph.cycles[0]!].sort(), Array.from({ length: 5000 }, (_, i) => pad(i + 1)));
  assert.deepEqual([graph.heads, graph.bases], [[], []]);
  assert.equal(formatHistory(graph).split('\n').length, 5000);
  const problems = graphToJson([graph]).locations[0]!.problems;
  assert.deepEqual(problems.map((p) => p.kind), ['revision-cycle']);
});
