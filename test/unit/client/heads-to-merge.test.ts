// Merge Heads is offered where the linter reports multiple-heads, and only there: the client reads the server's
// graph problem, not the raw heads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGraph } from '../../../server/src/core/graph/build';
import { graphToJson } from '../../../server/src/core/graph/json';
import type { ScriptLocation } from '../../../server/src/core/graph/types';
import { headsToMerge } from '../../../client/src/graph/heads-to-merge';
import { migration } from '../graph/factory';

const LOC: ScriptLocation = { path: '/r/db', versionDirs: ['/r/db/versions'] };
const V = '/r/db/versions';

test('a down_revision that cannot be read: the graph lists two heads, and there is nothing to merge', () => {
  const [location] = graphToJson([
    buildGraph(LOC, [migration({ path: `${V}/0001.py`, revision: '0001' }), migration({ path: `${V}/0002.py`, revision: '0002', down: null })]),
  ]).locations;
  assert.ok(location);
  assert.deepEqual(location.heads, ['0001', '0002']);
  assert.equal(headsToMerge(location), undefined);
});

test('two real heads: both are merged', () => {
  const [location] = graphToJson([
    buildGraph(LOC, [
      migration({ path: `${V}/0001.py`, revision: '0001' }),
      migration({ path: `${V}/0002.py`, revision: '0002', down: '0001' }),
      migration({ path: `${V}/0003.py`, revision: '0003', down: '0001' }),
    ]),
  ]).locations;
  assert.ok(location);
  assert.deepEqual(headsToMerge(location)?.sort(), ['0002', '0003']);
});

test('one head: nothing to merge', () => {
  const [location] = graphToJson([
    buildGraph(LOC, [migration({ path: `${V}/0001.py`, revision: '0001' }), migration({ path: `${V}/0002.py`, revision: '0002', down: '0001' })]),
  ]).locations;
  assert.ok(location);
  assert.equal(headsToMerge(location), undefined);
});
