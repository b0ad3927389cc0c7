// The `revision` action of Create Revision, decided from the files on disk at run time: the graph the server
// sent may be seconds old (a revision created from a terminal, or by the previous run, is not in it yet), and an
// id taken from it can be one that exists, which leaves Alembic with a self-loop it cannot load.
import * as fs from 'node:fs';
import { commandGrammar, type MigrationAction, type MigrationCommand } from '../../../common/alembic-command';
import { listRevisionFiles } from './new-revision-files';
import { nextRevisionId } from './revision-id';

/** Revision ids sit at the top of a file; a file bigger than this is not read further. */
const HEAD_BYTES = 256 * 1024;
// `revision = "0001"`, `revision: str = '0001'`, at the start of a line (not inside the docstring's "Revision ID:").
const REVISION_ASSIGNMENT = /^revision\s*(?::\s*[\w.[\], ]+)?=\s*(?:u|U)?(["'])([^"'\n]+)\1/m;

/** The ids the revision files in `folders` declare, sorted; files that cannot be read or are not regular are skipped. */
export function revisionIdsOnDisk(folders: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const file of listRevisionFiles(folders)) {
    const id = declaredRevision(file);
    if (id !== undefined) ids.add(id);
  }
  return [...ids].sort();
}

function declaredRevision(file: string): string | undefined {
  let fd: number | undefined;
  try {
    // Regular files only: a FIFO or a device would block or never end.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    if (!fs.fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(HEAD_BYTES);
    const length = fs.readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return REVISION_ASSIGNMENT.exec(buffer.subarray(0, length).toString('utf8'))?.[2];
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Alembic's own CLI gets `--rev-id` with the next sequential id when the project numbers its revisions, counted
 * from every id a file declares now (so it names no existing revision). migrate.py numbers its own, from disk too.
 * Call it holding the project's run ticket (run-lock.ts): then no other run of ours writes a file before this one.
 */
export function revisionAction(command: MigrationCommand, folders: readonly string[], message: string): MigrationAction & { kind: 'revision' } {
  if (commandGrammar(command) !== 'alembic') return { kind: 'revision', message };
  const revId = nextRevisionId(revisionIdsOnDisk(folders));
  return revId === undefined ? { kind: 'revision', message } : { kind: 'revision', message, revId };
}
