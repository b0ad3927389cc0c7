import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextRevisionId } from '../../../client/src/alembic/revision-id';

test('sequential zero-padded ids continue from the highest, whatever the order', () => {
  assert.equal(nextRevisionId(['0001', '0003', '0002', '0006', '0004', '0005']), '0007');
  assert.equal(nextRevisionId(['0009']), '0010');
  assert.equal(nextRevisionId(['001', '002']), '003');
});

test('unpadded numbers stay unpadded and the width grows when it must', () => {
  assert.equal(nextRevisionId(['1', '2', '3']), '4');
  assert.equal(nextRevisionId(['9998', '9999']), '10000');
});

test('hash-style ids are left to Alembic, even one that happens to be all digits', () => {
  assert.equal(nextRevisionId(['1975ea83b712', 'ae1027a6acf0']), undefined);
  assert.equal(nextRevisionId(['197583112712']), undefined);
  assert.equal(nextRevisionId(['0001', 'ae1027a6acf0']), undefined);
  assert.equal(nextRevisionId(['0001_initial']), undefined);
});

test('no revisions yet: no style to follow', () => {
  assert.equal(nextRevisionId([]), undefined);
});
