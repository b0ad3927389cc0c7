import assert from 'node:assert/strict';
import { test } from 'node:test';
import { upgradeWarning } from '../../../client/src/commands/upgrade-warning';
import { revisionsToApply } from '../../../client/src/graph/upgrade-plan';
import { revisionTitle } from '../../../client/src/graph/revision-walk';
import { branched, linear, location, rev } from './tree-model-fixtures';

const ids = (list: readonly { revision: string }[]): string[] => list.map((r) => r.revision);

test('what an upgrade applies: the pending ancestors of the target, oldest first', () => {
  assert.deepEqual(ids(revisionsToApply([linear(5)], ['0002'], 'heads')), ['0003', '0004', '0005']);
  assert.deepEqual(ids(revisionsToApply([linear(5)], ['0002'], '0004')), ['0003', '0004']);
  assert.deepEqual(ids(revisionsToApply([linear(5)], [], '0002')), ['0001', '0002']);
  assert.deepEqual(ids(revisionsToApply([linear(5)], ['0005'], 'heads')), []);
  assert.deepEqual(ids(revisionsToApply([linear(5)], ['0002'], 'nope')), []);
});

test('what an upgrade applies across branches: the other branch only when the target needs it', () => {
  assert.deepEqual(ids(revisionsToApply([branched()], ['0003'], 'heads')), ['0004', '0005']);
  assert.deepEqual(ids(revisionsToApply([branched()], ['0002'], '0003')), ['0003']);
  assert.deepEqual(ids(revisionsToApply([branched()], ['0001'], '0004')), ['0004']);
});

test('no errors in what is applied: no question', () => {
  assert.equal(upgradeWarning([]), undefined);
  assert.equal(upgradeWarning([{ title: '0003 (add status)', errors: 0 }]), undefined);
});

test('one revision with errors is named with its message and count', () => {
  const loc = location([rev('0006', ['0005'], { message: 'add orders' }), rev('0005', [], { message: '' })]);
  const warning = upgradeWarning([
    { title: revisionTitle([loc], '0005'), errors: 0 },
    { title: revisionTitle([loc], '0006'), errors: 1 },
  ]);
  assert.deepEqual(warning, { message: '0006 (add orders) has 1 error: upgrade anyway?', detail: 'Show Problems lists them; Upgrade Anyway runs the migrations as they are.' });
  assert.equal(upgradeWarning([{ title: '0005', errors: 3 }])?.message, '0005 has 3 errors: upgrade anyway?');
});

test('several revisions with errors: a short list and the total', () => {
  const warning = upgradeWarning([
    { title: '0003 (a)', errors: 2 },
    { title: '0004 (b)', errors: 0 },
    { title: '0005 (c)', errors: 1 },
  ]);
  assert.equal(warning?.message, '2 of the migrations to apply have 3 errors: upgrade anyway?');
  assert.equal(warning?.detail, ['0003 (a): 2 errors', '0005 (c): 1 error', '', 'Show Problems lists them; Upgrade Anyway runs the migrations as they are.'].join('\n'));
  const many = upgradeWarning(Array.from({ length: 8 }, (_, i) => ({ title: `000${i}`, errors: 1 })));
  assert.equal(many?.message, '8 of the migrations to apply have 8 errors: upgrade anyway?');
  assert.match(many?.detail ?? '', /^0004: 1 error\nand 3 more\n\n/m);
  assert.doesNotMatch(many?.detail ?? '', /0005/);
});
