// Which revisions verify checks and in which order, what it applies first, and how it undoes one revision alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGraph } from '../../../server/src/core/graph/build';
import type { ScriptLocation } from '../../../server/src/core/graph/types';
import { downgradeTarget, headsOf, resolveRevision, verifyPlan } from '../../../server/src/core/verify/plan';
import { migration } from '../graph/factory';

const LOC: ScriptLocation = { path: '/r/db', versionDirs: ['/r/db/versions'] };
const V = '/r/db/versions';

// 0001 -> 0002 -> (0003a | 0003b) -> 0004 (merge) -> 0005
const graph = buildGraph(LOC, [
  migration({ path: `${V}/1.py`, revision: '0001' }),
  migration({ path: `${V}/2.py`, revision: '0002', down: '0001' }),
  migration({ path: `${V}/3a.py`, revision: '0003a', down: '0002' }),
  migration({ path: `${V}/3b.py`, revision: '0003b', down: '0002' }),
  migration({ path: `${V}/4.py`, revision: '0004', down: ['0003a', '0003b'] }),
  migration({ path: `${V}/5.py`, revision: '0005', down: '0004' }),
]);

test('the whole history, oldest first: each revision after its parents, a branch kept together', () => {
  const plan = verifyPlan(graph, {});
  assert.deepEqual(plan.prepare, []);
  assert.deepEqual(plan.verify, ['0001', '0002', '0003b', '0003a', '0004', '0005']);
  for (const [i, id] of plan.verify.entries()) {
    for (const parent of graph.nodes.get(id)!.parents) assert.ok(plan.verify.indexOf(parent) < i, `${parent} before ${id}`);
  }
});

test('--revision: the base up to it, its own branch only', () => {
  assert.deepEqual(verifyPlan(graph, { revision: '0003a' }), { prepare: [], verify: ['0001', '0002', '0003a'] });
});

test('--from: applied up to it without verifying, then everything not below it (the other branch too)', () => {
  assert.deepEqual(verifyPlan(graph, { from: '0003a' }), { prepare: ['0001', '0002', '0003a'], verify: ['0003b', '0004', '0005'] });
  assert.deepEqual(verifyPlan(graph, { from: '0005' }), { prepare: ['0001', '0002', '0003b', '0003a', '0004', '0005'], verify: [] });
  assert.deepEqual(verifyPlan(graph, { from: '0002', revision: '0003b' }), { prepare: ['0001', '0002'], verify: ['0003b'] });
});

test('--only: its parents applied (both, for a merge), then it alone', () => {
  assert.deepEqual(verifyPlan(graph, { only: '0004' }), { prepare: ['0001', '0002', '0003b', '0003a'], verify: ['0004'] });
  assert.deepEqual(verifyPlan(graph, { only: '0001' }), { prepare: [], verify: ['0001'] });
});

test('one step down its own branch; a merge goes down to a parent, which unmerges it (Alembic finds -1 ambiguous)', () => {
  assert.equal(downgradeTarget(graph, '0003b'), '0003b@-1');
  assert.equal(downgradeTarget(graph, '0001'), '0001@-1');
  assert.equal(downgradeTarget(graph, '0004'), '0003a');
});

test('the version table of an applied set holds its heads', () => {
  assert.deepEqual(headsOf(graph, new Set(['0001', '0002', '0003a', '0003b'])), ['0003a', '0003b']);
  assert.deepEqual(headsOf(graph, new Set(['0001', '0002', '0003a', '0003b', '0004'])), ['0004']);
  assert.deepEqual(headsOf(graph, new Set()), []);
});

test('a revision named on the command line: an id, a unique prefix, head; else a message', () => {
  assert.equal(resolveRevision(graph, '0003b', '--only'), '0003b');
  assert.equal(resolveRevision(graph, '0005', '--only'), '0005');
  assert.equal(resolveRevision(graph, 'head', '--revision'), '0005');
  assert.deepEqual(resolveRevision(graph, '0003', '--only'), { problem: '--only 0003 is ambiguous: 0003a, 0003b' });
  assert.deepEqual(resolveRevision(graph, '9', '--from'), { problem: '--from 9: no such revision' });
});
