// The embedded database's folders under the system's temporary folder: pglite-socket's Unix socket
// (alembic-pglite-*) and a verify run's data (alembic-lint-verify-*). A stop removes them, but a process that is
// SIGKILLed or crashes cannot, and the system's temp cleaning may never come (CI machines, long-lived hosts), so each
// folder names the process that serves it and every start removes the folders of processes that are gone.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const ENDPOINT_PREFIX = 'alembic-pglite-';
export const VERIFY_PREFIX = 'alembic-lint-verify-';
/** pglite-socket's socket, inside an endpoint folder. */
export const SOCKET_NAME = '.s.PGSQL';
/** Written first thing into each folder: the serving process's pid, its start time and its pid namespace. */
export const OWNER_FILE = 'owner';
/**
 * A folder without an owner file (made by a version before the file, or caught between mkdtemp and the write) is
 * removed only when it is this old, holds nothing but a socket, and the socket refuses connections.
 */
export const UNOWNED_AGE_MS = 6 * 60 * 60 * 1000;
/** How long a connection to a socket may take to be refused before the folder is kept as in use. */
const CONNECT_TIMEOUT_MS = 1_000;
const MAX_OWNER_BYTES = 256;

interface Owner {
  pid: number;
  /** /proc/<pid>/stat's start time (clock ticks since boot): a pid reused by a later process has another. */
  start?: string;
  /** /proc/self/ns/pid: pids are only comparable inside one namespace (containers may share /tmp). */
  namespace?: string;
}

/** A fresh 0700 folder (mkdtemp) under `dir`, its owner file written before anything else goes in. */
export function ownedTempFolder(prefix: string, dir = os.tmpdir()): string {
  const folder = fs.mkdtempSync(path.join(dir, prefix));
  try {
    fs.writeFileSync(path.join(folder, OWNER_FILE), formatOwner(thisProcess()), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return folder;
}

export interface SweepOptions {
  /** Default: the system's temporary folder. */
  dir?: string;
  prefixes?: readonly string[];
  now?: number;
  log?: (line: string) => void;
}

/**
 * Removes the folders under `dir` with one of our prefixes that are provably ours and dead: a directory (not a link),
 * owned by this user, whose owner file names a process that is gone (or a pid since reused by another process), or
 * an old unowned folder holding only a socket nobody serves; in both cases a socket in it must refuse connections.
 * Anything else is kept. Never throws: what cannot be checked or removed is logged and kept.
 * Returns the folders removed.
 */
export async function sweepStaleTempFolders(o: SweepOptions = {}): Promise<string[]> {
  const dir = o.dir ?? os.tmpdir();
  const prefixes = o.prefixes ?? [ENDPOINT_PREFIX, VERIFY_PREFIX];
  const now = o.now ?? Date.now();
  const log = o.log ?? (() => undefined);
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => prefixes.some((prefix) => name.startsWith(prefix)));
  } catch (error) {
    log(`Could not look for stale temporary folders in ${dir}: ${message(error)}`);
    return removed;
  }
  for (const name of names) {
    const folder = path.join(dir, name);
    try {
      const reason = await staleReason(folder, now);
      if (reason === undefined) continue;
      fs.rmSync(folder, { recursive: true, force: true });
      removed.push(folder);
      log(`Removed ${folder}, left behind by ${reason}`);
    } catch (error) {
      log(`Could not check or remove ${folder}: ${message(error)}`);
    }
  }
  return removed;
}

/** Why the folder is stale, or undefined to keep it. */
async function staleReason(folder: string, now: number): Promise<string | undefined> {
  const stat = fs.lstatSync(folder);
  if (!stat.isDirectory()) return undefined; // a link, even to a directory, is not ours to follow
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) return undefined;
  const owner = readOwner(folder);
  let reason: string;
  if (owner) {
    if (!processGone(owner)) return undefined;
    reason = `a process that is gone (pid ${owner.pid})`;
  } else {
    if (now - stat.mtimeMs < UNOWNED_AGE_MS) return undefined;
    const entries = fs.readdirSync(folder);
    if (entries.some((entry) => entry !== SOCKET_NAME)) return undefined;
    if (entries.length > 0 && !fs.lstatSync(path.join(folder, SOCKET_NAME)).isSocket()) return undefined;
    reason = 'a process that is gone (its socket refuses connections)';
  }
  // Whatever the pid says, a socket that still answers is served by someone (say, a process in another container).
  if (await socketAnswers(path.join(folder, SOCKET_NAME))) return undefined;
  return reason;
}

function processGone(owner: Owner): boolean {
  // Another namespace's pid says nothing about the process here.
  if (owner.namespace !== undefined && owner.namespace !== pidNamespace()) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: alive, another user's; anything but ESRCH is no proof.
    return errorCode(error) === 'ESRCH';
  }
  const start = owner.start === undefined ? undefined : startTime(owner.pid);
  return start !== undefined && start !== owner.start;
}

/** False only when connecting is refused or there is no socket: any other outcome keeps the folder. */
function socketAnswers(socketPath: string): Promise<boolean> {
  if (!isSocket(socketPath)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const socket = net.connect({ path: socketPath });
    const done = (answers: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answers);
    };
    const timer = setTimeout(() => done(true), CONNECT_TIMEOUT_MS);
    socket.once('connect', () => done(true));
    socket.once('error', (error) => done(!['ECONNREFUSED', 'ENOENT'].includes(errorCode(error) ?? '')));
  });
}

function isSocket(file: string): boolean {
  try {
    return fs.lstatSync(file).isSocket();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

function thisProcess(): Owner {
  const start = startTime(process.pid);
  const namespace = pidNamespace();
  return { pid: process.pid, ...(start === undefined ? {} : { start }), ...(namespace === undefined ? {} : { namespace }) };
}

function formatOwner(owner: Owner): string {
  return `${owner.pid}\n${owner.start ?? ''}\n${owner.namespace ?? ''}\n`;
}

/** The owner file, read without following a link; undefined when it is missing, not a plain file, or not ours. */
function readOwner(folder: string): Owner | undefined {
  let fd: number;
  try {
    // No link followed; a FIFO in its place must not block the open.
    fd = fs.openSync(path.join(folder, OWNER_FILE), fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if (['ENOENT', 'ELOOP'].includes(errorCode(error) ?? '')) return undefined;
    throw error;
  }
  try {
    if (!fs.fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(MAX_OWNER_BYTES);
    const text = buffer.subarray(0, fs.readSync(fd, buffer, 0, MAX_OWNER_BYTES, 0)).toString('utf8');
    const [pid = '', start = '', namespace = ''] = text.split('\n');
    if (!/^[1-9]\d{0,9}$/.test(pid)) return undefined;
    return { pid: Number(pid), ...(start ? { start } : {}), ...(namespace ? { namespace } : {}) };
  } finally {
    fs.closeSync(fd);
  }
}

/** Field 22 of /proc/<pid>/stat, counted after the command name (which may hold spaces and parentheses). */
function startTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

let ownNamespace: string | null | undefined;
function pidNamespace(): string | undefined {
  if (ownNamespace === undefined) {
    try {
      ownNamespace = fs.readlinkSync('/proc/self/ns/pid');
    } catch {
      ownNamespace = null;
    }
  }
  return ownNamespace ?? undefined;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error ? String(error.code) : undefined;
}
