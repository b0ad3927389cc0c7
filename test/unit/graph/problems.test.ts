// Graph problems come from one place: what the graph JSON lists (the sidebar offers Merge Heads on it) is what the
// graph rules report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from '../../../server/src/core/config';
import { buildGraph } from '../../../server/src/core/graph/build';
import { graphToJson } from '../../../server/src/core/graph/json';
import type { RevisionGraph, ScriptLocation } from '../../../server/src/core/graph/types';
import { lintFile } from '../../../server/src/core/lint';
import { ruleDefaults } from '../../../server/src/core/rules';
import { migration } from './factory';

const LOC: ScriptLocation = { path: '/r/db', versionDirs: ['/r/db/versions'] };
const V = '/r/db/versions';
const config = resolveConfig({}, ruleDefaults()).config;

function jsonKinds(graph: RevisionGraph): string[] {
  return graphToJson([graph]).locations[0]!.problems.map((p) => p.kind);
}

function findingRules(graph: RevisionGraph): string[] {
  return graph.files.flatMap((file) => lintFile(file, graph, config, 'graph')).map((f) => f.rule);
}

test('a down_revision that cannot be read: no multiple-heads in the graph JSON, and no multiple-heads finding', () => {
  const graph = buildGraph(LOC, [
    migration({ path: `${V}/0001.py`, revision: '0001' }),
    migration({ path: `${V}/0002.py`, revision: '0002', down: null }),
  ]);
  assert.deepEqual(graph.heads, ['0001', '0002'], 'the hidden edge makes 0001 look like a head');
  assert.ok(!jsonKinds(graph).includes('multiple-heads'), 'graph JSON');
  assert.ok(!findingRules(graph).includes('multiple-heads'), 'findings');
});

test('two real heads: both report multiple-heads; every graph problem kind agrees between the JSON and the rules', () => {
  const graph = buildGraph(LOC, [
    migration({ path: `${V}/0001.py`, revision: '0001' }),
    migration({ path: `${V}/0002.py`, revision: '0002', down: '0001' }),
    migration({ path: `${V}/0003.py`, revision: '0003', down: '0001', dependsOn: 'nope' }),
    migration({ path: `${V}/0003b.py`, revision: '0003', down: '0001' }),
    migration({ path: `${V}/0004.py`, revision: '0004', down: '0005' }),
    migration({ path: `${V}/0005.py`, revision: '0005', down: '0004' }),
  ]);
  const kinds = new Set(jsonKinds(graph));
  assert.deepEqual([...kinds].sort(), ['duplicate-revision', 'multiple-heads', 'revision-cycle', 'unknown-down-revision']);
  const rules = new Set(findingRules(graph));
  for (const kind of kinds) assert.ok(rules.has(kind), `${kind} is in the graph JSON but no rule reports it`);
});
