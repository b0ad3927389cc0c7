import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layoutLocation, type LayoutNode } from '../../../client/src/graph-view/layout';
import { revisionStates } from '../../../client/src/views/migrations-tree-model';
import { branched, linear, location, rev } from './tree-model-fixtures';

/** `<key>@<lane> in:<lanes> out:<lanes> through:<lanes>`, dashed edges with a `~`: the whole geometry of a row. */
function shape(node: LayoutNode): string {
  const edges = (list: LayoutNode['incoming']) => list.map((e) => `${e.lane}${e.dashed ? '~' : ''}`).join(',');
  return `${node.key}@${node.lane} in:${edges(node.incoming)} out:${edges(node.outgoing)} through:${edges(node.through)}`;
}

test('a linear history is one lane, newest first, from the head without a line above to the base without one below', () => {
  const layout = layoutLocation(linear(4));
  assert.deepEqual(layout.nodes.map(shape), [
    '0004@0 in: out:0 through:',
    '0003@0 in:0 out:0 through:',
    '0002@0 in:0 out:0 through:',
    '0001@0 in:0 out: through:',
  ]);
  assert.equal(layout.width, 1);
  assert.deepEqual(layout.nodes[0]?.markers, ['head']);
  assert.deepEqual(layout.nodes[3]?.markers, ['base']);
});

test('a branch and its merge: the merge opens a lane per parent, the lanes meet again at the branch point', () => {
  const layout = layoutLocation(branched());
  assert.deepEqual(layout.nodes.map(shape), [
    '0005@0 in: out:0,1 through:',
    '0004@1 in:1 out:1 through:0',
    '0003@0 in:0 out:0 through:1',
    '0002@0 in:0 out:0 through:1',
    '0001@0 in:0,1 out: through:',
  ]);
  assert.equal(layout.width, 2);
  assert.deepEqual(layout.nodes[0]?.markers, ['head', 'merge']);
  assert.deepEqual(layout.nodes[4]?.markers, ['branch point', 'base']);
});

test('several heads: each starts a lane of its own, and their lanes join where they share a parent', () => {
  const layout = layoutLocation(location([rev('0003', ['0001']), rev('0002', ['0001']), rev('0001')]));
  assert.deepEqual(layout.nodes.map(shape), ['0003@0 in: out:0 through:', '0002@1 in: out:1 through:0', '0001@0 in:0,1 out: through:']);
  assert.deepEqual(layout.nodes.slice(0, 2).map((n) => n.markers), [['head'], ['head']]);
});

test('children come before their parents even when the server lists them otherwise; otherwise its order holds', () => {
  const layout = layoutLocation(location([rev('0001'), rev('0003', ['0002']), rev('0002', ['0001'])]));
  assert.deepEqual(layout.nodes.map((n) => n.key), ['0003', '0002', '0001']);
});

test('a down_revision that names nothing gets a ghost row right below its child, reached by a dashed line', () => {
  const problem = { kind: 'unknown-down-revision' as const, message: '0002 revises abc123, which no file declares', revisions: ['0002'] };
  const layout = layoutLocation(location([rev('0003', ['0002']), rev('0002', ['abc123']), rev('0001')], [problem]));
  assert.deepEqual(layout.nodes.map(shape), [
    '0003@0 in: out:0 through:',
    '0002@0 in:0 out:0~ through:',
    'ghost:abc123@0 in:0~ out: through:',
    '0001@0 in: out: through:',
  ]);
  const ghost = layout.nodes[2]!;
  assert.equal(ghost.ghost, true);
  assert.equal(ghost.revision, 'abc123');
  assert.equal(ghost.file, layout.nodes[1]?.file, 'a ghost opens the file that names it');
  assert.deepEqual(layout.nodes[1]?.problems, [problem.message]);
});

test('two revisions naming the same missing parent share one ghost', () => {
  const layout = layoutLocation(location([rev('0003', ['gone']), rev('0002', ['gone'])]));
  assert.deepEqual(layout.nodes.map(shape), ['0003@0 in: out:0~ through:', '0002@1 in: out:1~ through:0~', 'ghost:gone@0 in:0~,1~ out: through:']);
});

test('a cycle does not hang: every revision gets one row, and no lane runs back up', () => {
  const cyclic = location([rev('000c', ['000b']), rev('000b', ['000a']), rev('000a', ['000c']), rev('0001')]);
  const layout = layoutLocation(cyclic);
  assert.deepEqual(layout.nodes.map((n) => n.key).sort(), ['0001', '000a', '000b', '000c']);
  const self = layoutLocation(location([rev('0001', ['0001'])]));
  assert.deepEqual(self.nodes.map(shape), ['0001@0 in: out: through:']);
  // No lane is left waiting for a revision that was already drawn: the last row passes nothing down.
  assert.deepEqual(layout.nodes[layout.nodes.length - 1]?.through, []);
});

test('a duplicated id keeps a row for each file', () => {
  const layout = layoutLocation(location([rev('0002', ['0001']), rev('0002', ['0001'], { file: '/w/other.py' }), rev('0001')]));
  assert.deepEqual(layout.nodes.map((n) => n.key), ['0002', '0002@/w/other.py', '0001']);
});

test('rows carry the database states, the short date and the tooltip details', () => {
  const loc = linear(3);
  const layout = layoutLocation(loc, revisionStates(loc, ['0002']));
  assert.deepEqual(layout.nodes.map((n) => n.state), ['pending', 'current', 'applied']);
  assert.equal(layout.nodes[0]?.date, '2026-01-02 03:04');
  assert.deepEqual(layout.nodes[0]?.downRevisions, ['0002']);
  assert.equal(layoutLocation(loc).nodes[0]?.state, undefined);
});

test('a large branchy history lays out every revision with few lanes', () => {
  const revisions = [];
  let previous: string | undefined;
  for (let i = 1; i <= 2000; i++) {
    const id = String(i).padStart(5, '0');
    if (i % 10 === 0 && previous) {
      revisions.push(rev(`${id}s`, [previous]), rev(id, [previous]), rev(`${id}m`, [id, `${id}s`]));
      previous = `${id}m`;
    } else {
      revisions.push(rev(id, previous ? [previous] : []));
      previous = id;
    }
  }
  const layout = layoutLocation(location(revisions.reverse()));
  assert.equal(layout.nodes.length, revisions.length);
  assert.equal(layout.width, 2);
});
