// The embedded database's temporary folders: each names its process, and a start removes those of processes that are
// gone, and nothing else. Runs in a folder of its own, never the system's temporary folder that other processes use.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ENDPOINT_PREFIX, OWNER_FILE, ownedTempFolder, SOCKET_NAME, sweepStaleTempFolders, UNOWNED_AGE_MS, VERIFY_PREFIX } from '../../../server/src/host/embedded/embedded-temp';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-temp-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const hasProc = fs.existsSync('/proc/self/stat');

/** A fresh folder standing in for the system's temporary folder. */
function tmp(): string {
  return fs.mkdtempSync(path.join(root, 'tmp-'));
}

/** A process that listened on `socketPath` (when given) and was SIGKILLed: its pid is gone, its socket stays. */
function killedProcess(socketPath?: string): number {
  const script = socketPath
    ? `require('net').createServer().listen(${JSON.stringify(socketPath)}, () => process.kill(process.pid, 'SIGKILL'))`
    : '';
  const child = spawnSync(process.execPath, ['-e', script], { timeout: 10_000 });
  assert.ok(child.pid);
  assert.equal(child.status, socketPath ? null : 0, String(child.stderr));
  if (socketPath) assert.ok(fs.lstatSync(socketPath).isSocket(), 'the killed process left its socket behind');
  return child.pid;
}

/** A folder as a killed process left it: its owner file and, for an endpoint, its dead socket. */
function leftBehind(dir: string, name: string, o: { socket?: boolean; owner?: string } = {}): string {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder, { mode: 0o700 });
  const pid = killedProcess(o.socket === false ? undefined : path.join(folder, SOCKET_NAME));
  fs.writeFileSync(path.join(folder, OWNER_FILE), o.owner ?? `${pid}\n\n\n`);
  return folder;
}

function age(folder: string, ms: number): void {
  const then = new Date(Date.now() - ms);
  fs.utimesSync(folder, then, then);
}

async function sweep(dir: string): Promise<{ removed: string[]; logged: string[] }> {
  const logged: string[] = [];
  const removed = await sweepStaleTempFolders({ dir, log: (line) => logged.push(line) });
  return { removed, logged };
}

test('a new folder is private and names this process (with its start time and pid namespace where /proc says them)', () => {
  const folder = ownedTempFolder(ENDPOINT_PREFIX, tmp());
  assert.ok(path.basename(folder).startsWith(ENDPOINT_PREFIX));
  assert.equal(fs.statSync(folder).mode & 0o777, 0o700);
  assert.deepEqual(fs.readdirSync(folder), [OWNER_FILE]);
  const [pid, start, namespace] = fs.readFileSync(path.join(folder, OWNER_FILE), 'utf8').split('\n');
  assert.equal(pid, String(process.pid));
  if (hasProc) {
    assert.match(start ?? '', /^\d+$/);
    assert.equal(namespace, fs.readlinkSync('/proc/self/ns/pid'));
  }
});

test('the folder of a killed process is removed, socket and all; a live one (this process) is kept', async () => {
  const dir = tmp();
  const dead = leftBehind(dir, `${ENDPOINT_PREFIX}dead`);
  const verify = leftBehind(dir, `${VERIFY_PREFIX}dead`, { socket: false });
  fs.mkdirSync(path.join(verify, 'pgdata', 'base'), { recursive: true });
  const live = ownedTempFolder(ENDPOINT_PREFIX, dir);
  const { removed, logged } = await sweep(dir);
  assert.deepEqual(removed.sort(), [dead, verify].sort());
  assert.deepEqual(fs.readdirSync(dir), [path.basename(live)]);
  assert.ok(logged.some((line) => line.startsWith(`Removed ${dead}, left behind by a process that is gone (pid `)), logged.join('\n'));
});

test('a pid reused by another process does not keep the folder: its start time differs', { skip: !hasProc && 'no /proc' }, async () => {
  const dir = tmp();
  const folder = path.join(dir, `${ENDPOINT_PREFIX}reused`);
  fs.mkdirSync(folder);
  const namespace = fs.readlinkSync('/proc/self/ns/pid');
  fs.writeFileSync(path.join(folder, OWNER_FILE), `${process.pid}\n1\n${namespace}\n`);
  const sameStart = ownedTempFolder(ENDPOINT_PREFIX, dir);
  assert.deepEqual((await sweep(dir)).removed, [folder]);
  assert.ok(fs.existsSync(sameStart));
});

