// Starts the embedded development database in a child process of its own (embedded-db-main.ts) and hands
// back where it listens. The child stops PGlite cleanly when asked, and by itself when this process goes away.
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { EmbeddedDatabaseLockedError } from './embedded-lock';
import type { ChildMessage, ParentMessage } from './embedded-protocol';
import type { EmbeddedDatabase, EmbeddedDatabaseOptions } from './embedded-server';

export { EMBEDDED_HOST, embeddedFolder } from './embedded-protocol';
export type { EmbeddedDatabase, EmbeddedDatabaseOptions } from './embedded-server';

/** A cold start compiles 9 MB of WASM and runs initdb: seconds on a slow machine, never a minute. */
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/** The child's entry has one name everywhere: bundled as dist/embedded-db-main.js, compiled next to this module in tests. */
function childEntry(): string {
  return path.join(__dirname, 'embedded-db-main.js');
}

export function startEmbeddedDatabase(o: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const log = o.log ?? (() => undefined);
  const args = [o.workspaceDir, ...(o.port === undefined ? [] : [String(o.port)])];
  // fork: IPC for the protocol, and inside VS Code it runs Node rather than the editor's own executable.
  // NODE_TEST_CONTEXT would make a child of node's test runner report to it instead of running.
  const { NODE_TEST_CONTEXT: _testContext, ...env } = process.env;
  const child = fork(childEntry(), args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [], env });
  forwardOutput(child, log);
  return new Promise<EmbeddedDatabase>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`The embedded database did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    child.on('error', (error) => fail(error));
    child.on('exit', (code, signal) => fail(new Error(`The embedded database process exited before it was ready (${signal ?? `code ${code}`})`)));
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'log') log(message.line);
      else if (message.type === 'failed') {
        fail(message.locked ? new EmbeddedDatabaseLockedError(message.locked.pid, message.locked.lockFile) : new Error(message.message));
      } else if (message.type === 'ready') {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        const exited = new Promise<void>((done) => (child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done())));
        const { url, port, dataDir, pid, clientEnv } = message;
        resolve({ url, port, dataDir, pid, clientEnv, exited, stop: once(() => stopChild(child)) });
      }
    });
  });
}

function forwardOutput(child: ChildProcess, log: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (text: string) => text.split(/\r?\n/).filter(Boolean).forEach(log));
  }
}

/** Asks the child to stop (it flushes and closes PGlite), and kills it only if it does not exit in time. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
    else child.kill('SIGTERM');
  });
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
