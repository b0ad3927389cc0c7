// A confirmation made against the database as it is, not as the views last saw it: the version table is read
// right before the dialog and again right after the user agrees. If it changed meanwhile (an upgrade from a
// terminal, a teammate's deploy), the user is told and asked again with what the new state means; what runs is
// always what the last dialog showed. Pure: the reads and the dialog come in as functions.

export type Read = { ok: true; current: string[] } | { ok: false; problem: string };

export type Built<P> = { ok: true; plan: P; message: string; detail: string } | { ok: false; problem: string };

export interface FreshConfirmation<P> {
  /** The version table now. */
  read(): Promise<Read>;
  /** The dialog for a state, or why there is nothing to confirm in it. */
  build(current: readonly string[]): Built<P>;
  /** Shows the dialog; true to go ahead. */
  ask(message: string, detail: string): Promise<boolean>;
  /** What the views showed when the command started, if anything: a different fresh state is pointed out. */
  shown?: readonly string[];
  /** The version table as the caller read it just before: the first dialog is built on it instead of reading again. */
  first?: Read;
}

export type FreshOutcome<P> = { kind: 'proceed'; plan: P; current: string[] } | { kind: 'declined' } | { kind: 'problem'; problem: string };

/** A database that changes under every dialog is not one to downgrade now. */
export const MAX_ROUNDS = 3;

export async function confirmAgainstFreshState<P>(c: FreshConfirmation<P>): Promise<FreshOutcome<P>> {
  let seen = c.shown;
  let fresh = c.first ?? (await c.read());
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (!fresh.ok) return { kind: 'problem', problem: fresh.problem };
    const current = fresh.current;
    const built = c.build(current);
    const note = seen !== undefined && !sameState(seen, current) ? changedNote(seen, current, round > 0) : undefined;
    if (!built.ok) return { kind: 'problem', problem: note ? `${note} ${built.problem}` : built.problem };
    const detail = note ? `${note}\n\n${built.detail}` : built.detail;
    if (!(await c.ask(built.message, detail))) return { kind: 'declined' };
    fresh = await c.read();
    if (fresh.ok && sameState(fresh.current, current)) return { kind: 'proceed', plan: built.plan, current };
    seen = current;
  }
  return { kind: 'problem', problem: 'The database kept changing while the confirmation was open; nothing was run. Try again when nothing else is migrating it.' };
}

export function sameState(a: readonly string[], b: readonly string[]): boolean {
  const left = [...a].sort();
  const right = [...b].sort();
  return left.length === right.length && left.every((id, index) => id === right[index]);
}

export function describeState(current: readonly string[]): string {
  return current.length === 0 ? 'no revision' : [...current].sort().join(', ');
}

function changedNote(before: readonly string[], now: readonly string[], whileAsking: boolean): string {
  const when = whileAsking ? 'while the previous confirmation was open' : 'since the views last read it';
  return `The database changed ${when}: it was at ${describeState(before)} and is now at ${describeState(now)}.`;
}