test('kept: a dead pid of another pid namespace, and a dead pid whose socket still answers', async (t) => {
  const dir = tmp();
  const otherNamespace = leftBehind(dir, `${ENDPOINT_PREFIX}container`, { socket: false, owner: `${killedProcess()}\n1\npid:[1]\n` });
  const answering = leftBehind(dir, `${ENDPOINT_PREFIX}answering`, { socket: false });
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(path.join(answering, SOCKET_NAME), resolve));
  t.after(() => server.close());
  assert.deepEqual((await sweep(dir)).removed, []);
  assert.ok(fs.existsSync(otherNamespace) && fs.existsSync(path.join(answering, SOCKET_NAME)));
});

test('kept: another name, a link to a dead folder, a file, an owner file that is a link', async () => {
  const dir = tmp();
  const outside = tmp();
  const elsewhere = leftBehind(outside, `${ENDPOINT_PREFIX}target`);
  const otherName = leftBehind(dir, 'alembic-other-dead');
  fs.symlinkSync(elsewhere, path.join(dir, `${ENDPOINT_PREFIX}link`));
  fs.writeFileSync(path.join(dir, `${ENDPOINT_PREFIX}file`), `${killedProcess()}\n`);
  const linkedOwner = path.join(dir, `${ENDPOINT_PREFIX}linked-owner`);
  fs.mkdirSync(linkedOwner);
  fs.symlinkSync(path.join(elsewhere, OWNER_FILE), path.join(linkedOwner, OWNER_FILE));
  const before = fs.readdirSync(dir).sort();
  assert.deepEqual((await sweep(dir)).removed, []);
  assert.deepEqual(fs.readdirSync(dir).sort(), before);
  assert.ok(fs.existsSync(path.join(elsewhere, SOCKET_NAME)), 'the link is not followed');
  assert.ok(fs.existsSync(otherName));
});

test('a folder without an owner file (an earlier version\'s) goes only when old, holding nothing but a dead socket', async () => {
  const dir = tmp();
  const unowned = (name: string): string => {
    const folder = leftBehind(dir, `${ENDPOINT_PREFIX}${name}`);
    fs.rmSync(path.join(folder, OWNER_FILE));
    return folder;
  };
  const oldDead = unowned('old-dead');
  const oldEmpty = path.join(dir, `${ENDPOINT_PREFIX}old-empty`);
  fs.mkdirSync(oldEmpty);
  const young = unowned('young');
  const oldWithMore = unowned('old-more');
  fs.writeFileSync(path.join(oldWithMore, 'notes.txt'), 'not ours\n');
  const oldUnreadableOwner = unowned('old-garbage-owner');
  fs.writeFileSync(path.join(oldUnreadableOwner, OWNER_FILE), 'garbage\n');
  for (const folder of [oldDead, oldEmpty, oldWithMore, oldUnreadableOwner]) age(folder, UNOWNED_AGE_MS + 60_000);
  age(young, UNOWNED_AGE_MS - 60_000);
  assert.deepEqual((await sweep(dir)).removed.sort(), [oldDead, oldEmpty].sort());
  assert.ok(fs.existsSync(young) && fs.existsSync(oldWithMore) && fs.existsSync(oldUnreadableOwner));
});

test('errors are logged, never thrown; an owner file that is a FIFO does not block the sweep', async () => {
  const missing = await sweep(path.join(root, 'missing'));
  assert.deepEqual(missing.removed, []);
  assert.match(missing.logged.join('\n'), /^Could not look for stale temporary folders in .*missing: ENOENT/);
  const dir = tmp();
  const fifo = path.join(dir, `${ENDPOINT_PREFIX}fifo`);
  fs.mkdirSync(fifo);
  execFileSync('mkfifo', [path.join(fifo, OWNER_FILE)]);
  age(fifo, UNOWNED_AGE_MS + 60_000);
  assert.deepEqual((await sweep(dir)).removed, [], 'not a plain owner file, and more than a socket in it: kept');
});
