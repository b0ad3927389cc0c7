// The throttle on a fake clock (node's mock timers and a stubbed performance.now): what runs when is decided by
// the throttle's own arithmetic, not by how busy the machine is. How fast a real change reaches its diagnostics
// is measured by `npm run bench`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChangeThrottle } from '../../server/src/lsp/change-throttle';
import { fakeClock } from '../helpers/clock';

test('the first change runs at once, a burst runs once per interval, other documents are independent', (t) => {
  const clock = fakeClock(t);
  const throttle = new ChangeThrottle<string>(80);
  const runs: { key: string; at: number }[] = [];
  const schedule = (key: string): void => throttle.schedule(key, () => runs.push({ key, at: clock.now() }));
  try {
    schedule('a');
    schedule('a');
    assert.equal(runs.length, 0, 'nothing within the same tick');
    clock.advance(0);
    assert.deepEqual(runs.map((r) => r.key), ['a'], 'two changes in one tick: one run, at once');
    assert.ok(runs[0]!.at < 40, `first run after ${runs[0]!.at} ms`);
    assert.equal(runs[0]!.at, 0, 'no delay after a quiet spell');

    clock.advance(10);
    for (let i = 0; i < 5; i++) schedule('a');
    schedule('b');
    clock.advance(0);
    assert.deepEqual(runs.map((r) => r.key), ['a', 'b'], 'b is not held back by a');
    clock.advance(69);
    assert.deepEqual(runs.map((r) => r.key), ['a', 'b'], 'the burst on a waits for the interval');
    clock.advance(1);
    assert.deepEqual(runs.map((r) => r.key), ['a', 'b', 'a'], 'the burst on a ran once more');
    assert.ok(runs[2]!.at - runs[0]!.at >= 75, `second run of a only ${runs[2]!.at - runs[0]!.at} ms after the first`);
    assert.equal(runs[2]!.at - runs[0]!.at, 80, 'exactly one interval after the first');
    clock.advance(200);
    assert.equal(runs.length, 3, 'five changes in the burst: one run');

    schedule('a');
    throttle.forget('a');
    clock.advance(120);
    assert.equal(runs.length, 3, 'a forgotten document does not run');
  } finally {
    throttle.dispose();
  }
});

test('a burst of changes runs once, and that run reads the latest version, never an older one', (t) => {
  const clock = fakeClock(t);
  const throttle = new ChangeThrottle<string>(75);
  // What the editor holds: the run reads it when it runs, as syncDocument reads the open document.
  let latest = 0;
  const analysed: number[] = [];
  const change = (version: number): void => {
    latest = version;
    throttle.schedule('doc', () => analysed.push(latest));
  };
  try {
    change(1);
    clock.advance(0);
    assert.deepEqual(analysed, [1], 'the first change after a quiet spell');
    for (let version = 2; version <= 21; version++) {
      change(version);
      clock.advance(3);
    }
    clock.advance(75);
    assert.deepEqual(analysed, [1, 21], '20 changes within one interval: one more run, of the last version');
    assert.equal(analysed.filter((v) => v !== 1 && v !== 21).length, 0, 'no intermediate (stale) version is analysed');

    change(22);
    throttle.cancel('doc');
    clock.advance(200);
    assert.deepEqual(analysed, [1, 21], 'a cancelled run does not run later');
  } finally {
    throttle.dispose();
  }
});
