// Problems that involve every revision of a location (one cycle through 10,000 revisions, 20,000 heads, one id
// declared by thousands of files): each file's message names a few ids and a count, so the output grows with the
// graph, not with its square.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { graphToJson } from '../../../server/src/core/graph/json';
import { buildGraph } from '../../../server/src/core/graph/build';
import { adHocLocation } from '../../../server/src/core/graph/locations';
import { cyclePath, listIds, MAX_LISTED_IDS } from '../../../server/src/core/graph/problems';
import { parseMigration } from '../../../server/src/core/migration';
import { initParsers } from '../../../server/src/host/parsers';
import { cycleFiles, headsFiles, migration } from '../../helpers/pathological';
import { lintSources, type Source } from '../../helpers/lint';

before(() => initParsers());

const sources = (files: Record<string, string>): Source[] => Object.entries(files).map(([name, text]) => ({ path: `/virtual/${name}`, text }));

/** Every finding of `rule`, with the longest message and the total length of all of them. */
function findingsOf(all: Map<string, { rule: string; message: string }[]>, rule: string): { count: number; longest: number; total: number } {
  const messages = [...all.values()].flat().filter((f) => f.rule === rule).map((f) => f.message);
  return { count: messages.length, longest: Math.max(...messages.map((m) => m.length)), total: messages.reduce((n, m) => n + m.length, 0) };
}

test('listIds and cyclePath: all ids up to the cap, then the first ones and a count', () => {
  assert.equal(listIds(['a', 'b']), 'a, b');
  const many = Array.from({ length: 25 }, (_, i) => `r${i}`);
  assert.equal(listIds(many), 'r0, r1, r2, r3, r4, r5, r6, r7, r8, r9 and 15 more');
  assert.equal(listIds(['a', 'b'], 5000), 'a, b and 4,998 more');
  assert.equal(cyclePath(['a', 'b', 'c']), 'a -> b -> c -> a');
  assert.equal(cyclePath(many), 'r0 -> r1 -> r2 -> r3 -> r4 -> r5 -> r6 -> r7 -> r8 -> (15 more) -> r24 -> r0 (25 revisions)');
  assert.equal(MAX_LISTED_IDS, 10);
});

test('a cycle through 10,000 revisions: each file is told, in a message of bounded length', () => {
  const all = lintSources(sources(cycleFiles(10_000)));
  const cycle = findingsOf(all, 'revision-cycle');
  assert.equal(cycle.count, 10_000);
  assert.ok(cycle.longest < 200, `longest message ${cycle.longest} characters`);
  assert.ok(cycle.total < 2_000_000, `all messages together ${cycle.total} characters`);
});

test('20,000 heads: each head is told, in a message of bounded length; the JSON lists each head once', () => {
  const files = sources(headsFiles(20_000));
  const all = lintSources(files);
  const heads = findingsOf(all, 'multiple-heads');
  assert.equal(heads.count, 20_000);
  assert.ok(heads.longest < 300, `longest message ${heads.longest} characters`);
  assert.match([...all.values()].flat().find((f) => f.rule === 'multiple-heads')!.message, /^20,000 heads in this script location \(h0, .* and 19,990 more\)/);

  const graph = buildGraph(adHocLocation('/virtual/versions'), files.map((s) => parseMigration(s.path, s.text)));
  const json = graphToJson([graph]);
  const problem = json.locations[0]!.problems.find((p) => p.kind === 'multiple-heads')!;
  assert.ok(problem.message.length < 200, problem.message);
  assert.equal(problem.revisions.length, 20_000, 'the ids themselves are all there, once');
});

test('one id declared by 3,000 files: each is told about ten of the others and how many more', () => {
  const files: Source[] = Array.from({ length: 3_000 }, (_, i) => ({ path: path.join('/virtual/versions', `dup${i}.py`), text: migration('same', null, ['pass']) }));
  const duplicates = findingsOf(lintSources(files), 'duplicate-revision');
  assert.equal(duplicates.count, 3_000);
  assert.ok(duplicates.longest < 300, `longest message ${duplicates.longest} characters`);
});
