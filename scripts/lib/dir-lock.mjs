// A lock between processes (node --test runs test files in parallel, and two of them may install at once).
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/**
 * Holds `lockDir` while `fn` runs. A lock left by a dead process is taken over.
 * @template T
 * @param {string} lockDir
 * @param {number} timeoutMs how long to wait for another process's lock
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withDirLock(lockDir, timeoutMs, fn) {
  const deadline = Date.now() + timeoutMs;
  const owner = path.join(lockDir, 'pid');
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(owner, String(process.pid));
      break;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(owner, 'utf8'));
    } catch {
      // The holder has created the folder but not yet written its pid: give it a moment, not forever.
    }
    const abandoned = Number.isNaN(holder) && Date.now() - (statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 10_000;
    if (abandoned || (Number.isInteger(holder) && !isAlive(holder))) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${lockDir} (held by pid ${holder})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
