// A lock file holding the pid of its owner (and a line saying what it holds): for what two VS Code windows must not do
// at once (open one PGlite data directory, run two migrations of one project). A lock whose process is gone is
// taken over, so a crashed window never leaves a project locked.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PidLock {
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

/** Taken, or who holds it: their pid and what they said they hold it for. */
export type PidLockAttempt = { ok: true; lock: PidLock } | { ok: false; pid: number; note: string };

// A pid cannot tell two holders inside one process apart, so this process's own locks are remembered.
const heldByThisProcess = new Set<string>();

/** Takes the lock file, or says who holds it; `note` (one line) is what the holder is doing. */
export function tryPidLock(lockFile: string, note = ''): PidLockAttempt {
  const key = path.resolve(lockFile);
  if (heldByThisProcess.has(key)) return { ok: false, pid: process.pid, note: parseLock(readIfExists(lockFile) ?? '').note };
  // Two rounds: the second follows the removal of a stale lock.
  for (let round = 0; round < 2; round++) {
    if (createLockFile(lockFile, note)) {
      heldByThisProcess.add(key);
      return { ok: true, lock: lockHandle(lockFile, key) };
    }
    const content = readIfExists(lockFile);
    if (content === undefined) continue; // released between our attempt and the read
    const owner = parseLock(content);
    if (owner.pid !== undefined && owner.pid !== process.pid && isAlive(owner.pid)) return { ok: false, pid: owner.pid, note: owner.note };
    // Another window may be taking over the same stale lock: remove only the content we judged stale.
    if (readIfExists(lockFile) === content) removeIfExists(lockFile);
  }
  const owner = parseLock(readIfExists(lockFile) ?? '');
  return { ok: false, pid: owner.pid ?? 0, note: owner.note };
}

/**
 * Creates the lock file with our pid already in it, atomically: a hard link fails if the name exists,
 * so no other window can ever read a half-written (empty) lock and judge it stale.
 */
function createLockFile(lockFile: string, note: string): boolean {
  const staging = `${lockFile}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(staging, `${process.pid}\n${note.replace(/[\r\n]+/g, ' ')}\n`, { mode: 0o600 });
  try {
    fs.linkSync(staging, lockFile);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    removeIfExists(staging);
  }
}

function lockHandle(lockFile: string, key: string): PidLock {
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      heldByThisProcess.delete(key);
      if (parseLock(readIfExists(lockFile) ?? '').pid === process.pid) removeIfExists(lockFile);
    },
  };
}

/** The first line is the pid; the second, what the holder said. */
function parseLock(content: string): { pid?: number; note: string } {
  const [first = '', note = ''] = content.split('\n');
  const text = first.trim();
  const pid = /^\d+$/.test(text) ? Number(text) : 0;
  return pid > 0 ? { pid, note: note.trim() } : { note: note.trim() };
}

/** Signal 0 checks existence only; EPERM means the process exists but belongs to someone else. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function removeIfExists(file: string): void {
  fs.rmSync(file, { force: true });
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error ? String(error.code) : undefined;
}
