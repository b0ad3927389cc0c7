import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGraph } from '../../../server/src/core/graph/build';
import { graphToJson } from '../../../server/src/core/graph/json';
import type { ScriptLocation } from '../../../server/src/core/graph/types';
import { linear, migration } from './factory';

const LOC: ScriptLocation = { path: '/r/backend/db', versionDirs: ['/r/backend/db/versions'] };
const V = '/r/backend/db/versions';

test('the contract fields, newest first, paths relative to the workspace', () => {
  const graph = buildGraph(LOC, [
    ...linear(V, 2),
    migration({ path: `${V}/0003.py`, revision: '0003', down: '0002', dependsOn: 'x', branchLabels: ['lbl'], message: 'third', createDate: '2024-01-02' }),
  ]);
  const json = graphToJson([graph], '/r');
  assert.deepEqual(json, {
    locations: [
      {
        path: 'backend/db',
        ini: null,
        heads: ['0003'],
        bases: ['0001'],
        revisions: [
          { revision: '0003', file: 'backend/db/versions/0003.py', down_revisions: ['0002'], message: 'third', depends_on: ['x'], branch_labels: ['lbl'], create_date: '2024-01-02', downgrade_destructive: [], downgrade_drops_without_data: [], downgrade_unanalysed: [] },
          { revision: '0002', file: 'backend/db/versions/0002_step.py', down_revisions: ['0001'], message: 'revision 0002', depends_on: [], branch_labels: [], create_date: null, downgrade_destructive: [], downgrade_drops_without_data: [], downgrade_unanalysed: [] },
          { revision: '0001', file: 'backend/db/versions/0001_step.py', down_revisions: [], message: 'revision 0001', depends_on: [], branch_labels: [], create_date: null, downgrade_destructive: [], downgrade_drops_without_data: [], downgrade_unanalysed: [] },
        ],
        merges: [],
        branch_points: [],
        problems: [{ kind: 'unknown-down-revision', message: 'backend/db/versions/0003.py: depends_on "x" names no revision in this location', revisions: ['0003'] }],
      },
    ],
  });
  // Survives a JSON round trip unchanged (no Maps, no undefined).
  assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
});

test('absolute paths without relativeTo; every problem kind', () => {
  const graph = buildGraph(LOC, [
    ...linear(V, 1),
    migration({ path: `${V}/b.py`, revision: 'b', down: '0001' }),
    migration({ path: `${V}/c.py`, revision: 'c', down: '0001' }),
    migration({ path: `${V}/c2.py`, revision: 'c', down: '0001' }),
    migration({ path: `${V}/l1.py`, revision: 'l1', down: 'l2' }),
    migration({ path: `${V}/l2.py`, revision: 'l2', down: 'l1' }),
  ]);
  const [location] = graphToJson([graph]).locations;
  assert.equal(location?.path, '/r/backend/db');
  assert.equal(location?.ini, null);
  assert.equal(location?.revisions.find((r) => r.revision === 'b')?.file, `${V}/b.py`);
  assert.deepEqual(location?.branch_points, ['0001']);
  assert.deepEqual(
    location?.problems.map((p) => [p.kind, p.revisions]),
    [
      ['duplicate-revision', ['c']],
      ['multiple-heads', ['b', 'c']],
      ['revision-cycle', ['l1', 'l2']],
    ],
  );
  assert.equal(location?.problems[2]?.message, 'Revision cycle: l1 -> l2 -> l1');
  assert.equal(location?.revisions.length, 5);
});

test('one entry per location, in the order given', () => {
  const a = buildGraph(LOC, linear(V, 1));
  const b = buildGraph({ path: '/r/plugin', versionDirs: ['/r/plugin/versions'] }, linear('/r/plugin/versions', 2));
  assert.deepEqual(graphToJson([b, a], '/r').locations.map((l) => [l.path, l.revisions.length]), [
    ['plugin', 2],
    ['backend/db', 1],
  ]);
});

test('the alembic.ini of a location, relative like the other paths; never its sqlalchemy.url', () => {
  const graph = buildGraph({ ...LOC, iniFile: '/r/backend/alembic.ini', alembicIni: '/r/backend/alembic.ini', sqlalchemyUrl: 'postgresql://u:secret@h/d' }, linear(V, 1));
  assert.equal(graphToJson([graph]).locations[0]?.ini, '/r/backend/alembic.ini');
  const relative = graphToJson([graph], '/r');
  assert.equal(relative.locations[0]?.ini, 'backend/alembic.ini');
  assert.doesNotMatch(JSON.stringify(relative), /secret/);
});
