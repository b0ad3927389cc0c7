// Pick lists and --sql ranges (commands/revision-targets.ts), computed from the same graph as the tree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { revisionStates } from '../../../client/src/views/migrations-tree-model';
import { pendingSqlRange, revisionChoices, stepSqlRange } from '../../../client/src/commands/revision-targets';
import { branched, linear } from './tree-model-fixtures';

test('a step\'s SQL range starts at its first parent, or base', () => {
  assert.equal(stepSqlRange(linear(3), '0002'), '0001:0002');
  assert.equal(stepSqlRange(linear(3), '0001'), 'base:0001');
  assert.equal(stepSqlRange(branched(), '0005'), '0003:0005');
});

test('the pending range starts at the current revision; several currents have no single start', () => {
  assert.equal(pendingSqlRange(['0003']), '0003:heads');
  assert.equal(pendingSqlRange([]), 'base:heads');
  assert.equal(pendingSqlRange(['0003', '0004']), undefined);
});

test('choices filter by state when connected and offer everything otherwise', () => {
  const loc = linear(4);
  const states = revisionStates(loc, ['0002']);
  assert.deepEqual(revisionChoices([loc], states, 'pending').map((c) => c.target), ['0004', '0003']);
  assert.deepEqual(revisionChoices([loc], states, 'applied').map((c) => c.target), ['0002', '0001']);
  assert.deepEqual(revisionChoices([loc], undefined, 'pending').map((c) => c.target), ['0004', '0003', '0002', '0001']);
  const top = revisionChoices([loc], states, 'all')[0];
  assert.deepEqual(top, { label: '0004', description: '2026-01-02 03:04 · head · pending', detail: 'step 0004', target: '0004' });
});
