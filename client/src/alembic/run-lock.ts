// One run per project at a time. Two Create Revisions at once gave two files with one id (a self-loop that
// breaks every later Alembic command), and a downgrade confirmed while an upgrade runs reverts what the dialog
// never showed. A second run is refused, not queued: a queued run would act on a database that changed under it.
// The lock holds across VS Code windows too: a pid lock file per project (pid-lock.ts) in a folder of this user's
// in the temporary directory, so a second window on the same project is refused while the first one runs.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tryPidLock, type PidLock } from '../../../server/src/host/pid-lock';

/** Where the run locks live: per user, so two users of one machine never share (or block) a lock folder. */
export function defaultRunLockDir(): string {
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : (process.env['USERNAME'] ?? 'user');
  return path.join(os.tmpdir(), `vscode-alembic-runs-${user}`);
}

export interface RunTicket {
  /** What holds the project: "Creating a revision in backend". */
  readonly title: string;
  /** Idempotent. */
  release(): void;
}

/** `elsewhere`: the pid of the other window's extension host that holds it. */
export type Acquired = { ok: true; ticket: RunTicket } | { ok: false; busyWith: string; elsewhere?: number };

export class ProjectRunLock {
  private readonly held = new Map<string, RunTicket>();

  /** `lockDir`: where the lock files shared with other windows go (tests give their own). */
  constructor(private readonly lockDir: string = defaultRunLockDir()) {}

  /** A ticket for the project, or what holds it now (in this window or another). */
  acquire(key: string, title: string): Acquired {
    const holder = this.held.get(key);
    if (holder) return { ok: false, busyWith: holder.title };
    const shared = this.lockFile(key, title);
    if (shared && !shared.ok) return { ok: false, busyWith: shared.note || 'a migration command', elsewhere: shared.pid };
    const fileLock = shared?.lock;
    let released = false;
    const ticket: RunTicket = {
      title,
      release: () => {
        if (released) return;
        released = true;
        fileLock?.release();
        if (this.held.get(key) === ticket) this.held.delete(key);
      },
    };
    this.held.set(key, ticket);
    return { ok: true, ticket };
  }

  /**
   * The project's lock file, taken; or who holds it. Undefined when the folder cannot be used (a read-only temporary
   * directory): the lock then holds within this window only, rather than refusing every run.
   */
  private lockFile(key: string, title: string): { ok: true; lock: PidLock } | { ok: false; pid: number; note: string } | undefined {
    try {
      fs.mkdirSync(this.lockDir, { recursive: true, mode: 0o700 });
      return tryPidLock(path.join(this.lockDir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.lock`), title);
    } catch {
      return undefined;
    }
  }

  isBusy(key: string): boolean {
    return this.held.has(key);
  }

  /** Runs body holding the project's ticket; undefined-busy when another run holds it. */
  async exclusive<T>(key: string, title: string, body: (ticket: RunTicket) => Promise<T>): Promise<{ ok: true; value: T } | Extract<Acquired, { ok: false }>> {
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
export function busyMessage(project: string, busyWith: string, elsewhere?: number): string {
  const where = elsewhere === undefined ? '' : ` in another window (process ${elsewhere})`;
  return `${project} is busy: "${busyWith}" is still running${where}. Try again when it has finished.`;
}
