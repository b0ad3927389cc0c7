// Whether a path lies inside a folder: script locations, workspace folders, excluded files and the client's
// projects all ask it.
import * as path from 'node:path';

/** The folder itself counts; `/a/bc` is not inside `/a/b`, nor is `/a/b/../c`. Both paths absolute. */
export function isWithin(child: string, parent: string): boolean {
  // Asked for every file of a cold index, several times: normalized POSIX paths are compared as strings (what
  // path.relative would find, without resolving both).
  if (path.sep === '/' && isNormalizedPosix(child) && isNormalizedPosix(parent)) {
    return child === parent || parent === '/' || (child.startsWith(parent) && child.charCodeAt(parent.length) === SLASH);
  }
  const relative = path.relative(parent, child);
  return relative === '' || (!path.isAbsolute(relative) && relative !== '..' && !relative.startsWith(`..${path.sep}`));
}

const SLASH = 0x2f;

/** Absolute, no empty, `.` or `..` segment, no trailing separator (but the root itself). */
function isNormalizedPosix(p: string): boolean {
  if (p.charCodeAt(0) !== SLASH) return false;
  if (p.length === 1) return true;
  return !p.endsWith('/') && !p.includes('//') && !p.includes('/./') && !p.includes('/../') && !p.endsWith('/.') && !p.endsWith('/..');
}
