// The embedded database's password: generated once per workspace, kept in the database's own folder
// (<workspace>/.alembic/password, mode 0600, ignored by git like the rest of .alembic/). The folder is the
// choice over SecretStorage because the database's child process, which checks the password, reads it
// there without the extension host, and it lives and dies with the data it protects.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const FILE_NAME = 'password';
const OWNER_ONLY = 0o600;

export function passwordFile(folder: string): string {
  return path.join(folder, FILE_NAME);
}

/** The workspace's password, created on first use; a file others can read is made owner-only again. */
export function embeddedPassword(folder: string, platform: NodeJS.Platform = process.platform): string {
  const file = passwordFile(folder);
  // 32 hex characters: URL-safe, so it travels in DATABASE_URL as it is.
  const fresh = randomBytes(16).toString('hex');
  try {
    fs.writeFileSync(file, `${fresh}\n`, { mode: OWNER_ONLY, flag: 'wx' });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, OWNER_ONLY);
  const stored = fs.readFileSync(file, 'utf8').trim();
  if (/^[0-9a-f]{32}$/.test(stored)) return stored;
  // Edited or truncated: a new one (the database's clients all get theirs from us).
  fs.writeFileSync(file, `${fresh}\n`, { mode: OWNER_ONLY });
  return fresh;
}
