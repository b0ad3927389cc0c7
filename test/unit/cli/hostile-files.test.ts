// The CLI on a versions/ folder holding links to /dev/zero, /dev/urandom and /dev/stdin, a FIFO, a link out of the
// project, a dangling link and a link loop. Before, /dev/zero grew the process to gigabytes and the FIFO blocked it
// forever: each run here must finish (runCli's timeout is the hang guard) under a small heap cap.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { makeHostileProject, revision, type HostileProject } from '../../helpers/hostile-files';
import { runCli, type CliResult } from './run-cli';
import { HANG_GUARD_MS } from '../../helpers/hang-guard';

let project: HostileProject;

// Reading /dev/zero or /dev/urandom whole would end the process on this cap (it reached 8.9 GB before).
const BOUNDED = { NODE_OPTIONS: '--max-old-space-size=256' };

function check(args: string[], cwd = project.root): Promise<CliResult> {
  return runCli(['check', ...args], { cwd, env: BOUNDED });
}

before(() => {
  project = makeHostileProject();
});

after(() => fs.rmSync(project.base, { recursive: true, force: true }));

/** A project beside the hostile one: this alembic.ini and one revision, 0001. */
function oneRevisionProject(name: string, ini: string): string {
  const dir = path.join(project.base, name);
  fs.mkdirSync(path.join(dir, 'migrations', 'versions'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'alembic.ini'), ini);
  fs.writeFileSync(path.join(dir, 'migrations', 'versions', '0001_a.py'), revision('0001', null));
  return dir;
}

test('links to devices, a FIFO, dangling links and loops: the run finishes and reports each of them', { timeout: HANG_GUARD_MS }, async () => {
  const { code, stdout, stderr } = await check(['.', '--format', 'json']);
  assert.equal(code, 1, stderr);
  const diagnostics = (JSON.parse(stdout) as { diagnostics: { file: string; rule: string; message: string }[] }).diagnostics;
  const reported = diagnostics.map((d) => `${path.basename(d.file)} ${d.rule} ${d.message.split(':')[0]}`).sort();
  assert.deepEqual(reported, [
    'dangling.py python-syntax A symbolic link to gone.py, which does not exist',
    'fifo.py python-syntax Not a regular file (a FIFO)',
    'loop_a.py python-syntax A symbolic link loop',
    'loop_b.py python-syntax A symbolic link loop',
  ]);
  // Links out of the project are warnings, once each; the history 0001 <- 0002 stays whole.
  for (const name of ['zero.py', 'urandom.py', 'stdin.py', 'outside.py']) {
    assert.match(stderr, new RegExp(`^migrations/versions/${name.replace('.', '\\.')}: warning: Not read: a symbolic link to .*, outside the project`, 'm'));
  }
  assert.ok(!diagnostics.some((d) => ['unknown-down-revision', 'multiple-heads', 'duplicate-revision'].includes(d.rule)), stdout);
});

test('the same through the text format and the graph command', { timeout: HANG_GUARD_MS }, async () => {
  const text = await check(['.']);
  assert.equal(text.code, 1, text.stderr);
  // The four links not followed count as warnings: they were printed on stderr.
  assert.match(text.stdout, /^\d+ files checked: 4 errors, 4 warnings, 0 info; /m);
  const graph = await runCli(['graph', '.', '--format', 'json'], { cwd: project.root, env: BOUNDED });
  assert.equal(graph.code, 0, graph.stderr);
  const [location] = (JSON.parse(graph.stdout) as { locations: { heads: string[]; problems: unknown[] }[] }).locations;
  assert.deepEqual([location?.heads, location?.problems], [['0002'], []]);
  // What the history leaves out is said on stderr.
  assert.match(graph.stderr, /^migrations\/versions\/zero\.py: warning: Not read: a symbolic link to \/dev\/zero/m);
});

