// The host's git reader on repositories the tests build: which base it picks, what it reads there (names with spaces
// and accents, bytes that are not UTF-8, files new since the base, links), and a problem, never an exception, when
// git cannot answer.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { decodePythonSource } from '../../../server/src/host/node-fs';
import { readBaseTexts, readProjectBase, repositoryRoot, resolveBase, type GitBase, type GitProblem } from '../../../server/src/host/git';
import { GIT_ENV, TestRepo } from '../../helpers/git-repo';
import { migration } from '../../helpers/pathological';

const VERSIONS = 'db migrations/versions';
const ACCENTED = `${VERSIONS}/0002_ajouté ü.py`;
const LATIN1 = `${VERSIONS}/0003_latin1.py`;

const op = (sql: string): string => `op.execute("${sql}")`;

let repo: TestRepo;
let mainCommit: string;
const savedEnv = { ...process.env };

function ok<T extends object>(value: T | GitProblem): T {
  if ('problem' in value) assert.fail(`git problem: ${value.problem}`);
  return value;
}

function problemOf(value: object): string {
  assert.ok('problem' in value, `expected a problem, got ${JSON.stringify(value)}`);
  return (value as GitProblem).problem;
}

before(() => {
  // The reader inherits the environment: no user configuration, as on a fresh machine.
  Object.assign(process.env, GIT_ENV);
  repo = TestRepo.create('alembic-lint-git');
  repo.write(`${VERSIONS}/0001_first.py`, migration('0001', null, [op('CREATE TABLE IF NOT EXISTS a (id INT)')]));
  repo.write(ACCENTED, migration('0002', '0001', [op('CREATE TABLE IF NOT EXISTS b (id INT)')]));
  repo.write(LATIN1, Buffer.concat([Buffer.from(migration('0003', '0002', [op('SELECT 1')])), Buffer.from([0x23, 0x20, 0xe9, 0xff, 0x0a])]));
  fs.symlinkSync('0001_first.py', path.join(repo.dir, VERSIONS, 'link.py'));
  mainCommit = repo.commitAll('main');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.edit(ACCENTED, 'TABLE IF NOT EXISTS b', 'TABLE IF NOT EXISTS bb');
  repo.commitAll('edit 0002');
  // main moves on after the branch started: that is not the branch's change.
  repo.git('checkout', '-q', 'main');
  repo.write(`${VERSIONS}/0004_later.py`, migration('0004', '0003', [op('SELECT 4')]));
  repo.commitAll('later on main');
  repo.git('checkout', '-q', 'feature');
});

