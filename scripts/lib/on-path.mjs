// Where a bare command name is found on PATH, as the shell would find it.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The first executable file `name` on PATH; undefined when none.
 * @param {string} name
 */
export function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // Not here.
    }
  }
  return undefined;
}
