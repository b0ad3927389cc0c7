// What the parse pool (parse-pool.ts) and its worker threads (parse-worker-main.ts) send each other: one batch of
// files to read and parse, and what was made of them, as plain data (structured clone).
import type { ReadMigration, ReadRequest } from '../../core/migration/read-migration';

/** Pool -> worker. */
export interface ParseBatch {
  batch: number;
  requests: ReadRequest[];
}

/**
 * Worker -> pool: the batch's files by path. A file the worker could not read or parse without throwing is left out
 * (`failed` names it): the workspace reads it in-process, where it gets the same answer or the same exception.
 */
export interface ParsedBatch {
  batch: number;
  results: [string, ReadMigration][];
  failed: string[];
}
