// A fake clock for code that schedules with setTimeout and reads performance.now(): node's mock timers plus a
// stubbed performance.now that follow one counter. Both are restored when the test ends.
import type { TestContext } from 'node:test';

export interface FakeClock {
  now(): number;
  /** Moves the clock forward one millisecond at a time, running every timer that falls due, at its own time. */
  advance(ms: number): void;
}

export function fakeClock(t: TestContext): FakeClock {
  let now = 0;
  t.mock.timers.enable({ apis: ['setTimeout'] });
  t.mock.method(performance, 'now', () => now);
  return {
    now: () => now,
    advance(ms: number): void {
      // tick(0) runs what is due now (a setTimeout of 0 ms); then one step per millisecond, so a timer that fires
      // at 80 sees performance.now() === 80, not the end of the step.
      t.mock.timers.tick(0);
      for (let i = 0; i < ms; i++) {
        now++;
        t.mock.timers.tick(1);
      }
    },
  };
}
