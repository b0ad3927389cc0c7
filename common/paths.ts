// Whether a path lies inside a folder: script locations, workspace folders, excluded files and the client's
// projects all ask it.
import * as path from 'node:path';

/** The folder itself counts; `/a/bc` is not inside `/a/b`, nor is `/a/b/../c`. Both paths absolute. */
export function isWithin(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!path.isAbsolute(relative) && relative !== '..' && !relative.startsWith(`..${path.sep}`));
}
