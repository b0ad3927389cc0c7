// Git repositories built by the tests in a temporary folder, with the real `git`: an identity, a default branch and
// no user or system configuration, so they work the same on a fresh machine and on a developer's.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The environment for every git (and alembic-lint) process of a test repository. */
export const GIT_ENV: NodeJS.ProcessEnv = {
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: os.devNull,
};

export class TestRepo {
  constructor(readonly dir: string) {}

  /** A new repository (branch main) in a fresh temporary folder. */
  static create(prefix: string): TestRepo {
    const repo = new TestRepo(fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`)));
    repo.git('-c', 'init.defaultBranch=main', 'init', '-q');
    return repo;
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  write(relative: string, text: string | Buffer): void {
    const file = path.join(this.dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }

  read(relative: string): string {
    return fs.readFileSync(path.join(this.dir, relative), 'utf8');
  }

  /** `from` replaced by `to` in a file; `from` must be there. */
  edit(relative: string, from: string, to: string): void {
    const text = this.read(relative);
    if (!text.includes(from)) throw new Error(`"${from}" is not in ${relative}`);
    this.write(relative, text.replace(from, to));
  }

  commitAll(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
