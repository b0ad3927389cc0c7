// A migration file on disk -> MigrationFile: the text the FileSystem returns (or why it returns none or only the
// head) made into what the workspace keeps. One function for the workspace's own reads and for a host that reads
// and parses files ahead of a load in other threads, so that both make the same of every file.
import type { FileSystem } from '../fs';
import type { MigrationFile } from '../types';
import { migrationFromHead, parseMigration, unreadableMigration } from './parse-migration';

/** A file a load reads. */
export interface ReadRequest {
  path: string;
  /** In a version folder (Alembic loads it): a file that cannot be read whole still counts, and is reported. */
  loaded: boolean;
}

/**
 * What reading a file made of it; undefined: nothing to keep (the file is gone, or cannot be read and is not in a
 * version folder). `whole`: false when nothing or only the head of the file could be read.
 */
export type ReadMigration = { file: MigrationFile; whole: boolean } | undefined;

/** Files a host read and parsed ahead of a load, by path (plain data: it may come from another thread). */
export type ParsedFiles = ReadonlyMap<string, ReadMigration>;

export function readMigration(fs: FileSystem, { path, loaded }: ReadRequest): ReadMigration {
  const text = fs.readFile(path);
  const problem = fs.readProblem?.(path);
  if (text === undefined) return problem && loaded ? { file: unreadableMigration(path, problem.message), whole: false } : undefined;
  if (problem?.kind === 'too-large') return { file: migrationFromHead(path, text, problem.message, loaded), whole: false };
  const file = parseMigration(path, text);
  const encodingProblem = fs.encodingProblem?.(path);
  if (encodingProblem) {
    const at = Math.min(encodingProblem.offset, text.length);
    file.pythonErrors.unshift({ message: encodingProblem.message, range: { start: at, end: Math.min(at + 1, text.length) } });
  }
  return { file, whole: true };
}