test('a file named on the command line that cannot be read fails the run', { timeout: HANG_GUARD_MS }, async () => {
  // A FIFO cannot be read by root either: what chmod 000 does for everybody else.
  const fifo = await check(['migrations/versions/fifo.py']);
  assert.equal(fifo.code, 1, fifo.stderr);
  assert.match(fifo.stdout, /^1 file checked: 1 error, /m);
  assert.match(fifo.stdout, /fifo\.py:1:1: error python-syntax Not a regular file \(a FIFO\)/);
  // One that is no revision at all (not in a version folder): an input error.
  const notes = path.join(project.root, 'notes.py');
  execFileSync('mkfifo', [notes]);
  const loose = await check(['notes.py']);
  assert.equal(loose.code, 2, loose.stderr);
  assert.match(loose.stderr, /^notes\.py: error: cannot read the file$/m);
  fs.rmSync(notes);
});

test('a broken %(name)s in version_locations is an error (Alembic stops on it), on its alembic.ini line', { timeout: HANG_GUARD_MS }, async () => {
  const dir = oneRevisionProject('interpolation', '[alembic]\nscript_location = migrations\nversion_locations = %(here)s/migrations/versions %(nope)s/more\n');
  const { code, stdout, stderr } = await check(['.'], dir);
  assert.equal(code, 1, stderr);
  assert.match(stderr, /^alembic\.ini:3: error: \[alembic\] version_locations: %\(nope\)s names no option of \[alembic\] or \[DEFAULT\]/m);
  assert.match(stdout, /^1 file checked: 1 error, 0 warnings, 0 info; /m, 'the notice counts: the run fails');
});

test('notices reach the machine-readable formats too: JSON, GitHub annotations, SARIF notifications', { timeout: HANG_GUARD_MS }, async () => {
  const dir = oneRevisionProject('interpolation-formats', '[alembic]\nscript_location = migrations\nversion_locations = %(nope)s/more\n');
  const json = await check(['.', '--format', 'json'], dir);
  assert.equal(json.code, 1, json.stderr);
  const { diagnostics, notices } = JSON.parse(json.stdout) as { diagnostics: unknown[]; notices?: { file: string; line?: number; severity: string; message: string }[] };
  assert.deepEqual(diagnostics, []);
  assert.equal(notices?.length, 1, json.stdout);
  assert.deepEqual([notices?.[0]?.file, notices?.[0]?.line, notices?.[0]?.severity], ['alembic.ini', 3, 'error']);
  assert.match(notices?.[0]?.message ?? '', /%\(nope\)s names no option/);

  const github = await check(['.', '--format', 'github'], dir);
  assert.equal(github.code, 1, github.stderr);
  assert.match(github.stdout, /^::error file=alembic\.ini,line=3,title=alembic-lint::.*names no option/m);

  const sarif = await check(['.', '--format', 'sarif'], dir);
  assert.equal(sarif.code, 1, sarif.stderr);
  const [run] = (JSON.parse(sarif.stdout) as { runs: { results: unknown[]; invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[] }[] }[] }).runs;
  assert.deepEqual(run?.results, []);
  const [invocation] = run?.invocations ?? [];
  assert.equal(invocation?.executionSuccessful, false);
  const [notification] = invocation?.toolExecutionNotifications ?? [];
  assert.equal(notification?.level, 'error');
  assert.deepEqual(notification?.locations[0]?.physicalLocation, { artifactLocation: { uri: 'alembic.ini', uriBaseId: '%SRCROOT%' }, region: { startLine: 3 } });

  // A clean run has no notices key and a successful invocation.
  const clean = oneRevisionProject('clean-formats', '[alembic]\nscript_location = migrations\n');
  const cleanJson = await check(['.', '--format', 'json'], clean);
  assert.equal(cleanJson.code, 0, cleanJson.stderr);
  assert.deepEqual(Object.keys(JSON.parse(cleanJson.stdout) as object), ['diagnostics']);
});
