// `alembic-lint check` against a git base, on repositories the tests build with the real git: a project committed on
// main, a feature branch that edits it. applied-migration-modified, --base, --only-changed, --verbose, the same in
// pyproject.toml, and what happens when git cannot give a base.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { GIT_ENV, TestRepo } from '../../helpers/git-repo';
import { migration } from '../../helpers/pathological';
import { runCli, type CliResult, type JsonDiagnostic } from './run-cli';

// A folder name with a space and a file name with an accent: what git must hand back unquoted.
const PROJECT = 'back end';
const VERSIONS = `${PROJECT}/migrations/versions`;
const EDITED = `${VERSIONS}/0002_commandés.py`;
const RULE = 'applied-migration-modified';

/** A statement of an upgrade or a downgrade. */
const op = (sql: string): string => `op.execute("${sql}")`;

let repo: TestRepo;

before(() => {
  repo = TestRepo.create('alembic-lint-cli-base');
  repo.write(`${PROJECT}/alembic.ini`, '[alembic]\nscript_location = migrations\n');
  repo.write(`${PROJECT}/migrations/env.py`, 'from alembic import context\n');
  // 0001 carries a warning from the start (CREATE TABLE without IF NOT EXISTS): an old finding --only-changed hides.
  repo.write(`${VERSIONS}/0001_users.py`, migration('0001', null, [op('CREATE TABLE users (id INT)')], [op('DROP TABLE IF EXISTS users')]));
  repo.write(EDITED, migration('0002', '0001', [op('CREATE TABLE IF NOT EXISTS orders (id INT)')], [op('DROP TABLE IF EXISTS orders')]));
  repo.commitAll('the project');
});

after(() => repo.remove());

/** Each test starts on a feature branch fresh from main, with a clean working tree. */
beforeEach(() => {
  repo.git('checkout', '-q', '-f', '-B', 'feature', 'main');
  repo.git('clean', '-fdq');
});

function check(args: string[], cwd = repo.dir): Promise<CliResult> {
  return runCli(['check', ...args], { cwd, env: GIT_ENV });
}

