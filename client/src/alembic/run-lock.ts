// One run per project at a time. Two Create Revisions at once gave two files with one id (a self-loop that
// breaks every later Alembic command), and a downgrade confirmed while an upgrade runs reverts what the dialog
// never showed. A second run is refused, not queued: a queued run would act on a database that changed under it.

export interface RunTicket {
  /** What holds the project: "Creating a revision in backend". */
  readonly title: string;
  /** Idempotent. */
  release(): void;
}

export type Acquired = { ok: true; ticket: RunTicket } | { ok: false; busyWith: string };

export class ProjectRunLock {
  private readonly held = new Map<string, RunTicket>();

  /** A ticket for the project, or what holds it now. */
  acquire(key: string, title: string): Acquired {
    const holder = this.held.get(key);
    if (holder) return { ok: false, busyWith: holder.title };
    let released = false;
    const ticket: RunTicket = {
      title,
      release: () => {
        if (released) return;
        released = true;
        if (this.held.get(key) === ticket) this.held.delete(key);
      },
    };
    this.held.set(key, ticket);
    return { ok: true, ticket };
  }

  isBusy(key: string): boolean {
    return this.held.has(key);
  }

  /** Runs body holding the project's ticket; undefined-busy when another run holds it. */
  async exclusive<T>(key: string, title: string, body: (ticket: RunTicket) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; busyWith: string }> {
    const acquired = this.acquire(key, title);
    if (!acquired.ok) return acquired;
    try {
      return { ok: true, value: await body(acquired.ticket) };
    } finally {
      acquired.ticket.release();
    }
  }
}

/** The message for a refused run. */
export function busyMessage(project: string, busyWith: string): string {
  return `${project} is busy: "${busyWith}" is still running. Try again when it has finished.`;
}
