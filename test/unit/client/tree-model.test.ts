import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildMigrationTree, projectSummary, revisionStates, shortDate } from '../../../client/src/views/migrations-tree-model';
import { branched, linear, location, LOC, rev } from './tree-model-fixtures';

function statesOf(nodes: ReturnType<typeof buildMigrationTree>): Record<string, string> {
  return Object.fromEntries(nodes.filter((n) => n.kind === 'revision').map((n) => [n.revision, `${n.state ?? '-'}/${n.icon}/${n.contextValue}`]));
}

test('linear history at 0003 of 5: applied below, current, pending above, newest first', () => {
  const nodes = buildMigrationTree(linear(5), ['0003']);
  assert.deepEqual(nodes.map((n) => n.revision), ['0005', '0004', '0003', '0002', '0001']);
  assert.deepEqual(statesOf(nodes), {
    '0005': 'pending/circle-outline/revision:pending',
    '0004': 'pending/circle-outline/revision:pending',
    '0003': 'current/arrow-right/revision:current',
    '0002': 'applied/check/revision:applied',
    '0001': 'applied/check/revision:applied',
  });
});

test('labels are the message; descriptions carry the id, the short date and the markers; clicking needs the file', () => {
  const nodes = buildMigrationTree(linear(3), undefined);
  assert.equal(nodes[0]?.label, 'step 0003');
  assert.equal(nodes[0]?.description, '0003 · 2026-01-02 03:04 · head');
  assert.equal(nodes[1]?.description, '0002 · 2026-01-02 03:04');
  assert.equal(nodes[2]?.description, '0001 · 2026-01-02 03:04 · base');
  assert.equal(nodes[0]?.file, `${LOC}/versions/0003_step.py`);
  assert.equal(nodes[0]?.id, `${LOC}#0003`);
  assert.match(nodes[1]?.tooltip ?? '', /Revises: 0001/);
});

test('not connected: no states, a neutral icon, a context value that offers both directions', () => {
  const nodes = buildMigrationTree(linear(2), undefined);
  assert.deepEqual(statesOf(nodes), { '0002': '-/git-commit/revision:unknown', '0001': '-/git-commit/revision:unknown' });
});

test('a revision without a message is labelled by its id, not repeated in the description; a long id is cut there', () => {
  const long = 'release_2026_01_add_orders_table';
  const nodes = buildMigrationTree(location([rev(long, ['0001']), rev('0001', [], { message: '', create_date: null })]), undefined);
  assert.equal(nodes[0]?.label, `step ${long}`);
  assert.equal(nodes[0]?.description, 'release_2026… · 2026-01-02 03:04 · head');
  assert.match(nodes[0]?.tooltip ?? '', new RegExp(`^${long} step ${long}$`, 'm'));
  assert.equal(nodes[1]?.label, '0001');
  assert.equal(nodes[1]?.description, 'base');
  assert.equal(nodes[1]?.id, `${LOC}#0001`);
});

test('markers stay visible: unconnected, a merge shows the merge icon; connected, the state icon wins and the description keeps them', () => {
  const unconnected = buildMigrationTree(branched(), undefined);
  assert.equal(unconnected.find((n) => n.revision === '0005')?.icon, 'git-merge');
  assert.equal(unconnected.find((n) => n.revision === '0004')?.icon, 'git-commit');
  const connected = buildMigrationTree(branched(), ['0005']);
  const merge = connected.find((n) => n.revision === '0005');
  assert.equal(merge?.icon, 'arrow-right');
  assert.equal(merge?.description, '0005 · 2026-01-02 03:04 · head · merge');
  assert.match(merge?.tooltip ?? '', /^Marked: head, merge$/m);
});

test('an empty version table: everything pending', () => {
  assert.deepEqual(Object.values(statesOf(buildMigrationTree(linear(3), []))).map((s) => s.split('/')[0]), ['pending', 'pending', 'pending']);
});

test('branches: the walk follows every parent; a merge and a branch point are marked', () => {
  const both = buildMigrationTree(branched(), ['0003', '0004']);
  assert.deepEqual(
    Object.fromEntries(both.map((n) => [n.revision, n.state])),
    { '0005': 'pending', '0004': 'current', '0003': 'current', '0002': 'applied', '0001': 'applied' },
  );
  assert.equal(both.find((n) => n.revision === '0005')?.description, '0005 · 2026-01-02 03:04 · head · merge');
  assert.equal(both.find((n) => n.revision === '0001')?.description, '0001 · 2026-01-02 03:04 · branch point · base');

  const oneBranch = revisionStates(branched(), ['0003']);
  assert.equal(oneBranch.get('0004'), 'pending');
  assert.equal(oneBranch.get('0002'), 'applied');
  const atMerge = revisionStates(branched(), ['0005']);
  assert.deepEqual([...atMerge.values()].sort(), ['applied', 'applied', 'applied', 'applied', 'current']);
});

test('depends_on counts as a parent: the dependency is applied', () => {
  const loc = location([rev('b2', ['b1'], { depends_on: ['a1'] }), rev('b1'), rev('a1')]);
  const states = revisionStates(loc, ['b2']);
  assert.equal(states.get('a1'), 'applied');
  assert.equal(states.get('b1'), 'applied');
});

test('problems come first, with an error or warning icon and unique ids', () => {
  const loc = location([rev('0002', ['0001']), rev('0001')], [
    { kind: 'multiple-heads', message: 'Several heads: 0002, 0003', revisions: ['0002', '0003'] },
    { kind: 'unknown-down-revision', message: '0003 revises unknown 0009', revisions: ['0003'] },
  ]);
  const nodes = buildMigrationTree(loc, undefined);
  assert.deepEqual(nodes.map((n) => `${n.kind}:${n.icon}`), ['problem:warning', 'problem:error', 'revision:git-commit', 'revision:git-commit']);
  assert.equal(nodes[0]?.label, 'Several heads: 0002, 0003');
  assert.equal(nodes[0]?.contextValue, 'problem');
  assert.equal(new Set(nodes.map((n) => n.id)).size, nodes.length);
});

test('a duplicated revision id still gives unique node ids; a cycle does not hang the walk', () => {
  const dup = location([rev('0002', ['0001']), rev('0002', ['0001'], { file: '/w/other.py' }), rev('0001')]);
  const nodes = buildMigrationTree(dup, ['0002']);
  assert.equal(new Set(nodes.map((n) => n.id)).size, 3);
  const cycle = location([rev('a', ['b']), rev('b', ['a'])]);
  assert.deepEqual([...revisionStates(cycle, ['a']).values()].sort(), ['applied', 'current']);
});

test('projectSummary: pending newest first, heads, and current revisions no file declares', () => {
  assert.deepEqual(projectSummary([linear(4)], ['0002']), { heads: ['0004'], pending: ['0004', '0003'], unknownCurrent: [] });
  assert.deepEqual(projectSummary([linear(2)], ['0009']), { heads: ['0002'], pending: ['0002', '0001'], unknownCurrent: ['0009'] });
  assert.deepEqual(projectSummary([linear(2)], ['0002']).pending, []);
});

test('shortDate trims seconds and fractions, keeps what it does not recognise', () => {
  assert.equal(shortDate('2026-02-09 16:20:00.123456'), '2026-02-09 16:20');
  assert.equal(shortDate('2026-02-09T16:20:00'), '2026-02-09 16:20');
  assert.equal(shortDate('yesterday'), 'yesterday');
  assert.equal(shortDate(null), '');
});
