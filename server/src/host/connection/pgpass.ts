// libpq's password file: where it lives, when libpq refuses to read it, and how a line matches.
// Format: hostname:port:database:username:password, `*` matches anything, `\:` and `\\` escape.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PgpassTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

/** The file libpq reads: PGPASSFILE, else ~/.pgpass (%APPDATA%\postgresql\pgpass.conf on Windows). */
export function pgpassPath(env: Readonly<Record<string, string | undefined>>, home: string | undefined, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env.PGPASSFILE) return env.PGPASSFILE;
  if (platform === 'win32') return env.APPDATA ? path.win32.join(env.APPDATA, 'postgresql', 'pgpass.conf') : undefined;
  return home ? path.posix.join(home, '.pgpass') : undefined;
}

/**
 * Why libpq would ignore a password file with this mode (it warns and skips it), or undefined when it is fine.
 * Windows has no such check.
 */
export function pgpassModeProblem(file: string, mode: number, platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform === 'win32') return undefined;
  if ((mode & fs.constants.S_IFMT) !== fs.constants.S_IFREG) return `password file "${file}" is not a plain file`;
  if (mode & 0o077) {
    return `password file "${file}" has group or world access; permissions should be u=rw (0600) or less (libpq ignores it: chmod 600 "${file}")`;
  }
  return undefined;
}

/** Reads the password file the way libpq does: absent is fine, too-open permissions mean ignored with a warning. */
export function readPgpass(file: string, platform: NodeJS.Platform = process.platform): { text?: string; warning?: string } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return {};
  }
  const problem = pgpassModeProblem(file, stat.mode, platform);
  if (problem) return { warning: problem };
  try {
    return { text: fs.readFileSync(file, 'utf8') };
  } catch (error) {
    return { warning: `cannot read password file "${file}": ${(error as Error).message}` };
  }
}

// libpq's compiled-in socket directory on Debian and most packages; a socket path other than this one is matched literally.
const DEFAULT_SOCKET_DIRS = ['/var/run/postgresql', '/run/postgresql', '/tmp'];

/** The password of the first line that matches, as libpq's passwordFromFile picks it. */
export function pgpassPassword(text: string, target: PgpassTarget): string | undefined {
  const host = target.host === '' || DEFAULT_SOCKET_DIRS.includes(target.host) ? 'localhost' : target.host;
  const wanted = [host, String(target.port), target.database, target.user];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const fields = splitLine(line);
    if (fields.length < 5) continue;
    if (wanted.every((value, index) => fields[index]?.wildcard || fields[index]?.value === value)) return fields[4]?.value;
  }
  return undefined;
}

interface Field {
  value: string;
  /** Only an unescaped `*` is a wildcard; `\*` is a literal star. */
  wildcard: boolean;
}

/** Splits on unescaped ':' into at most five fields (the password keeps its own colons) and unescapes. */
function splitLine(line: string): Field[] {
  const fields: Field[] = [];
  let value = '';
  let raw = '';
  const finish = (): void => {
    fields.push({ value, wildcard: raw === '*' });
    value = '';
    raw = '';
  };
  for (let i = 0; i < line.length; i++) {
    const char = line[i] ?? '';
    if (char === '\\' && i + 1 < line.length) {
      value += line[i + 1] ?? '';
      raw += char + (line[i + 1] ?? '');
      i++;
    } else if (char === ':' && fields.length < 4) {
      finish();
    } else {
      value += char;
      raw += char;
    }
  }
  finish();
  return fields;
}
