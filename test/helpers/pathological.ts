// Migration files that once broke the checker: SQL nested deeper than PostgreSQL's parser can take, revision
// graphs whose problems list every revision. Written to a temporary folder by the CLI and server tests.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** `SELECT 1+1+...` with 10,000 terms (20 KB): overflowed the parser's stack and left it broken. */
export function deepSelect(seed: number): string {
  return `SELECT ${seed}${'+1'.repeat(9_999)}`;
}

export function migration(revision: string, downRevision: string | null, upgradeBody: string[], downgradeBody = ['op.execute("SELECT 1")']): string {
  return [
    'from alembic import op',
    '',
    `revision = "${revision}"`,
    `down_revision = ${downRevision === null ? 'None' : `"${downRevision}"`}`,
    '',
    '',
    'def upgrade() -> None:',
    ...upgradeBody.map((line) => `    ${line}`),
    '',
    '',
    'def downgrade() -> None:',
    ...downgradeBody.map((line) => `    ${line}`),
    '',
  ].join('\n');
}

/** 0001 runs `deep` deep statements; 0002 (its child) holds `SELEC 1`, which must still be reported. */
export function deepSqlFiles(deep: number): Record<string, string> {
  const statements = Array.from({ length: deep }, (_, i) => `op.execute("${deepSelect(i)}")`);
  return {
    'versions/0001_deep.py': migration('0001', null, statements),
    'versions/0002_typo.py': migration('0002', '0001', ['op.execute("SELEC 1")']),
  };
}

/** A folder in the system's temporary directory holding `files` (paths relative to it). */
export function writeProject(prefix: string, files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

/** `count` revisions in one cycle: r0 <- r1 <- ... <- r(count-1) <- r0. */
export function cycleFiles(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`versions/r${i}.py`] = revisionOnly(`r${i}`, `r${(i + count - 1) % count}`);
  return files;
}

/** One base and `count` heads, each a child of the base. */
export function headsFiles(count: number): Record<string, string> {
  const files: Record<string, string> = { 'versions/base.py': revisionOnly('base', null) };
  for (let i = 0; i < count; i++) files[`versions/h${i}.py`] = revisionOnly(`h${i}`, 'base');
  return files;
}

/** A migration that declares its ids and does nothing (so only the graph rules have something to say). */
function revisionOnly(revision: string, downRevision: string | null): string {
  return migration(revision, downRevision, ['pass']).replace('op.execute("SELECT 1")', 'pass');
}
