// Which file `revision` / `merge` just wrote, so the client can open it: the files that appeared in the versions
// folders (the runner also reports the paths Alembic prints; this catches CLIs that print nothing).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isRevisionFileName } from '../../../common/revision-files';
import type { GraphLocation } from '../../../protocol';

/** Files in `after` that were not in `before`, sorted. */
export function addedFiles(before: readonly string[], after: readonly string[]): string[] {
  const old = new Set(before);
  return after.filter((file) => !old.has(file)).sort();
}

/** The folders that hold revision files: where a new revision appears after `revision`. */
export function versionFolders(location: GraphLocation): string[] {
  const folders = new Set(location.revisions.map((r) => path.dirname(r.file)));
  if (folders.size === 0) folders.add(path.join(location.path, 'versions'));
  return [...folders].sort();
}

/** The revision files directly in the folders; a folder that cannot be read (not created yet) has none. */
export function listRevisionFiles(folders: readonly string[], readDir: (folder: string) => string[] = (folder) => fs.readdirSync(folder)): string[] {
  const files: string[] = [];
  for (const folder of folders) {
    let names: string[];
    try {
      names = readDir(folder);
    } catch {
      continue;
    }
    for (const name of names) if (isRevisionFileName(name)) files.push(path.join(folder, name));
  }
  return files;
}