after(() => {
  repo.remove();
  for (const key of Object.keys(GIT_ENV)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

test('the repository root, from a folder inside it', () => {
  assert.equal(repositoryRoot(path.join(repo.dir, VERSIONS)), fs.realpathSync(repo.dir));
});

test('an explicit ref: its merge base with HEAD, not its tip', () => {
  const base = ok(resolveBase(path.join(repo.dir, VERSIONS), 'main'));
  assert.deepEqual(base, { root: fs.realpathSync(repo.dir), commit: mainCommit, ref: 'main' });
});

test('without a ref: the upstream, else origin/HEAD, else main', () => {
  assert.equal(ok(resolveBase(repo.dir)).ref, 'main');
  repo.git('update-ref', 'refs/remotes/origin/trunk', mainCommit);
  repo.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk');
  assert.equal(ok(resolveBase(repo.dir)).ref, 'origin/trunk');
  repo.git('config', 'branch.feature.remote', '.');
  repo.git('config', 'branch.feature.merge', 'refs/heads/main');
  try {
    assert.equal(ok(resolveBase(repo.dir)).ref, 'main');
  } finally {
    repo.git('config', '--unset', 'branch.feature.remote');
    repo.git('config', '--unset', 'branch.feature.merge');
    repo.git('symbolic-ref', '--delete', 'refs/remotes/origin/HEAD');
  }
});

test('the base texts: one per file, null for a file new since the base, none for what cannot be compared', () => {
  const base = ok(resolveBase(repo.dir, 'main'));
  const dir = path.join(repo.dir, VERSIONS);
  const files = ['0001_first.py', '0002_ajouté ü.py', '0003_latin1.py', 'link.py', '0005_new.py'].map((name) => path.join(dir, name));
  files.push(path.join(os.tmpdir(), 'elsewhere.py'));
  const texts = ok(readBaseTexts(base, files));
  assert.equal(texts.get(files[0]!), migration('0001', null, [op('CREATE TABLE IF NOT EXISTS a (id INT)')]));
  // The base's text, not the branch's edit; a name with a space and accents.
  assert.match(texts.get(files[1]!) ?? '', /TABLE IF NOT EXISTS b \(/);
  // Bytes that are not UTF-8 are decoded as the file on disk is, never a crash.
  assert.equal(texts.get(files[2]!), decodePythonSource(fs.readFileSync(files[2]!)).text);
  assert.equal(texts.has(files[3]!), false, 'a symbolic link is not compared');
  assert.equal(texts.get(files[4]!), null, 'new since the base');
  assert.equal(texts.has(files[5]!), false, 'outside the repository');
});

test('readProjectBase: the texts and a description of the base for --verbose', () => {
  const file = path.join(repo.dir, ACCENTED);
  const result = ok(readProjectBase(repo.dir, [file], undefined));
  assert.equal(result.base.ref, 'main');
  assert.match(result.base.texts.get(file) ?? '', /TABLE IF NOT EXISTS b \(/);
  assert.equal(result.description, `main (merge base ${mainCommit.slice(0, 12)} with HEAD)`);
});

test('problems, not exceptions: a ref that does not exist, an option for a ref, not a repository, no git', () => {
  assert.match(problemOf(resolveBase(repo.dir, 'no-such-branch')), /^"no-such-branch" is not a commit in this repository/);
  assert.match(problemOf(resolveBase(repo.dir, '--output=/tmp/x')), /is not a git ref/);
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-lint-nogit-'));
  try {
    assert.match(problemOf(resolveBase(outside)), /not a git repository/);
  } finally {
    fs.rmSync(outside, { recursive: true, force: true });
  }
  const pathBefore = process.env['PATH'];
  process.env['PATH'] = path.join(os.tmpdir(), 'no-git-here');
  try {
    assert.equal(problemOf(resolveBase(repo.dir, 'main')), 'git is not installed (no git on PATH)');
  } finally {
    process.env['PATH'] = pathBefore;
  }
});

test('a shallow clone without the merge base: a problem that says to fetch the history', () => {
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-lint-shallow-'));
  try {
    const shallow = new TestRepo(clone);
    shallow.git('clone', '-q', '--depth', '1', '--no-single-branch', '--branch', 'feature', `file://${repo.dir}`, '.');
    assert.match(problemOf(resolveBase(clone, 'origin/main')), /^no common ancestor of origin\/main and HEAD in this shallow clone \(fetch the whole history: fetch-depth: 0\)$/);
  } finally {
    fs.rmSync(clone, { recursive: true, force: true });
  }
});

test('no base when nothing names one: a repository with no upstream, origin/HEAD, main or master', () => {
  const other = TestRepo.create('alembic-lint-nobase');
  try {
    other.git('checkout', '-q', '-b', 'trunk');
    other.write('a.py', 'x = 1\n');
    other.commitAll('one');
    assert.match(problemOf(resolveBase(other.dir)), /^no base found: /);
    const base: GitBase = ok(resolveBase(other.dir, 'trunk'));
    assert.deepEqual(ok(readBaseTexts(base, [path.join(other.dir, 'a.py')])), new Map([[path.join(other.dir, 'a.py'), 'x = 1\n']]));
  } finally {
    other.remove();
  }
});