async function checkJson(args: string[], cwd = repo.dir): Promise<{ result: CliResult; found: string[] }> {
  const result = await check([...args, '--format', 'json'], cwd);
  const diagnostics = (JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
  return { result, found: diagnostics.map((d) => `${path.basename(d.file)}:${d.line} ${d.rule}`).sort() };
}

const OLD_WARNING = '0001_users.py:8 require-if-not-exists';

function editCode(): void {
  repo.edit(EDITED, 'orders (id INT)', 'orders (id BIGINT)');
}

test('a committed migration whose code the branch changed: an error on the first difference, exit 1', async () => {
  editCode();
  repo.commitAll('widen orders.id');
  const { result, found } = await checkJson([PROJECT]);
  assert.deepEqual(found, [OLD_WARNING, `0002_commandés.py:8 ${RULE}`]);
  assert.equal(result.code, 1);
  assert.equal(result.stderr, '');
  const text = await check([PROJECT]);
  assert.match(text.stdout, /0002_commandés\.py:8:55: error applied-migration-modified Revision 0002 is already in main, and its code was changed/);
});

test('an edit not committed yet is reported the same', async () => {
  editCode();
  const { result, found } = await checkJson([PROJECT]);
  assert.deepEqual(found, [OLD_WARNING, `0002_commandés.py:8 ${RULE}`]);
  assert.equal(result.code, 1);
});

test('comments and docstrings may change, and a new migration is no edit', async () => {
  repo.edit(EDITED, 'def upgrade() -> None:\n', 'def upgrade() -> None:\n    """Orders, one row per checkout."""\n    # ids stay INT: see 0003\n');
  repo.edit(EDITED, 'from alembic import op\n', '"""Create the orders table."""\nfrom alembic import op\n');
  repo.write(`${VERSIONS}/0003_new.py`, migration('0003', '0002', [op('ALTER TABLE orders ADD COLUMN IF NOT EXISTS total INT')], [op('ALTER TABLE orders DROP COLUMN IF EXISTS total')]));
  repo.commitAll('comments and a new migration');
  const { result, found } = await checkJson([PROJECT]);
  assert.deepEqual(found, [OLD_WARNING]);
  assert.equal(result.code, 0);
});

test('--only-changed: only the files added or changed since the base; the history is still read whole', async () => {
  // 0003 names 0002 as its parent: without reading the unchanged files it would be an unknown parent.
  // SQL built at run time is judged by no rule: the summary counts it.
  repo.write(`${VERSIONS}/0003_new.py`, migration('0003', '0002', [op('CREATE INDEX idx ON orders (id)'), 'op.execute(f"ANALYZE {TABLE}")'], [op('DROP INDEX IF EXISTS idx')]));
  repo.commitAll('a new migration with a warning');
  const { result, found } = await checkJson([PROJECT, '--only-changed']);
  assert.deepEqual(found, ['0003_new.py:8 require-if-not-exists']);
  assert.equal(result.code, 0);
  const text = await check([PROJECT, '--only-changed']);
  assert.match(text.stdout, /^1 file checked \(2 unchanged since the base not reported\): 0 errors, 1 warning, 0 info; 1 statement not analysed \(built at run time\)$/m);
});

test('exit codes follow what is reported: an error in an unchanged file does not fail --only-changed', async () => {
  repo.git('checkout', '-q', 'main');
  repo.edit(`${VERSIONS}/0001_users.py`, 'CREATE TABLE users', 'CREAT TABLE users');
  repo.commitAll('a broken migration on main');
  repo.git('checkout', '-q', '-B', 'feature', 'main');
  try {
    assert.equal((await check([PROJECT])).code, 1);
    assert.equal((await check([PROJECT, '--only-changed', '--base', 'main'])).code, 0);
    editCode();
    assert.equal((await check([PROJECT, '--only-changed', '--base', 'main'])).code, 1);
  } finally {
    repo.git('checkout', '-q', '-f', 'main');
    repo.git('reset', '-q', '--hard', 'HEAD~1');
  }
});

test('--base REF compares with the merge base: what REF gained since is not the branch\'s edit', async () => {
  repo.git('checkout', '-q', '-b', 'release', 'main');
  editCode();
  repo.commitAll('release edits 0002');
  repo.git('checkout', '-q', 'feature');
  try {
    repo.write(`${VERSIONS}/0003_new.py`, migration('0003', '0002', [op('SELECT 3')]));
    repo.commitAll('a new migration');
    const { result, found } = await checkJson([PROJECT, '--base', 'release']);
    assert.deepEqual(found, [OLD_WARNING]);
    assert.equal(result.code, 0);
  } finally {
    repo.git('branch', '-q', '-D', 'release');
  }
});

test('--base with a ref that does not exist: one line, the rule skipped, the exit code of the other findings', async () => {
  editCode();
  repo.commitAll('widen orders.id');
  const { result, found } = await checkJson([PROJECT, '--base', 'no-such-branch']);
  assert.deepEqual(found, [OLD_WARNING]);
  assert.equal(result.stderr, `${RULE} skipped: "no-such-branch" is not a commit in this repository (not fetched?)\n`);
  assert.equal(result.code, 0);
  const onlyChanged = await checkJson([PROJECT, '--base', 'no-such-branch', '--only-changed']);
  assert.deepEqual(onlyChanged.found, [OLD_WARNING], '--only-changed without a base reports every file');
  assert.match(onlyChanged.result.stderr, /^only-changed ignored, every file is reported: "no-such-branch" is not a commit/m);
});

test('--verbose says which base was used', async () => {
  const mainCommit = repo.git('rev-parse', 'main');
  const { stderr, code } = await check([PROJECT, '--verbose']);
  assert.equal(stderr, `base: main (merge base ${mainCommit.slice(0, 12)} with HEAD)\n`);
  assert.equal(code, 0);
});

test('base and only-changed in [tool.alembic-lint] of pyproject.toml', async () => {
  repo.write(`${PROJECT}/pyproject.toml`, '[tool.alembic-lint]\nbase = "main"\nonly-changed = true\n');
  editCode();
  const { result, found } = await checkJson([PROJECT]);
  assert.equal(result.stderr, '', 'no unknown-setting warning');
  assert.deepEqual(found, [`0002_commandés.py:8 ${RULE}`]);
  assert.equal(result.code, 1);
  repo.write(`${PROJECT}/pyproject.toml`, '[tool.alembic-lint]\nbase = "no-such-branch"\n');
  const missing = await checkJson([PROJECT]);
  assert.match(missing.result.stderr, /^applied-migration-modified skipped: "no-such-branch" is not a commit/m, 'a base the settings ask for is said to be missing');
});

test('a folder that is not in a git repository: no finding; a line only when a base was asked for, or with --verbose', async () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-lint-nogit-'));
  try {
    fs.cpSync(path.join(repo.dir, PROJECT), outside, { recursive: true });
    const plain = await checkJson(['.'], outside);
    assert.deepEqual([plain.found, plain.result.stderr, plain.result.code], [[OLD_WARNING], '', 0]);
    const asked = await checkJson(['.', '--base', 'main'], outside);
    assert.deepEqual(asked.found, [OLD_WARNING]);
    assert.match(asked.result.stderr, /^applied-migration-modified skipped: not a git repository/);
    assert.equal(asked.result.stderr.split('\n').filter(Boolean).length, 1);
    assert.equal(asked.result.code, 0);
    const verbose = await check(['.', '--verbose'], outside);
    assert.match(verbose.stderr, /^applied-migration-modified skipped: not a git repository/);
  } finally {
    fs.rmSync(outside, { recursive: true, force: true });
  }
});

test('with the rule off and no --only-changed, git is not asked', async () => {
  const { stderr } = await check([PROJECT, '--rule', `${RULE}=off`, '--base', 'no-such-branch']);
  assert.equal(stderr, '');
  const verbose = await check([PROJECT, '--rule', `${RULE}=off`, '--verbose', '--base', 'no-such-branch']);
  assert.equal(verbose.stderr, `base: none read (${RULE} is off, and only-changed is not set)\n`);
});

test('--only-changed: line ends alone are no change (a checkout with core.autocrlf)', async () => {
  repo.write(EDITED, repo.read(EDITED).replace(/\n/g, '\r\n'));
  const { result, found } = await checkJson([PROJECT, '--only-changed']);
  assert.deepEqual(found, []);
  assert.equal(result.code, 0);
});
