// The pure guards around a run: one run per project, the bounds in the child's environment, the revision id read
// from disk at run time.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { busyMessage, ProjectRunLock } from '../../../client/src/alembic/run-lock';
import { boundedRunEnv, boundHint, connectTimeoutSeconds, newRunAppName, RUN_APP_NAME_PREFIX } from '../../../client/src/alembic/run-env';
import { revisionAction, revisionIdsOnDisk } from '../../../client/src/alembic/revision-on-disk';
import { resolveCommand } from '../../../common/alembic-command';

/**
 * A lock folder of the test's own (the default one is shared with every window and test process of this user),
 * removed after the test, also when it fails.
 */
function lockDir(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-run-locks-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('one run per project: a second is refused with what holds it, until the first releases', async (t) => {
  const lock = new ProjectRunLock(lockDir(t));
  const first = lock.acquire('a', 'Creating a revision in backend');
  assert.ok(first.ok);
  assert.deepEqual(lock.acquire('a', 'Upgrading backend to heads'), { ok: false, busyWith: 'Creating a revision in backend' });
  assert.ok(lock.acquire('b', 'other project').ok, 'another project is not held');
  first.ticket.release();
  first.ticket.release();
  const second = lock.acquire('a', 'again');
  assert.ok(second.ok, 'released: the next run gets the project');
  first.ticket.release();
  assert.ok(lock.isBusy('a'), "an old ticket's second release does not free the new holder");
  second.ticket.release();

  let inside = false;
  const running = lock.exclusive('a', 'body', async () => {
    inside = true;
    return lock.acquire('a', 'concurrent');
  });
  const result = await running;
  assert.ok(inside && result.ok && !result.value.ok);
  assert.ok(!lock.isBusy('a'), 'exclusive releases when the body ends');
  await assert.rejects(lock.exclusive('a', 'throws', () => Promise.reject(new Error('boom'))));
  assert.ok(!lock.isBusy('a'), 'and when it throws');
  assert.match(busyMessage('backend', 'Creating a revision in backend'), /backend is busy: "Creating a revision in backend" is still running/);
});

test('the lock holds across windows: another process holding the project refuses the run, and a crashed one does not', async (t) => {
  const dir = lockDir(t);
  const runLock = path.join(__dirname, '..', '..', '..', 'client', 'src', 'alembic', 'run-lock.js');
  // Another window's extension host: takes the project's lock, says so, and holds it until killed.
  const script = `const { ProjectRunLock } = require(${JSON.stringify(runLock)});
const got = new ProjectRunLock(${JSON.stringify(dir)}).acquire('/w/backend/alembic.ini', 'Upgrading backend to head');
process.stdout.write(got.ok ? 'held' : 'refused');
setInterval(() => {}, 1000);`;
  const other = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const said = await new Promise<string>((resolve) => {
      other.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      other.once('exit', (code) => resolve(`exited with ${code}`));
    });
    assert.equal(said, 'held');
    const lock = new ProjectRunLock(dir);
    const refused = lock.acquire('/w/backend/alembic.ini', 'Downgrading backend');
    assert.deepEqual(refused, { ok: false, busyWith: 'Upgrading backend to head', elsewhere: other.pid });
    assert.match(busyMessage('backend', 'Upgrading backend to head', other.pid), new RegExp(`still running in another window \\(process ${other.pid}\\)`));
    const another = lock.acquire('/w/other/alembic.ini', 'another project');
    assert.ok(another.ok, 'another project is not held');
    another.ticket.release();
    // The other window crashes: its lock is stale, and the next run takes it over.
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('exit', resolve));
    const taken = lock.acquire('/w/backend/alembic.ini', 'Downgrading backend');
    assert.ok(taken.ok, JSON.stringify(taken));
    taken.ticket.release();
    assert.deepEqual(fs.readdirSync(dir), [], 'released: no lock file is left behind');
  } finally {
    other.kill('SIGKILL');
  }
});

