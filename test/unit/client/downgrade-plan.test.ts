import assert from 'node:assert/strict';
import { test } from 'node:test';
import { downgradeConfirmation, downgradeDialog, planDowngrade, type DowngradePlan } from '../../../client/src/graph/downgrade-plan';
import { branched, linear, location, rev } from './tree-model-fixtures';

function reverted(plan: DowngradePlan): string[] | string {
  return plan.ok ? plan.steps.map((s) => s.revision) : `problem: ${plan.problem}`;
}

test('to a revision: everything above it that is applied, newest first', () => {
  const plan = planDowngrade(linear(5), ['0004'], { kind: 'revision', revision: '0002' });
  assert.deepEqual(reverted(plan), ['0004', '0003']);
  assert.equal(plan.ok && plan.cliTarget, '0002');
});

test('one step and base', () => {
  const one = planDowngrade(linear(5), ['0003'], { kind: 'one' });
  assert.deepEqual(reverted(one), ['0003']);
  assert.equal(one.ok && one.cliTarget, '-1');
  const base = planDowngrade(linear(5), ['0003'], { kind: 'base' });
  assert.deepEqual(reverted(base), ['0003', '0002', '0001']);
  assert.equal(base.ok && base.cliTarget, 'base');
});

test('branches: only the target\'s descendants are reverted, the other branch stays', () => {
  assert.deepEqual(reverted(planDowngrade(branched(), ['0003', '0004'], { kind: 'revision', revision: '0002' })), ['0003']);
  assert.deepEqual(reverted(planDowngrade(branched(), ['0005'], { kind: 'revision', revision: '0002' })), ['0005', '0003']);
  assert.deepEqual(reverted(planDowngrade(branched(), ['0005'], { kind: 'revision', revision: '0001' })), ['0005', '0004', '0003', '0002']);
});

test('dependents are reverted with their dependency', () => {
  const loc = location([rev('b2', ['b1'], { depends_on: ['a2'] }), rev('b1'), rev('a2', ['a1']), rev('a1')]);
  assert.deepEqual(reverted(planDowngrade(loc, ['b2', 'a2'], { kind: 'revision', revision: 'a1' })), ['b2', 'a2']);
});

test('impossible downgrades explain themselves', () => {
  assert.match(String(reverted(planDowngrade(linear(3), [], { kind: 'one' }))), /no revision applied/);
  assert.match(String(reverted(planDowngrade(linear(3), ['0002'], { kind: 'revision', revision: '0003' }))), /0003 is not applied/);
  assert.match(String(reverted(planDowngrade(linear(3), ['0002'], { kind: 'revision', revision: '0002' }))), /already at 0002/);
  assert.match(String(reverted(planDowngrade(linear(3), ['0002'], { kind: 'revision', revision: 'zzz' }))), /No migration file declares revision zzz/);
  assert.match(String(reverted(planDowngrade(linear(3), ['0009'], { kind: 'one' }))), /at 0009, which no migration file declares/);
  assert.match(String(reverted(planDowngrade(branched(), ['0003', '0004'], { kind: 'one' }))), /several current revisions \(0003, 0004\)/);
});

test('the steps carry the destructive statements; the confirmation lists them under their revision', () => {
  const loc = location([
    rev('0003', ['0002'], { message: 'add status', downgrade_destructive: ['drop column orders.status'] }),
    rev('0002', ['0001'], { message: 'create orders', downgrade_destructive: ['drop table orders', 'DELETE FROM audit'] }),
    rev('0001', [], { message: 'users' }),
  ]);
  const plan = planDowngrade(loc, ['0003'], { kind: 'revision', revision: '0001' });
  assert.ok(plan.ok);
  assert.deepEqual(plan.steps[1]?.destructive, ['drop table orders', 'DELETE FROM audit']);
  const text = downgradeConfirmation(plan.steps, '0001');
  assert.equal(text.message, 'Downgrade to 0001? This reverts 2 revisions.');
  assert.equal(
    text.detail,
    [
      '0003 add status',
      '  • data loss: drop column orders.status',
      '0002 create orders',
      '  • data loss: drop table orders',
      '  • data loss: DELETE FROM audit',
      '',
      '3 statements lose data: the tables, columns or rows they remove are gone.',
    ].join('\n'),
  );
  const safe = downgradeConfirmation([{ revision: '0001', message: '', file: 'f', destructive: [], dropsWithoutData: [], unanalysed: [] }], 'base');
  assert.equal(safe.message, 'Downgrade to base? This reverts 1 revision.');
  assert.match(safe.detail, /^0001\n\nNo destructive statement/);
});

