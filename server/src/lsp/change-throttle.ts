// When an edited document is analysed. Analysing one file takes about a millisecond, but an edit to a revision id
// re-publishes its whole location, so bursts are coalesced: the first change after a quiet spell runs at once
// (keystroke-to-diagnostics stays in milliseconds at typing speed), later ones at most once per interval, each run
// reading the document's latest text.

/** Minimum time between two analyses of the same document. */
export const DOCUMENT_INTERVAL_MS = 75;

export class ChangeThrottle<K> {
  private readonly timers = new Map<K, ReturnType<typeof setTimeout>>();
  private readonly lastRun = new Map<K, number>();

  constructor(private readonly intervalMs: number) {}

  schedule(key: K, run: () => void): void {
    // A run is already pending: it will read the newest text.
    if (this.timers.has(key)) return;
    const since = performance.now() - (this.lastRun.get(key) ?? -Infinity);
    // Even "at once" waits for the current tick: changes that arrived together are analysed together.
    const delay = Math.max(0, this.intervalMs - since);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.lastRun.set(key, performance.now());
        run();
      }, delay),
    );
  }

  cancel(key: K): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
  }

  /** The document closed: nothing pending, nothing remembered. */
  forget(key: K): void {
    this.cancel(key);
    this.lastRun.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.lastRun.clear();
  }
}