test('the child gets a connect timeout, its own application_name and, when set, a lock timeout', () => {
  const env = boundedRunEnv({ PATH: '/bin' }, { connectTimeoutMs: 10_000, lockTimeoutMs: 0 }, 'vscode-alembic-run-x');
  assert.deepEqual(env, { PATH: '/bin', PGAPPNAME: 'vscode-alembic-run-x', PGCONNECT_TIMEOUT: '10' });
  const locked = boundedRunEnv({ PGOPTIONS: '-c search_path=app', PGAPPNAME: 'mine', PGCONNECT_TIMEOUT: '30' }, { connectTimeoutMs: 1500, lockTimeoutMs: 2500 }, 'run');
  assert.equal(locked['PGOPTIONS'], '-c search_path=app -c lock_timeout=2500', "appended after the user's options");
  assert.equal(locked['PGCONNECT_TIMEOUT'], '30', "the user's own PGCONNECT_TIMEOUT stays");
  assert.equal(locked['PGAPPNAME'], 'run', 'the run needs its own name to find its sessions');
  assert.equal(connectTimeoutSeconds(1500), 2, "libpq's minimum");
  assert.equal(connectTimeoutSeconds(10_001), 11);
  const a = newRunAppName();
  assert.ok(a.startsWith(RUN_APP_NAME_PREFIX) && a.length <= 63 && /^[\x20-\x7e]+$/.test(a), a);
  assert.notEqual(a, newRunAppName());
});

test('a failure the bounds caused names the setting', () => {
  const bounds = { connectTimeoutMs: 4000, lockTimeoutMs: 1000 };
  assert.match(boundHint('OperationalError: connection to server at "127.0.0.1", port 5 failed: timeout expired', bounds, {}) ?? '', /within 4 s \(alembic\.commandConnectTimeoutMs\)/);
  assert.match(boundHint('timeout expired', bounds, { PGCONNECT_TIMEOUT: '7' }) ?? '', /within 7 s \(PGCONNECT_TIMEOUT\)/);
  assert.match(boundHint('LockNotAvailable: canceling statement due to lock timeout', bounds, {}) ?? '', /1000 ms \(alembic\.commandLockTimeoutMs\)/);
  assert.equal(boundHint('SyntaxError: syntax error at or near "CREAT"', bounds, {}), undefined);
});

test('the next --rev-id comes from the files on disk, not from the graph the server sent', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-revid-'));
  try {
    const versions = path.join(dir, 'versions');
    fs.mkdirSync(versions);
    fs.writeFileSync(path.join(dir, 'alembic.ini'), '[alembic]\n');
    const write = (name: string, text: string): void => fs.writeFileSync(path.join(versions, name), text);
    write('0001_a.py', '"""a\n\nRevision ID: 0001\n"""\nrevision = "0001"\ndown_revision = None\n');
    write('0002_b.py', "revision: str = '0002'\ndown_revision = '0001'\n");
    write('notes.txt', 'revision = "9999"\n');
    write('__init__.py', 'revision = "9998"\n');
    write('0003_docstring_only.py', '"""Revision ID: 0777\n"""\n');
    execFileSync('mkfifo', [path.join(versions, '0004_fifo.py')]);
    assert.deepEqual(revisionIdsOnDisk([versions, path.join(dir, 'missing')]), ['0001', '0002'], 'a FIFO neither blocks nor counts; a missing folder has none');

    const alembic = resolveCommand({ iniPath: path.join(dir, 'alembic.ini'), dir }, { python: 'python3', exists: () => false });
    assert.deepEqual(revisionAction(alembic, [versions], 'next'), { kind: 'revision', message: 'next', revId: '0003' });
    // Another window (or a terminal) wrote 0003 since the graph was sent: the id moves on.
    write('0003_c.py', 'revision = "0003"\ndown_revision = "0002"\n');
    assert.deepEqual(revisionAction(alembic, [versions], 'next'), { kind: 'revision', message: 'next', revId: '0004' });
    const migratePy = resolveCommand({ iniPath: path.join(dir, 'alembic.ini'), dir }, { python: 'python3', exists: () => true });
    assert.deepEqual(revisionAction(migratePy, [versions], 'next'), { kind: 'revision', message: 'next' }, 'migrate.py numbers its own');
    write('abc_hash.py', 'revision = "ae1027a6acf0"\n');
    assert.deepEqual(revisionAction(alembic, [versions], 'next'), { kind: 'revision', message: 'next' }, 'hash ids are left to Alembic');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
