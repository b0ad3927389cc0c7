import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGraph } from '../../../server/src/core/graph/build';
import { formatHistory } from '../../../server/src/core/graph/history';
import { historyOrder } from '../../../server/src/core/graph/order';
import type { ScriptLocation } from '../../../server/src/core/graph/types';
import { migration } from './factory';

const LOC: ScriptLocation = { path: '/r/db', versionDirs: ['/r/db/versions'] };
const V = '/r/db/versions';

test('history of a branch and its merge, newest first, in alembic history format', () => {
  const graph = buildGraph(LOC, [
    migration({ path: `${V}/1.py`, revision: '0001', message: 'create users' }),
    migration({ path: `${V}/2.py`, revision: '0002', down: '0001', message: 'add orders' }),
    migration({ path: `${V}/3a.py`, revision: '0003a', down: '0002', message: 'index orders' }),
    migration({ path: `${V}/3b.py`, revision: '0003b', down: '0002', message: 'add email' }),
    migration({ path: `${V}/4.py`, revision: '0004', down: ['0003a', '0003b'], message: 'merge heads' }),
  ]);
  assert.equal(
    formatHistory(graph),
    [
      '0003a, 0003b -> 0004 (head) (mergepoint), merge heads',
      '0002 -> 0003a, index orders',
      '0002 -> 0003b, add email',
      '0001 -> 0002 (branchpoint), add orders',
      '<base> -> 0001, create users',
    ].join('\n'),
  );
});

test('two heads: each branch is listed whole before the shared part', () => {
  const graph = buildGraph(LOC, [
    migration({ path: `${V}/1.py`, revision: 'a', message: 'a' }),
    migration({ path: `${V}/2.py`, revision: 'b1', down: 'a', message: 'b1' }),
    migration({ path: `${V}/3.py`, revision: 'b2', down: 'b1', message: 'b2' }),
    migration({ path: `${V}/4.py`, revision: 'c1', down: 'a', message: 'c1' }),
  ]);
  assert.deepEqual(historyOrder(graph), ['b2', 'b1', 'c1', 'a']);
  assert.match(formatHistory(graph), /^b1 -> b2 \(head\), b2\n/);
  assert.match(formatHistory(graph), /\na -> c1 \(head\), c1\n<base> -> a \(branchpoint\), a$/);
});

test('depends_on in parentheses, branch labels on the whole branch, effective heads', () => {
  const graph = buildGraph(LOC, [
    migration({ path: `${V}/1.py`, revision: 'a', branchLabels: 'core', message: 'a msg' }),
    migration({ path: `${V}/2.py`, revision: 'b', down: 'a', message: 'b msg' }),
    migration({ path: `${V}/3.py`, revision: 'c', branchLabels: 'net', message: 'c msg' }),
    migration({ path: `${V}/4.py`, revision: 'd', down: 'b', dependsOn: 'net', message: 'd msg' }),
  ]);
  assert.equal(
    formatHistory(graph),
    ['b (net) -> d (core) (head), d msg', 'a -> b (core), b msg', '<base> -> a (core), a msg', '<base> -> c (net) (effective head), c msg'].join('\n'),
  );
});

test('a label set in the middle of a line also covers the revisions below it, down to a branch point', () => {
  const graph = buildGraph(LOC, [
    migration({ path: `${V}/1.py`, revision: 'r1', message: 'm' }),
    migration({ path: `${V}/2.py`, revision: 'r2', down: 'r1', message: 'm' }),
    migration({ path: `${V}/3.py`, revision: 'r3', down: 'r2', message: 'm' }),
    migration({ path: `${V}/4.py`, revision: 'r4', down: 'r3', branchLabels: 'tip', message: 'm' }),
    migration({ path: `${V}/5.py`, revision: 'side', down: 'r2', message: 'm' }),
  ]);
  const lines = formatHistory(graph).split('\n');
  assert.ok(lines.includes('r3 -> r4 (tip) (head), m'));
  assert.ok(lines.includes('r2 -> r3 (tip), m'));
  assert.ok(lines.includes('r1 -> r2 (branchpoint), m'));
  assert.ok(lines.includes('r2 -> side (head), m'));
});

test('revisions on a cycle are still listed once each', () => {
  const graph = buildGraph(LOC, [
    migration({ path: `${V}/1.py`, revision: 'x', down: 'y', message: 'x' }),
    migration({ path: `${V}/2.py`, revision: 'y', down: 'x', message: 'y' }),
    migration({ path: `${V}/3.py`, revision: 'z', down: 'x', message: 'z' }),
  ]);
  assert.deepEqual(historyOrder(graph), ['z', 'x', 'y']);
  assert.equal(formatHistory(graph).split('\n').length, 3);
});

test('an empty graph prints nothing', () => {
  assert.equal(formatHistory(buildGraph(LOC, [])), '');
});
