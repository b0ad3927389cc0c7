// A worker thread of the parse pool (bundled as dist/parse-worker-main.js): loads the WASM parsers once, then reads
// and parses each batch of files it is sent with the same code the workspace runs in-process (readMigration over
// NodeFileSystem), and sends back the MigrationFiles.
import { parentPort } from 'node:worker_threads';
import { readMigration, type ReadMigration } from '../../core/migration/read-migration';
import { NodeFileSystem } from '../node-fs';
import { initParsers } from '../parsers';
import type { ParseBatch, ParsedBatch } from './parse-protocol';

const port = parentPort;
if (!port) throw new Error('parse-worker-main.js runs as a worker thread of the parse pool');
// A failed load rejects every batch's await: the uncaught error ends the worker, and the pool parses its files
// in-process.
const parsers = initParsers();
const fs = new NodeFileSystem();

port.on('message', async ({ batch, requests }: ParseBatch) => {
  await parsers;
  const results: [string, ReadMigration][] = [];
  const failed: string[] = [];
  for (const request of requests) {
    try {
      results.push([request.path, readMigration(fs, request)]);
    } catch {
      failed.push(request.path);
    }
  }
  const message: ParsedBatch = { batch, results, failed };
  port.postMessage(message);
});
