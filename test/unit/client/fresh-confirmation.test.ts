// Confirmations against the database as it is: read before the dialog and after the answer; a change asks again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confirmAgainstFreshState, MAX_ROUNDS, type Read } from '../../../client/src/commands/fresh-confirmation';
import { stampDialog } from '../../../client/src/commands/stamp-confirmation';
import { downgradeDialog } from '../../../client/src/graph/downgrade-plan';
import { linear } from './tree-model-fixtures';

/** Reads that return the given states in turn (the last one repeats). */
function reads(...states: string[][]): { read: () => Promise<Read>; count: () => number } {
  let n = 0;
  return {
    read: async () => ({ ok: true, current: states[Math.min(n++, states.length - 1)] ?? [] }),
    count: () => n,
  };
}

const build = (current: readonly string[]) => downgradeDialog('backend', [linear(5)], current, { kind: 'base' });

test('the dialog shows the fresh state, not the one the views showed, and says it changed', async () => {
  const asked: { message: string; detail: string }[] = [];
  const db = reads(['0005']);
  const outcome = await confirmAgainstFreshState({ read: db.read, shown: ['0002'], build, ask: async (message, detail) => (asked.push({ message, detail }), true) });
  assert.equal(asked.length, 1);
  assert.equal(asked[0]?.message, 'Downgrade to base? This reverts 5 revisions.');
  assert.match(asked[0]?.detail ?? '', /^The database changed since the views last read it: it was at 0002 and is now at 0005\.\n\n0005/);
  assert.deepEqual(outcome, { kind: 'proceed', plan: { cliTarget: 'base', label: 'base' }, current: ['0005'] });
  assert.equal(db.count(), 2, 'read before the dialog and after the answer');
});

test('a change while the dialog is open asks again with the new content; what runs is what the last dialog showed', async () => {
  const asked: string[] = [];
  const db = reads(['0002'], ['0005'], ['0005']);
  const outcome = await confirmAgainstFreshState({ read: db.read, shown: ['0002'], build: (c) => downgradeDialog('backend', [linear(5)], c, { kind: 'one' }), ask: async (m, d) => (asked.push(`${m}\n${d}`), true) });
  assert.equal(asked.length, 2);
  assert.doesNotMatch(asked[0] ?? '', /changed/);
  assert.match(asked[0] ?? '', /\n0002 /);
  assert.match(asked[1] ?? '', /The database changed while the previous confirmation was open: it was at 0002 and is now at 0005/);
  assert.match(asked[1] ?? '', /\n0005 /);
  assert.ok(outcome.kind === 'proceed' && outcome.current[0] === '0005');
});

test('declining runs nothing; a database that keeps changing gives up; a read failure or an impossible plan says why', async () => {
  assert.deepEqual(await confirmAgainstFreshState({ read: reads(['0003']).read, build, ask: async () => false }), { kind: 'declined' });
  let n = 0;
  const moving = async (): Promise<Read> => ({ ok: true, current: [String(++n).padStart(4, '0')] });
  const asks: number[] = [];
  const gaveUp = await confirmAgainstFreshState({ read: moving, build, ask: async () => (asks.push(1), true) });
  assert.equal(asks.length, MAX_ROUNDS);
  assert.ok(gaveUp.kind === 'problem' && /kept changing/.test(gaveUp.problem));
  assert.deepEqual(await confirmAgainstFreshState({ read: async () => ({ ok: false, problem: 'unreachable' }), build, ask: async () => true }), { kind: 'problem', problem: 'unreachable' });
  const nothing = await confirmAgainstFreshState({ read: reads([]).read, shown: ['0002'], build, ask: async () => true });
  assert.ok(nothing.kind === 'problem' && /it was at 0002 and is now at no revision\. The database has no revision applied/.test(nothing.problem), JSON.stringify(nothing));
});

test('a state the caller has just read is the first dialog\'s: read once more only after the answer', async () => {
  const asked: string[] = [];
  const db = reads(['0003']);
  const outcome = await confirmAgainstFreshState({ read: db.read, first: { ok: true, current: ['0003'] }, build, ask: async (message) => (asked.push(message), true) });
  assert.deepEqual(asked, ['Downgrade to base? This reverts 3 revisions.']);
  assert.equal(outcome.kind, 'proceed');
  assert.equal(db.count(), 1, 'only the read after the answer');
});

test('the stamp dialog says where the database is now', () => {
  const dialog = stampDialog('backend', ['0003'], '0005');
  assert.ok(dialog.ok);
  assert.equal(dialog.message, "Stamp backend's database as 0005?");
  assert.match(dialog.detail, /^It is at 0003 now\. The version table is set to 0005 without running any migration/);
  assert.ok(stampDialog('backend', ['0005'], '0005').ok && /already/.test((stampDialog('backend', ['0005'], '0005') as { detail: string }).detail));
});

test('the stamp dialog still asks when the extension cannot read the database, and says so', () => {
  const dialog = stampDialog('backend', undefined, '0005', 'no database is configured');
  assert.equal(dialog.plan.target, '0005');
  assert.match(dialog.detail, /^Its current revision could not be read here \(no database is configured\)\. The version table is set to 0005/);
});
