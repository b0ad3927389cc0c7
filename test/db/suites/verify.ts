// `alembic-lint verify` end to end: the built CLI (dist/cli.js) run on the fixtures of test/fixtures/verify and on
// examples/backend, with Debian's Alembic, against the embedded PGlite (the CLI's default) or a scratch database on
// the harness's PostgreSQL (--database-url). Registered once per backend (verify-pglite / verify-postgres).
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { Client } from 'pg';
import type { VerifyJson, VerifyProgressJson, VerifyRevisionJson } from '../../../common/verify-json';
import { fixturePath, repoRoot } from '../../helpers/repo';
import { ALEMBIC_PYTHON, cleanEnv, copyExample, SETUP_TIMEOUT_MS, type PostgresServer } from '../harness';

export interface VerifyTarget {
  name: 'pglite' | 'postgres';
  /** The arguments that choose the database (none for the embedded default). */
  databaseArgs(): Promise<string[]>;
  /** The harness's server (postgres only): where the scratch databases are looked for. */
  server?: () => Promise<PostgresServer>;
}

/** A run verifies a handful of revisions, each with four Alembic processes: minutes on a busy machine. */
const RUN_TIMEOUT_MS = 8 * 60_000;
const TEST_TIMEOUT_MS = 10 * 60_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function verify(args: string[], o: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'dist', 'cli.js'), 'verify', ...args],
      { cwd: o.cwd ?? repoRoot, env: cleanEnv(o.env), timeout: RUN_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

function parsed(run: Run): VerifyJson {
  try {
    return JSON.parse(run.stdout) as VerifyJson;
  } catch {
    throw new Error(`verify printed no JSON (exit ${run.code}):\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
  }
}

function revision(result: VerifyJson, id: string): VerifyRevisionJson {
  const found = result.revisions.find((r) => r.revision === id);
  assert.ok(found, `${id} was verified: ${result.revisions.map((r) => r.revision).join(', ')}`);
  return found;
}

/** The line of the first occurrence of `needle` in a fixture's revision file. */
function lineOf(project: string, id: string, needle: string): number {
  const dir = fixturePath('verify', project, 'migrations', 'versions');
  const file = fs.readdirSync(dir).find((name) => name.startsWith(`${id}_`))!;
  const index = fs.readFileSync(path.join(dir, file), 'utf8').split('\n').findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `"${needle}" is in ${file}`);
  return index + 1;
}

export function verifySuite(target: VerifyTarget): void {
  const run = async (project: string, extra: string[] = []): Promise<Run> =>
    verify([fixturePath('verify', project), '--format', 'json', '--python', ALEMBIC_PYTHON, ...(await target.databaseArgs()), ...extra]);
  const scratchDatabases = async (): Promise<string[]> => {
    if (!target.server) return [];
    const server = await target.server();
    const client = new Client({ connectionString: server.url() });
    await client.connect();
    try {
      const rows = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'alembic\\_lint\\_verify\\_%'");
      return rows.rows.map((row) => row.datname);
    } finally {
      await client.end();
    }
  };
  const check = (name: string, body: (t: TestContext) => Promise<void>): void => {
    test(`${target.name}: ${name}`, { timeout: TEST_TIMEOUT_MS }, body);
  };
  /**
   * What depends on the plan or the project's command, not on the engine, runs on one backend: the scratch database on
   * PostgreSQL, which starts in a fraction of PGlite's time (each of these took 25-30 s more on PGlite).
   */
  const checkOnServer = (name: string, body: (t: TestContext) => Promise<void>): void => {
    if (target.server) check(name, body);
  };

  check('the defects only a real engine shows: a forgotten computed column, a misspelt drop, a re-run, another type', async () => {
    const result = await run('defects');
    assert.equal(result.code, 1, result.stderr);
    const json = parsed(result);
    assert.equal(json.database, target.name === 'pglite' ? 'embedded' : json.database);
    assert.doesNotMatch(result.stdout + result.stderr, /@:\/%x/, 'the password appears nowhere');
    assert.deepEqual(json.revisions.map((r) => [r.revision, r.status]), [['0001', 'ok'], ['0002', 'failed'], ['0003', 'failed'], ['0004', 'failed'], ['0005', 'failed']]);
    // The name is computed at run time: the model cannot point at its statement.
    assert.deepEqual(revision(json, '0002').problems, [{ step: 'downgrade', kind: 'leftover', object: 'column users.last_seen', message: 'the downgrade left column users.last_seen behind', line: null }]);
    assert.deepEqual(revision(json, '0003').problems, [
      { step: 'downgrade', kind: 'failed', object: null, message: 'psycopg2.errors.UndefinedColumn: column "emial" of relation "users" does not exist', line: lineOf('defects', '0003', 'DROP COLUMN emial') },
    ]);
    assert.deepEqual(revision(json, '0004').problems, [
      { step: 'rerun', kind: 'failed', object: null, message: 'psycopg2.errors.DuplicateTable: relation "orders" already exists', line: lineOf('defects', '0004', 'op.execute(') },
    ]);
    assert.deepEqual(revision(json, '0005').problems, [
      {
        step: 'downgrade',
        kind: 'changed',
        object: 'column orders.total',
        message: "column orders.total: the type was 'integer' before the upgrade, 'bigint' after the downgrade",
        line: lineOf('defects', '0005', 'TYPE BIGINT'),
      },
    ]);
    assert.deepEqual(await scratchDatabases(), [], 'the scratch database is dropped after the run');
  });

  check('a clean history with a branch and a merge: every revision ok, in graph order, exit 0', async () => {
    const result = await run('clean');
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const json = parsed(result);
    assert.deepEqual(json.revisions.map((r) => [r.revision, r.status, r.problems.length]), [
      ['0001', 'ok', 0],
      ['0003', 'ok', 0],
      ['0002', 'ok', 0],
      ['0004', 'ok', 0],
      ['0005', 'ok', 0],
    ]);
  });

  check('an irreversible downgrade and a failing upgrade: the revisions after both are still verified', async () => {
    const result = await run('irreversible');
    assert.equal(result.code, 1, result.stderr);
    const json = parsed(result);
    assert.deepEqual(json.revisions.map((r) => [r.revision, r.status]), [['0001', 'ok'], ['0002', 'irreversible'], ['0003', 'failed'], ['0004', 'ok']]);
    assert.deepEqual(revision(json, '0002').problems, []);
    assert.deepEqual(revision(json, '0003').problems, [
      { step: 'upgrade', kind: 'failed', object: null, message: 'psycopg2.errors.UndefinedTable: relation "events_archive" does not exist', line: lineOf('irreversible', '0003', 'INSERT INTO') },
    ]);
  });

  checkOnServer('--only and --from: the revisions before are applied without being verified; --progress json', async () => {
    const only = await run('defects', ['--only', '0004', '--progress', 'json']);
    assert.equal(only.code, 1, only.stderr);
    assert.deepEqual(parsed(only).revisions.map((r) => [r.revision, r.problems.map((p) => p.step)]), [['0004', ['rerun']]]);
    const progress = only.stderr.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as VerifyProgressJson);
    assert.deepEqual(progress, (['upgrade', 'downgrade', 'reupgrade', 'rerun'] as const).map((step) => ({ type: 'progress', index: 1, total: 1, revision: '0004', step })));
    const from = await run('defects', ['--from', '0003']);
    assert.deepEqual(parsed(from).revisions.map((r) => r.revision), ['0004', '0005']);
  });

  checkOnServer('--alembic-command runs the program given (alembic.command), and one that does not exist is exit 2', async () => {
    const args = [fixturePath('verify', 'clean'), '--format', 'json', '--only', '0001', ...(await target.databaseArgs())];
    const given = await verify([...args, '--alembic-command', JSON.stringify([ALEMBIC_PYTHON, '-m', 'alembic', '-c', 'alembic.ini'])]);
    assert.equal(given.code, 0, given.stderr);
    assert.deepEqual(parsed(given).revisions.map((r) => [r.revision, r.status]), [['0001', 'ok']]);
    const missing = await verify([...args, '--alembic-command', '["no-such-alembic-wrapper", "alembic"]']);
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /--alembic-command: no-such-alembic-wrapper was not found on PATH/);
    assert.deepEqual(await scratchDatabases(), [], 'nothing was created for a run that could not start');
  });

  checkOnServer('a version table of its own (env.py\'s version_table): --version-table stamps and ignores that one', async () => {
    const args = [fixturePath('verify', 'clean'), '--format', 'json', '--python', ALEMBIC_PYTHON, '--revision', '0002', ...(await target.databaseArgs())];
    const env = { FIXTURE_VERSION_TABLE: 'schema_history' };
    const named = await verify([...args, '--version-table', 'schema_history'], { env });
    assert.equal(named.code, 0, named.stderr);
    assert.deepEqual(parsed(named).revisions.map((r) => [r.revision, r.status, r.problems.length]), [['0001', 'ok', 0], ['0002', 'ok', 0]]);
    // Without the flag, Alembic's own table looks like the schema's, and the stamps go to a table Alembic never reads.
    const unnamed = await verify(args, { env });
    assert.equal(unnamed.code, 1, unnamed.stdout);
    assert.ok(parsed(unnamed).revisions.some((r) => r.problems.some((p) => p.object === 'table schema_history')), unnamed.stdout);
  });

  checkOnServer('examples/backend comes out all ok, through its migrate.py', async () => {
    const dir = copyExample();
    const result = await verify([dir, '--python', ALEMBIC_PYTHON, ...(await target.databaseArgs())], { cwd: dir });
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /^REVISION {2}STATUS {2}PROBLEMS {2}FILE$/m);
    assert.match(result.stdout, /5 revisions verified on .* in \d+\.\d s: 5 ok\.$/m);
    assert.doesNotMatch(result.stdout, /disagrees/);
  });

  check('the throwaway database is gone after a SIGTERM during the run', async (t) => {
    // A temporary folder of its own, so what is left in it is this run's (other processes use verify too).
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-verify-tmp-'));
    t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'verify', fixturePath('verify', 'clean'), '--python', ALEMBIC_PYTHON, '--progress', 'json', ...(await target.databaseArgs())], {
      env: cleanEnv({ TMPDIR: tmp }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let stderr = '';
    // The first re-run step: a scratch database exists and Alembic has run in it.
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        if (stderr.includes('"step":"rerun"')) resolve();
      });
      void exited.then(() => reject(new Error(`verify exited before its first re-run:\n${stderr}`)));
    });
    if (target.server) assert.equal((await scratchDatabases()).length, 1, 'the scratch database exists while the run goes on');
    child.kill('SIGTERM');
    const code = await exited;
    assert.equal(code, 143, stderr);
    assert.deepEqual(await scratchDatabases(), [], 'the scratch database was dropped before the process exited');
    assert.deepEqual(fs.readdirSync(tmp).filter((name) => name.startsWith('alembic-lint-verify-')), [], 'the temporary folder of the embedded database is removed');
  });

  if (target.server) {
    check('a scratch database a SIGKILLed run left behind is dropped by the next run', async () => {
      const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'verify', fixturePath('verify', 'clean'), '--python', ALEMBIC_PYTHON, '--progress', 'json', ...(await target.databaseArgs())], {
        env: cleanEnv(),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      let stderr = '';
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString('utf8');
          if (stderr.includes('"step":"downgrade"')) resolve();
        });
        void exited.then(() => reject(new Error(`verify exited before its first downgrade:\n${stderr}`)));
      });
      // No handler runs on SIGKILL: the database stays, marked with the pid that is now gone.
      child.kill('SIGKILL');
      await exited;
      const left = await scratchDatabases();
      assert.equal(left.length, 1, 'the killed run left its scratch database');
      const next = await run('clean', ['--only', '0001']);
      assert.equal(next.code, 0, next.stderr);
      assert.deepEqual(await scratchDatabases(), [], `the next run dropped ${left[0]} and its own`);
    });
  }
}

/** No interpreter with Alembic: exit 2 and a message that says what was tried and what to install. */
export function noInterpreterTest(): void {
  test('verify without an interpreter that has alembic: exit 2, what was tried, what to install', { timeout: SETUP_TIMEOUT_MS }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-no-python-'));
    try {
      // The system Python without its site-packages: it runs, and cannot import alembic.
      const bare = path.join(dir, 'python3');
      fs.writeFileSync(bare, `#!/bin/sh\nexec ${ALEMBIC_PYTHON} -I -S "$@"\n`, { mode: 0o755 });
      const result = await verify([fixturePath('verify', 'clean'), '--python', bare]);
      assert.equal(result.code, 2, result.stderr);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /--python .*python3 cannot run the migrations\. Tried:\n {2}--python \(.*python3\): no alembic/);
      assert.match(result.stderr, /-m pip install alembic psycopg2-binary/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
