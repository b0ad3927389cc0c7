import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closestId } from '../../../server/src/core/graph/suggest';

const IDS = ['ae1027a6acf', '1975ea83b712', '27c6a30d7c24', '0001', '0002', '0010'];

test('a unique partial id suggests the full one', () => {
  assert.equal(closestId('ae1', IDS), 'ae1027a6acf');
  assert.equal(closestId('1975ea', IDS), '1975ea83b712');
});

test('a typo within a third of the length suggests the close id', () => {
  assert.equal(closestId('ae1027a6acg', IDS), 'ae1027a6acf');
  assert.equal(closestId('27c6a30d7c2', IDS), '27c6a30d7c24');
});

test('nothing close, or several equally close: no suggestion', () => {
  assert.equal(closestId('ffffffffffff', IDS), undefined);
  // 0003 is one edit from both 0001 and 0002.
  assert.equal(closestId('0003', IDS), undefined);
  assert.equal(closestId('00', IDS), undefined);
  assert.equal(closestId('x', []), undefined);
});

test('a clear winner among near misses', () => {
  assert.equal(closestId('0011', ['0001', '0010', '0100']), undefined);
  assert.equal(closestId('0011', ['0001', '0011x', '0100']), '0011x');
  assert.equal(closestId('00101', ['0010', '9999']), '0010');
});
