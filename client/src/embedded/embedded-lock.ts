// A pid lock file so two VS Code windows never open one PGlite data directory at once: PGlite writes no
// postmaster.pid, and two WASM servers on the same files would corrupt them.
import * as fs from 'node:fs';
import * as path from 'node:path';

export class EmbeddedDatabaseLockedError extends Error {
  constructor(readonly pid: number, readonly lockFile: string) {
    super(`The embedded database is already running in another window (pid ${pid}). If no such window is open, delete ${lockFile}.`);
    this.name = 'EmbeddedDatabaseLockedError';
  }
}

export interface DataDirLock {
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

// A pid cannot tell two starts inside one extension host apart, so this process's own locks are remembered.
const heldByThisProcess = new Set<string>();

/** Takes the lock or throws EmbeddedDatabaseLockedError; a lock whose pid is gone is taken over. */
export function acquireDataDirLock(lockFile: string): DataDirLock {
  const key = path.resolve(lockFile);
  if (heldByThisProcess.has(key)) throw new EmbeddedDatabaseLockedError(process.pid, lockFile);
  // Two rounds: the second follows the removal of a stale lock.
  for (let round = 0; round < 2; round++) {
    if (createLockFile(lockFile)) {
      heldByThisProcess.add(key);
      return lockHandle(lockFile, key);
    }
    const content = readIfExists(lockFile);
    if (content === undefined) continue; // released between our attempt and the read
    const owner = parsePid(content);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) throw new EmbeddedDatabaseLockedError(owner, lockFile);
    // Another window may be taking over the same stale lock: remove only the content we judged stale.
    if (readIfExists(lockFile) === content) removeIfExists(lockFile);
  }
  const owner = parsePid(readIfExists(lockFile) ?? '');
  throw new EmbeddedDatabaseLockedError(owner ?? 0, lockFile);
}

/**
 * Creates the lock file with our pid already in it, atomically: a hard link fails if the name exists,
 * so no other window can ever read a half-written (empty) lock and judge it stale.
 */
function createLockFile(lockFile: string): boolean {
  const staging = `${lockFile}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(staging, `${process.pid}\n`);
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

function lockHandle(lockFile: string, key: string): DataDirLock {
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      heldByThisProcess.delete(key);
      if (parsePid(readIfExists(lockFile) ?? '') === process.pid) removeIfExists(lockFile);
    },
  };
}

function parsePid(content: string): number | undefined {
  const text = content.trim();
  if (!/^\d+$/.test(text)) return undefined;
  const pid = Number(text);
  return pid > 0 ? pid : undefined;
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
