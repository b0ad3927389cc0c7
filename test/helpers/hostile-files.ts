// A project on disk whose versions/ folder holds what a hostile (or unlucky) repository can: links to /dev/zero,
// /dev/urandom and /dev/stdin, a FIFO, a link out of the project, a dangling link and a link loop, beside a
// two-revision history. Works as root (nothing relies on permissions).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface HostileProject {
  /** Holds `project/` and `outside/`; remove it when done. */
  base: string;
  root: string;
  versions: string;
  /** The regular file `versions/outside.py` links to: it declares 0001 again, so reading it would show. */
  outsideFile: string;
}

export function revision(id: string, down: string | null): string {
  return [
    `"""${id}"""`,
    'from alembic import op',
    '',
    `revision = "${id}"`,
    `down_revision = ${down === null ? 'None' : `"${down}"`}`,
    '',
    'def upgrade():',
    // A table of its own: a downgrade dropping one an earlier revision made would be a finding.
    `    op.execute("CREATE TABLE IF NOT EXISTS t_${id} (id int)")`,
    '',
    'def downgrade():',
    `    op.execute("DROP TABLE IF EXISTS t_${id}")`,
    '',
  ].join('\n');
}

/** Which of the kinds to put in versions/ (all by default). */
export type HostileKind = 'zero' | 'urandom' | 'stdin' | 'fifo' | 'outside' | 'dangling' | 'loop';

export function makeHostileProject(kinds: readonly HostileKind[] = ['zero', 'urandom', 'stdin', 'fifo', 'outside', 'dangling', 'loop']): HostileProject {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-hostile-')));
  const root = path.join(base, 'project');
  const versions = path.join(root, 'migrations', 'versions');
  const outsideFile = path.join(base, 'outside', 'secret.py');
  fs.mkdirSync(versions, { recursive: true });
  fs.mkdirSync(path.dirname(outsideFile));
  fs.writeFileSync(path.join(root, 'alembic.ini'), '[alembic]\nscript_location = %(here)s/migrations\n');
  fs.writeFileSync(path.join(versions, '0001_a.py'), revision('0001', null));
  fs.writeFileSync(path.join(versions, '0002_b.py'), revision('0002', '0001'));
  fs.writeFileSync(outsideFile, revision('0001', null));
  const at = (name: string): string => path.join(versions, name);
  for (const kind of kinds) {
    if (kind === 'zero') fs.symlinkSync('/dev/zero', at('zero.py'));
    if (kind === 'urandom') fs.symlinkSync('/dev/urandom', at('urandom.py'));
    if (kind === 'stdin') fs.symlinkSync('/dev/stdin', at('stdin.py'));
    if (kind === 'fifo') execFileSync('mkfifo', [at('fifo.py')]);
    if (kind === 'outside') fs.symlinkSync(outsideFile, at('outside.py'));
    if (kind === 'dangling') fs.symlinkSync('gone.py', at('dangling.py'));
    if (kind === 'loop') {
      fs.symlinkSync('loop_b.py', at('loop_a.py'));
      fs.symlinkSync('loop_a.py', at('loop_b.py'));
    }
  }
  return { base, root, versions, outsideFile };
}
