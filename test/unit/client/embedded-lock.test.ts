import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireDataDirLock, EmbeddedDatabaseLockedError, isAlive } from '../../../server/src/host/embedded/embedded-lock';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-lock-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function tempLockFile(): string {
  return path.join(fs.mkdtempSync(path.join(root, 'ws-')), 'pgdata.lock');
}

/** The pid of a process that has exited: a real stale pid, not a guessed number. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { timeout: 10_000 });
  assert.equal(child.status, 0);
  assert.ok(child.pid && !isAlive(child.pid), 'the exited child should no longer be alive');
  return child.pid;
}

test('a fresh lock file holds our pid and is removed on release; release is idempotent', () => {
  const file = tempLockFile();
  const lock = acquireDataDirLock(file);
  assert.equal(fs.readFileSync(file, 'utf8').trim(), String(process.pid));
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['pgdata.lock'], 'no staging file is left behind');
  lock.release();
  assert.equal(fs.existsSync(file), false);
  lock.release();
  acquireDataDirLock(file).release();
});

test('a second start in the same process is refused while the first holds the lock', () => {
  const file = tempLockFile();
  const lock = acquireDataDirLock(file);
  assert.throws(() => acquireDataDirLock(file), (error: unknown) => {
    assert.ok(error instanceof EmbeddedDatabaseLockedError);
    assert.equal(error.pid, process.pid);
    return true;
  });
  lock.release();
});

test('a lock held by another live process is refused with its pid in the message', async () => {
  const file = tempLockFile();
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
  try {
    assert.ok(other.pid);
    fs.writeFileSync(file, `${other.pid}\n`);
    assert.throws(() => acquireDataDirLock(file), {
      name: 'EmbeddedDatabaseLockedError',
      message: new RegExp(`^The embedded database is already running in another window \\(pid ${other.pid}\\)`),
    });
    assert.equal(fs.readFileSync(file, 'utf8').trim(), String(other.pid), 'the other window keeps its lock');
  } finally {
    other.kill('SIGKILL');
  }
});

test('a lock whose process is gone is taken over', () => {
  const file = tempLockFile();
  fs.writeFileSync(file, `${deadPid()}\n`);
  const lock = acquireDataDirLock(file);
  assert.equal(fs.readFileSync(file, 'utf8').trim(), String(process.pid));
  lock.release();
});

test('an empty or unreadable lock file is taken over', () => {
  for (const content of ['', 'garbage\n', '0\n']) {
    const file = tempLockFile();
    fs.writeFileSync(file, content);
    const lock = acquireDataDirLock(file);
    assert.equal(fs.readFileSync(file, 'utf8').trim(), String(process.pid), `content ${JSON.stringify(content)}`);
    lock.release();
  }
});

test('release leaves a lock that another process has taken over since', () => {
  const file = tempLockFile();
  const lock = acquireDataDirLock(file);
  fs.writeFileSync(file, `${process.ppid}\n`);
  lock.release();
  assert.equal(fs.readFileSync(file, 'utf8').trim(), String(process.ppid));
});
