// The snapshots' maps: a layer changes nothing below it, deletes shadow, and a long chain is flattened.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LayeredMap } from '../../../server/src/core/schema/layered-map';

test('a child layer sees its base, changes only itself, and deletes shadow the base', () => {
  const base = LayeredMap.from([
    ['a', 1],
    ['b', 2],
  ]);
  const child = base.child().set('c', 3).set('a', 10);
  assert.equal(child.delete('b'), true);
  assert.equal(child.delete('nope'), false);
  assert.deepEqual([...child].sort(), [
    ['a', 10],
    ['c', 3],
  ]);
  assert.equal(child.size, 2);
  assert.equal(child.has('b'), false);
  assert.deepEqual([...base].sort(), [
    ['a', 1],
    ['b', 2],
  ]);
  assert.equal(base.size, 2);
  const grandchild = child.child().set('b', 20);
  assert.equal(grandchild.get('b'), 20);
  assert.equal(grandchild.size, 3);
});

test('a chain of layers stays correct past the flattening depth', () => {
  let map = LayeredMap.from<number, number>();
  const layers: LayeredMap<number, number>[] = [];
  for (let i = 0; i < 100; i++) {
    map = map.child().set(i, i);
    if (i % 2 === 1) map.delete(i - 1);
    layers.push(map);
  }
  assert.equal(map.size, 50);
  assert.deepEqual([...map.keys()].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => 2 * i + 1));
  assert.equal(layers[9]!.size, 5);
  assert.equal(layers[9]!.has(11), false);
});
