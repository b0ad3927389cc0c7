// Reads and parses the files of a cold load in worker threads (parse-worker-main.ts), so that a large workspace is
// parsed on every core rather than one: the parsers are WASM and synchronous, and parsing is most of a cold load.
// The workspace takes what comes back as if it had parsed it itself (Workspace.loading's `parsed`); a file that
// does not come back (a worker that threw or died) is parsed in-process there, with the same result.
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { readMigration, type ParsedFiles, type ReadMigration, type ReadRequest } from '../../core/migration/read-migration';
import { NodeFileSystem } from '../node-fs';
import type { ParseBatch, ParsedBatch } from './parse-protocol';

/**
 * Below this many files everything is parsed in-process: a worker's start, its own compile of the parsers' WASM
 * (about 0.3 s; the bench prints it) and the WASM's tier-up in each thread cost more than the worker saves. Measured
 * on a busy 2-core machine (parse phase, median of 3): 400 files took 1.9 s of CPU in-process and 2.0-2.2 s with
 * workers, in the same wall time; 100-200 files 0.3-0.4 s of CPU more with workers and longer.
 */
export const PARALLEL_MIN_FILES = 400;

/** More threads than this gain little: the main thread still builds the graph and lints, and each worker holds its own parsers. */
const MAX_WORKERS = 4;

/**
 * On fewer cores no worker starts by default. On 2 cores V8's own helper threads (GC, WASM tier-up) already keep
 * the second core about a third busy during an in-process parse, and one worker measured no faster there (language
 * server, 5,000 files, 3 runs each on a busy 2-core VM: first diagnostics 16.2-19.2 s with a worker, 13.3-17.1 s
 * without; CPU +2-3 s for the worker's own WASM compile, the clone and more GC; RSS +10-40 MB after the load).
 */
const MIN_CORES = 3;

/** Files per message: small enough to share the work out evenly, large enough that messages cost nothing. */
const BATCH_FILES = 40;

/** Batches a worker holds at once, so that it never waits for the main thread to hand it the next one. */
const BATCHES_IN_FLIGHT = 2;

export interface ParseAheadOptions {
  /** Worker threads to start; default: one per core beyond the main thread's, at most MAX_WORKERS, none below MIN_CORES cores. */
  workers?: number;
  /** Parse in-process below this many files (default PARALLEL_MIN_FILES). */
  minFiles?: number;
  /**
   * The main thread parses batches too, a batch (tens of milliseconds) between the workers' messages and any other
   * (default true): one thread fewer to start, and to hold memory while it runs.
   */
  mainThread?: boolean;
  /** Files parsed so far, of all, as batches come back. */
  onProgress?: (done: number, total: number) => void;
  /** The worker's script (tests give one that fails); default: parse-worker-main.js next to this module or bundle. */
  entry?: string;
}

export interface ParsedAhead {
  /** What was parsed; a file it lacks the workspace parses in-process. */
  files: ParsedFiles;
  /** Worker threads started (0: below the threshold, everything is left to the workspace). */
  workers: number;
  /** Of `files`, those the main thread parsed (its share between the workers' messages). */
  inMainThread: number;
  /** What went wrong with a worker, for the log: its files were left to the in-process parse. */
  problems: string[];
}

/**
 * Reads and parses the files in worker threads, and terminates them before it resolves (they hold their own copy
 * of the parsers: a server that kept them would keep their memory). Never rejects: what a worker could not do is
 * simply not in the result.
 */
export async function parseAhead(requests: readonly ReadRequest[], options: ParseAheadOptions = {}): Promise<ParsedAhead> {
  const files = new Map<string, ReadMigration>();
  const batches: ParseBatch[] = [];
  for (let i = 0; i < requests.length; i += BATCH_FILES) batches.push({ batch: batches.length, requests: requests.slice(i, i + BATCH_FILES) });
  const mainThread = options.mainThread ?? true;
  const count = requests.length < (options.minFiles ?? PARALLEL_MIN_FILES) ? 0 : Math.min(options.workers ?? defaultWorkers(mainThread), batches.length);
  if (count <= 0) return { files, workers: 0, inMainThread: 0, problems: [] };

  let next = 0;
  const take = (): ParseBatch | undefined => batches[next++];
  let done = 0;
  const record = (results: Iterable<[string, ReadMigration]>): void => {
    for (const [file, read] of results) {
      files.set(file, read);
      done++;
    }
    options.onProgress?.(done, requests.length);
  };
  const entry = options.entry ?? path.join(__dirname, 'parse-worker-main.js');
  const workers = Array.from({ length: count }, () => runWorker(entry, take, (parsed) => record(parsed.results)));
  let inMainThread = 0;
  if (mainThread) {
    const fs = new NodeFileSystem();
    for (let batch = take(); batch; batch = take()) {
      const results = batch.requests.flatMap((request) => parsedInProcess(fs, request));
      inMainThread += results.length;
      record(results);
      // The workers' answers arrive between batches: each is handed its next batch before it runs dry.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const problems = (await Promise.all(workers)).flatMap((problem) => problem ?? []);
  return { files, workers: count, inMainThread, problems };
}

function defaultWorkers(mainThread: boolean): number {
  const cores = os.availableParallelism();
  return cores < MIN_CORES ? 0 : Math.min(MAX_WORKERS, cores - (mainThread ? 1 : 0));
}

/** A file that throws here is left out: the workspace parses it again and gets the same exception, where it belongs. */
function parsedInProcess(fs: NodeFileSystem, request: ReadRequest): [string, ReadMigration][] {
  try {
    return [[request.path, readMigration(fs, request)]];
  } catch {
    return [];
  }
}

/**
 * One worker, fed batches from `take` until there are none; resolves once it is terminated, with what went wrong
 * if anything did (its batches in flight are then left to the in-process parse).
 */
function runWorker(entry: string, take: () => ParseBatch | undefined, parsed: (batch: ParsedBatch) => void): Promise<string | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      // Its own stdout: the language server's stdout is the LSP channel, where a stray line would break the protocol.
      worker = new Worker(entry, { stdout: true, stderr: true });
    } catch (error) {
      return resolve(`a parse worker could not start (${error instanceof Error ? error.message : String(error)})`);
    }
    worker.stdout.resume();
    worker.stderr.resume();
    const inFlight = new Map<number, number>();
    const send = (): void => {
      const batch = take();
      if (!batch) return;
      inFlight.set(batch.batch, batch.requests.length);
      worker.postMessage(batch);
    };
    let ended = false;
    const end = (problem?: string): void => {
      if (ended) return;
      ended = true;
      const lost = [...inFlight.values()].reduce((sum, n) => sum + n, 0);
      const message = problem === undefined ? undefined : `a parse worker ${problem}: its ${lost} files were parsed in-process`;
      worker.terminate().then(
        () => resolve(message),
        () => resolve(message),
      );
    };
    worker.on('message', (batch: ParsedBatch) => {
      if (ended) return;
      inFlight.delete(batch.batch);
      parsed(batch);
      send();
      if (inFlight.size === 0) end();
    });
    worker.on('error', (error) => end(`failed (${error.message})`));
    worker.on('exit', (code) => end(`exited (code ${code})`));
    for (let i = 0; i < BATCHES_IN_FLIGHT; i++) send();
    if (inFlight.size === 0) end();
  });
}
