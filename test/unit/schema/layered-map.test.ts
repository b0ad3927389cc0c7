// The snapshots' maps: a layer changes nothing below it, deletes shadow, and a long chain is merged in tiers.
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

test('every snapshot of a long history keeps its own entries while the layers under it are merged', () => {
  // A deterministic mix of sets, overwrites and deletes, checked against plain Maps at every step.
  let map = LayeredMap.from<number, number>([[0, 0]]);
  const snapshots: { map: LayeredMap<number, number>; expected: Map<number, number> }[] = [];
  let expected = new Map([[0, 0]]);
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % 300;
  for (let i = 1; i <= 1500; i++) {
    map = map.child();
    expected = new Map(expected);
    for (let j = 0; j < 3; j++) {
      const key = next();
      if (key % 5 === 0) assert.equal(map.delete(key), expected.delete(key));
      else {
        map.set(key, i);
        expected.set(key, i);
      }
    }
    snapshots.push({ map, expected });
  }
  for (const { map: m, expected: e } of snapshots) {
    assert.equal(m.size, e.size);
    assert.deepEqual(new Map(m), e);
  }
});

test('two children of one deep snapshot differ only in what each wrote', () => {
  let map = LayeredMap.from<string, number>();
  for (let i = 0; i < 200; i++) map = map.child().set(`k${i}`, i);
  const left = map.child().set('only-left', 1);
  const right = map.child().set('only-right', 2);
  assert.deepEqual(LayeredMap.differingKeys(left, right), new Set(['only-left', 'only-right']));
  // Against the snapshot itself (a replay compared with the schema it started from).
  assert.deepEqual(LayeredMap.differingKeys(left, map), new Set(['only-left']));
  assert.equal(LayeredMap.differingKeys(left, LayeredMap.from([['x', 1]])), undefined);
});

test('many layers started from one deep snapshot (an edited file\'s parent, once per keystroke) each keep their own entries', () => {
  let map = LayeredMap.from<string, number>([['gone', 0]]);
  for (let i = 0; i < 100; i++) map = map.child().set(`k${i}`, i);
  map = map.child();
  map.delete('gone');
  const expected = new Map(map);
  const children = Array.from({ length: 6 }, (_, i) => map.child().set(`child${i}`, i).set('k0', 100 + i));
  assert.deepEqual(new Map(map), expected);
  assert.equal(map.size, 100);
  assert.equal(map.has('gone'), false);
  children.forEach((child, i) => {
    assert.equal(child.size, 101);
    assert.equal(child.get('k0'), 100 + i);
    assert.equal(child.get('k99'), 99);
    assert.equal(child.has('gone'), false);
    assert.equal(child.get(`child${(i + 1) % 6}`), undefined);
  });
  assert.deepEqual(LayeredMap.differingKeys(children[5]!, map), new Set(['child5', 'k0']));
  assert.deepEqual(LayeredMap.differingKeys(children[0]!, children[5]!), new Set(['child0', 'child5', 'k0']));
  // A key no map of the family ever held, and one deleted below: both misses.
  assert.equal(children[0]!.get('never'), undefined);
  assert.equal(children[0]!.has('gone'), false);
});

test('histories grown from the one empty root keep their written keys apart (a rescan does not inherit the last one\'s)', () => {
  const empty = LayeredMap.from<string, number>();
  const first = empty.child().set('a', 1);
  const second = empty.child().set('b', 2);
  assert.equal(first.get('b'), undefined);
  assert.equal(second.get('a'), undefined);
  assert.equal(second.child().get('b'), 2);
  // The family's set is private; what this test is about is that it is not shared.
  const written = (m: LayeredMap<string, number>): Set<string> => (m as unknown as { written: Set<string> }).written;
  assert.notEqual(written(first), written(second));
  assert.deepEqual([...written(second)], ['b']);
  assert.equal(written(second.child()), written(second));
});
