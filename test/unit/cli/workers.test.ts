// The CLI parses in worker threads (dist/parse-worker-main.js) and prints exactly what it prints without them: on
// every fixture folder of the repository (files not UTF-8, syntax errors, SQL errors, many script locations), the
// example project, and a versions folder of links to devices, FIFOs and loops. ALEMBIC_LINT_WORKERS forces workers
// on these small folders (below the threshold they would not start).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { makeHostileProject, type HostileProject } from '../../helpers/hostile-files';
import { fixturePath, repoRoot } from '../../helpers/repo';
import { runCli, type CliResult } from './run-cli';

let hostile: HostileProject;

before(() => {
  // Not /dev/stdin: where it leads differs from one process to the next, and the notice names it.
  hostile = makeHostileProject(['zero', 'urandom', 'fifo', 'outside', 'dangling', 'loop']);
});

after(() => fs.rmSync(hostile.base, { recursive: true, force: true }));

function run(args: string[], workers: string, cwd = repoRoot): Promise<CliResult> {
  return runCli(args, { cwd, env: { ALEMBIC_LINT_WORKERS: workers } });
}

async function assertSameWithWorkers(args: string[], cwd = repoRoot): Promise<CliResult> {
  const [inProcess, inWorkers] = [await run(args, '0', cwd), await run(args, '2', cwd)];
  assert.deepEqual(inWorkers, inProcess);
  return inProcess;
}

test('check: the same findings, notices and exit code with and without worker threads on every fixture folder', async () => {
  const result = await assertSameWithWorkers(['check', path.relative(repoRoot, fixturePath()), 'examples', '--format', 'json']);
  assert.equal(result.code, 1, result.stderr);
  const rules = new Set((JSON.parse(result.stdout) as { diagnostics: { rule: string }[] }).diagnostics.map((d) => d.rule));
  // The folders hold what the comparison is about: undecodable files, Python and SQL syntax errors.
  for (const rule of ['python-syntax', 'sql-syntax', 'downgrade-not-symmetric', 'multiple-heads']) assert.ok(rules.has(rule), [...rules].join(', '));
});

test('check: the same with links to devices, a FIFO, dangling links and loops in the versions folder', async () => {
  const result = await assertSameWithWorkers(['check', '.', '--format', 'json'], hostile.root);
  assert.equal(result.code, 1, result.stderr);
});

test('graph and schema: the same output with and without worker threads', async () => {
  await assertSameWithWorkers(['graph', path.relative(repoRoot, fixturePath()), '--format', 'json']);
  const schema = await assertSameWithWorkers(['schema', 'examples/backend', '--format', 'json']);
  assert.equal(schema.code, 0, schema.stderr);
});

test('check --verbose says how many files the worker threads parsed', async () => {
  const result = await run(['check', path.relative(repoRoot, fixturePath()), '--verbose'], '2');
  assert.match(result.stderr, /^parsed \d+ files in 2 worker threads(?: and the main thread)?$/m);
  const without = await run(['check', 'examples/backend', '--verbose'], '0');
  assert.doesNotMatch(without.stderr, /worker thread/);
});

test('ALEMBIC_LINT_WORKERS that is not a whole number from 0 to 64: a usage error that says so', async () => {
  for (const value of ['two', '-1', '1.5', '65']) {
    const result = await run(['check', 'examples/backend'], value);
    assert.equal(result.code, 2, `${value}: ${result.stderr}`);
    assert.match(result.stderr, new RegExp(`^alembic-lint: ALEMBIC_LINT_WORKERS must be a whole number from 0 to 64 \\(0: parse without worker threads\\), not '${value.replace('.', '\\.')}'`));
  }
});
