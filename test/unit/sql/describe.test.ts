import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeObject } from '../../../server/src/core/sql/describe';

test('describeObject names objects the way messages read', () => {
  assert.equal(describeObject({ kind: 'table', name: 'orders' }), 'table orders');
  assert.equal(describeObject({ kind: 'table', name: 'orders', schema: 'shop' }), 'table shop.orders');
  assert.equal(describeObject({ kind: 'column', name: 'status', table: 'orders' }), 'column orders.status');
  assert.equal(describeObject({ kind: 'column', name: 'status', table: 'orders', schema: 'shop' }), 'column shop.orders.status');
  assert.equal(describeObject({ kind: 'column', name: 'status' }), 'column status');
  assert.equal(describeObject({ kind: 'index', name: 'idx_x', table: 'orders' }), 'index idx_x');
  assert.equal(describeObject({ kind: 'constraint', name: 'fk', table: 'orders' }), 'constraint fk on orders');
  assert.equal(describeObject({ kind: 'trigger', name: 'audit', table: 'orders', schema: 'shop' }), 'trigger audit on shop.orders');
  assert.equal(describeObject({ kind: 'materialized view', name: 'mv' }), 'materialized view mv');
  assert.equal(describeObject({ kind: 'other', name: 'app_role' }), 'object app_role');
  assert.equal(describeObject({ kind: 'index', name: '', table: 'orders' }), 'index on orders');
  assert.equal(describeObject({ kind: 'statistics', name: '' }), 'unnamed statistics');
});