test('what could not be analysed is listed and said: never "no destructive statement" about it', () => {
  const loc = location([
    rev('0002', ['0001'], { message: 'cleanup', downgrade_unanalysed: ['op.drop_table with a name known only at run time'] }),
    rev('0001', [], { message: 'users', downgrade_destructive: ['drop table users'] }),
  ]);
  const only = downgradeDialog('backend', [loc], ['0002'], { kind: 'one' });
  assert.ok(only.ok);
  assert.doesNotMatch(only.detail, /No destructive statement/);
  assert.equal(
    only.detail,
    ['0002 cleanup', '  ? could not be analysed: op.drop_table with a name known only at run time', '', '1 part of these downgrades could not be analysed (marked ?): it may destroy data too. Read the downgrade before going on.'].join('\n'),
  );
  const both = downgradeDialog('backend', [loc], ['0002'], { kind: 'base' });
  assert.ok(both.ok);
  assert.match(both.detail, /^1 statement loses data: the tables, columns or rows it removes are gone\.\n1 part of these downgrades could not be analysed/m);
  assert.equal(both.message, 'Downgrade to base? This reverts 2 revisions.');
  assert.deepEqual(both.plan, { cliTarget: 'base', label: 'base' });
});

test('the dialog is written for the state it is given: a database further up lists more', () => {
  const at2 = downgradeDialog('backend', [linear(5)], ['0002'], { kind: 'base' });
  const at5 = downgradeDialog('backend', [linear(5)], ['0005'], { kind: 'base' });
  assert.ok(at2.ok && at5.ok);
  assert.equal(at2.message, 'Downgrade to base? This reverts 2 revisions.');
  assert.equal(at5.message, 'Downgrade to base? This reverts 5 revisions.');
  const one = downgradeDialog('backend', [linear(5)], ['0005'], { kind: 'one' });
  assert.ok(one.ok && one.detail.startsWith('0005'), JSON.stringify(one));
  assert.equal(one.message, 'Downgrade to 0004 (step 0004)? This reverts 1 revision.');
  assert.deepEqual(downgradeDialog('backend', [], ['0001'], { kind: 'one' }), { ok: false, problem: 'backend has no migrations to downgrade.' });
});

test('the dialog names the target revision by id and message: to a revision, one step (a merge: both parents), base', () => {
  const to = downgradeDialog('backend', [linear(5)], ['0004'], { kind: 'revision', revision: '0002' });
  assert.ok(to.ok);
  assert.equal(to.message, 'Downgrade to 0002 (step 0002)? This reverts 2 revisions.');
  assert.deepEqual(to.plan, { cliTarget: '0002', label: '0002 (step 0002)' });
  const fromMerge = downgradeDialog('backend', [branched()], ['0005'], { kind: 'one' });
  assert.ok(fromMerge.ok);
  assert.equal(fromMerge.message, 'Downgrade to 0003 (step 0003) and 0004 (step 0004)? This reverts 1 revision.');
  const fromBase = downgradeDialog('backend', [location([rev('0001', [], { message: '' })])], ['0001'], { kind: 'one' });
  assert.ok(fromBase.ok);
  assert.equal(fromBase.message, 'Downgrade to base? This reverts 1 revision.');
  const noMessage = downgradeDialog('backend', [location([rev('0002', ['0001']), rev('0001', [], { message: '' })])], ['0002'], { kind: 'one' });
  assert.ok(noMessage.ok);
  assert.equal(noMessage.message, 'Downgrade to 0001? This reverts 1 revision.');
});

test('only what holds data is called data loss: dropped indexes and constraints are listed without the word', () => {
  const loc = location([
    rev('0003', ['0002'], { message: 'index status', downgrade_drops_without_data: ['drop index ix_orders_status'] }),
    rev('0002', ['0001'], {
      message: 'create orders',
      downgrade_destructive: ['drop table orders'],
      downgrade_drops_without_data: ['drop constraint fk_orders_user on orders', 'drop function touch_updated_at'],
    }),
    rev('0001', [], { message: 'users' }),
  ]);
  const indexOnly = downgradeDialog('backend', [loc], ['0003'], { kind: 'one' });
  assert.ok(indexOnly.ok);
  assert.equal(
    indexOnly.detail,
    ['0003 index status', '  • drop index ix_orders_status', '', '1 object without data is dropped (indexes, constraints and the like): upgrading again builds it back.', 'No data is lost.'].join('\n'),
  );
  assert.doesNotMatch(indexOnly.detail, /data loss|lose data|destructive/);
  const both = downgradeDialog('backend', [loc], ['0003'], { kind: 'revision', revision: '0001' });
  assert.ok(both.ok);
  assert.equal(
    both.detail,
    [
      '0003 index status',
      '  • drop index ix_orders_status',
      '0002 create orders',
      '  • data loss: drop table orders',
      '  • drop constraint fk_orders_user on orders',
      '  • drop function touch_updated_at',
      '',
      '1 statement loses data: the tables, columns or rows it removes are gone.',
      '3 objects without data are dropped (indexes, constraints and the like): upgrading again builds them back.',
    ].join('\n'),
  );
  assert.equal(both.message, 'Downgrade to 0001 (users)? This reverts 2 revisions.');
});
