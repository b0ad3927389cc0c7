import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ChangeThrottle } from '../../server/src/lsp/change-throttle';

test('the first change runs at once, a burst runs once per interval, other documents are independent', async () => {
  const throttle = new ChangeThrottle<string>(80);
  const runs: { key: string; at: number }[] = [];
  const start = performance.now();
  const schedule = (key: string): void => throttle.schedule(key, () => runs.push({ key, at: performance.now() - start }));
  try {
    schedule('a');
    schedule('a');
    await sleep(10);
    assert.deepEqual(runs.map((r) => r.key), ['a'], 'two changes in one tick: one run, at once');
    assert.ok(runs[0]!.at < 40, `first run after ${runs[0]!.at} ms`);

    for (let i = 0; i < 5; i++) schedule('a');
    schedule('b');
    await sleep(10);
    assert.deepEqual(runs.map((r) => r.key), ['a', 'b'], 'b is not held back by a');
    await sleep(120);
    assert.deepEqual(runs.map((r) => r.key), ['a', 'b', 'a'], 'the burst on a ran once more');
    assert.ok(runs[2]!.at - runs[0]!.at >= 75, `second run of a only ${runs[2]!.at - runs[0]!.at} ms after the first`);

    schedule('a');
    throttle.forget('a');
    await sleep(120);
    assert.equal(runs.length, 3, 'a forgotten document does not run');
  } finally {
    throttle.dispose();
  }
});
