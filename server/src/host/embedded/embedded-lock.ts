// A pid lock file so two VS Code windows never open one PGlite data directory at once: PGlite writes no
// postmaster.pid, and two WASM servers on the same files would corrupt them.
import { tryPidLock, type PidLock } from '../pid-lock';

export { isAlive } from '../pid-lock';

export class EmbeddedDatabaseLockedError extends Error {
  constructor(readonly pid: number, readonly lockFile: string) {
    super(`The embedded database is already running in another window (pid ${pid}). If no such window is open, delete ${lockFile}.`);
    this.name = 'EmbeddedDatabaseLockedError';
  }
}

export type DataDirLock = PidLock;

/** Takes the lock or throws EmbeddedDatabaseLockedError; a lock whose pid is gone is taken over. */
export function acquireDataDirLock(lockFile: string): DataDirLock {
  const attempt = tryPidLock(lockFile);
  if (!attempt.ok) throw new EmbeddedDatabaseLockedError(attempt.pid, lockFile);
  return attempt.lock;
}
