// The graph is rebuilt on every edit that changes a revision id: it must stay linear in the number of revisions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGraph } from '../../../server/src/core/graph/build';
import { formatHistory } from '../../../server/src/core/graph/history';
import { graphToJson } from '../../../server/src/core/graph/json';
import type { ScriptLocation } from '../../../server/src/core/graph/types';
import type { MigrationFile } from '../../../server/src/core/types';
import { linear, migration, pad } from './factory';

const LOC: ScriptLocation = { path: '/r/db', versionDirs: ['/r/db/versions'] };
const V = '/r/db/versions';

/** Every 10th revision branches in two and a merge joins them again; one branch label, some depends_on. */
function branchy(count: number): MigrationFile[] {
  const files: MigrationFile[] = [];
  let previous: string | undefined;
  for (let i = 1; files.length < count; i++) {
    const id = pad(i);
    if (i % 10 === 0 && previous) {
      const side = `${id}s`;
      files.push(migration({ path: `${V}/${side}.py`, revision: side, down: previous, branchLabels: i === 100 ? 'side' : undefined }));
      files.push(migration({ path: `${V}/${id}.py`, revision: id, down: previous }));
      const merge = `${id}m`;
      files.push(migration({ path: `${V}/${merge}.py`, revision: merge, down: [id, side], dependsOn: i % 50 === 0 ? side : undefined }));
      previous = merge;
    } else {
      files.push(migration({ path: `${V}/${id}.py`, revision: id, down: previous }));
      previous = id;
    }
  }
  return files;
}

/** Best of several runs: the least disturbed by garbage collection and by other processes on the machine. */
function bestMs(run: () => void, times = 7): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function measure(files: MigrationFile[]): number {
  return bestMs(() => {
    const graph = buildGraph(LOC, files);
    formatHistory(graph);
    graphToJson([graph]);
  });
}

test('5,000 revisions, linear and with branches: fast, and linear in size', (t) => {
  const linear5k = linear(V, 5000);
  const branchy5k = branchy(5000);
  const linearGraph = buildGraph(LOC, linear5k);
  assert.deepEqual([linearGraph.heads, linearGraph.bases, linearGraph.cycles.length], [['5000'], ['0001'], 0]);
  const branchyGraph = buildGraph(LOC, branchy5k);
  assert.equal(branchyGraph.heads.length, 1);
  assert.ok(branchyGraph.merges.length > 400);
  assert.equal(formatHistory(branchyGraph).split('\n').length, 5000);

  const buildOnly = bestMs(() => buildGraph(LOC, linear5k));
  const linearMs = measure(linear5k);
  const branchyMs = measure(branchy5k);
  const branchy20kMs = measure(branchy(20000));
  t.diagnostic(`buildGraph 5,000 linear: ${buildOnly.toFixed(1)} ms`);
  t.diagnostic(`build + history + json, 5,000 linear: ${linearMs.toFixed(1)} ms; 5,000 with branches: ${branchyMs.toFixed(1)} ms; 20,000 with branches: ${branchy20kMs.toFixed(1)} ms`);
  assert.ok(linearMs < 250 && branchyMs < 250, `too slow: ${linearMs} / ${branchyMs} ms`);
  // Quadratic work would take 16x for 4x the revisions.
  assert.ok(branchy20kMs < branchyMs * 10 + 20, `not linear: ${branchyMs} ms -> ${branchy20kMs} ms`);
});
