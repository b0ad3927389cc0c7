// The probe and its cache against fake interpreters: small shell scripts in a temporary folder that answer
// `python -c ...` as an interpreter would (one without Alembic, one with, one that only fails, one that hangs),
// and the search over them in its order.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { chooseInterpreter, choiceReason, interpreterCandidates, PROBE_SCRIPT, type ProbeResult } from '../../../common/interpreter-search';
import { findOnPath, probeInterpreter, ProbeCache } from '../../../server/src/host/interpreter-probe';

const posix = process.platform !== 'win32';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-interpreters-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** An executable script; each run appends its arguments' count and first argument to `<name>.runs`. */
function fake(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\necho "$# $1" >> "${file}.runs"\n${body}\n`, { mode: 0o755 });
  return file;
}
const runs = (file: string): number => (fs.existsSync(`${file}.runs`) ? fs.readFileSync(`${file}.runs`, 'utf8').trim().split('\n').length : 0);

const JSON_WITH = '{"python": "3.11.2", "executable": "/usr/bin/python3", "modules": {"alembic": "1.8.1", "psycopg2": "2.9.5"}, "errors": {}}';
const JSON_WITHOUT = `{"python": "3.12.1", "executable": "/x", "modules": {}, "errors": {"alembic": "ModuleNotFoundError: No module named 'alembic'"}}`;

/** Prints a line as it is (a quoted here-document: no expansion, quotes kept). */
const printing = (line: string): string => `cat <<'END'\n${line}\nEND`;

const withAlembic = fake('python-with', printing(JSON_WITH));
const withoutAlembic = fake('python-without', printing(JSON_WITHOUT));
// What a bare `python -c "import alembic"` does without it: a traceback and exit status 1.
const failing = fake('python-failing', `echo 'Traceback (most recent call last):' >&2\necho "ModuleNotFoundError: No module named 'alembic'" >&2\nexit 1`);
// A wrapper that never answers, with a child of its own holding the pipes: the whole group must go.
const hanging = fake('python-hanging', `echo $$ > "${path.join(dir, 'hanging.pids')}"\nsleep 30 &\necho $! >> "${path.join(dir, 'hanging.pids')}"\nwait`);

test('the probe runs `<python> -c <script>` and reads the answer', { skip: !posix }, async () => {
  const result = await probeInterpreter(withAlembic);
  assert.deepEqual(result, { ran: true, python: '3.11.2', modules: { alembic: '1.8.1', psycopg2: '2.9.5' } });
  assert.equal(fs.readFileSync(`${withAlembic}.runs`, 'utf8'), '2 -c\n', 'two arguments: -c and the script');
  assert.ok(PROBE_SCRIPT.includes('__import__(name)'));
  assert.deepEqual(await probeInterpreter(withoutAlembic), { ran: true, python: '3.12.1', modules: {}, alembicError: "ModuleNotFoundError: No module named 'alembic'" });
});

test('an interpreter that fails, is missing or is not executable: why, in words', { skip: !posix }, async () => {
  assert.deepEqual(await probeInterpreter(failing), { ran: false, problem: "exited with an error: ModuleNotFoundError: No module named 'alembic'" });
  assert.deepEqual(await probeInterpreter(path.join(dir, 'nothing-here')), { ran: false, problem: 'is not found' });
  const plain = path.join(dir, 'not-executable');
  fs.writeFileSync(plain, 'text', { mode: 0o644 });
  assert.deepEqual(await probeInterpreter(plain), { ran: false, problem: 'is not executable (permission denied)' });
});

test('an interpreter that hangs: the probe times out, says so, and kills what it started', { skip: !posix }, async () => {
  const result = await probeInterpreter(hanging, { timeoutMs: 1000 });
  assert.deepEqual(result, { ran: false, timedOut: true, problem: 'did not answer within 1 s' });
  // The script and its `sleep` were in the killed group: both end (waited for: a kill takes effect a moment later).
  const pids = fs.readFileSync(path.join(dir, 'hanging.pids'), 'utf8').trim().split('\n').map(Number);
  assert.equal(pids.length, 2, 'the fake started its child');
  await waitUntil(() => !pids.some(alive), 10_000, () => `still running: ${pids.filter(alive).join(', ')}`);
});

/** A zombie waiting for its reaper counts as dead. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(describe());
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test('the cache probes each interpreter once, again after clear() and after the file changed', { skip: !posix }, async () => {
  const counted = fake('python-counted', printing(JSON_WITH));
  const cache = new ProbeCache();
  const [a, b] = await Promise.all([cache.get(counted), cache.get(counted)]);
  await cache.get(counted);
  assert.deepEqual(a, b);
  assert.equal(runs(counted), 1, 'one run for three looks, two of them at once');
  cache.clear();
  await cache.get(counted);
  assert.equal(runs(counted), 2, 'cleared: probed again');
  // A virtualenv made again replaces its interpreter: a new modification time is a new interpreter.
  const later = new Date(Date.now() + 60_000);
  fs.utimesSync(counted, later, later);
  await cache.get(counted);
  assert.equal(runs(counted), 3, 'changed: probed again');
});

test('the search over fake interpreters: PATH first, without Alembic, then one with it', { skip: !posix }, async () => {
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.copyFileSync(withoutAlembic, path.join(bin, 'python3'));
  fs.chmodSync(path.join(bin, 'python3'), 0o755);
  const env = { PATH: `${bin}${path.delimiter}/nonexistent` };
  const candidates = interpreterCandidates({
    projectDir: dir,
    platform: 'linux',
    // The "system" Python stands in for /usr/bin/python3.
    exists: (file) => file === '/usr/bin/python3',
    onPath: (name) => findOnPath(name, env),
  }).map((c) => (c.kind === 'system' ? { ...c, executable: withAlembic } : c));
  assert.deepEqual(candidates.map((c) => c.origin), ['python3 on PATH', 'the system Python']);
  const cache = new ProbeCache((executable) => probeInterpreter(executable));
  const choice = await chooseInterpreter(candidates, (c) => cache.get(c.executable));
  assert.equal(choice.status, 'ready');
  assert.equal(choice.chosen?.candidate.executable, withAlembic);
  assert.equal(choiceReason(choice), `python3 on PATH (${path.join(bin, 'python3')}) cannot import alembic; ${withAlembic} can.`);
});

test('the probe script itself, run by a real Python when one is here: it answers in the expected shape', { skip: !posix || !findOnPath('python3') }, async () => {
  const result: ProbeResult = await probeInterpreter(findOnPath('python3') ?? 'python3');
  assert.equal(result.ran, true, JSON.stringify(result));
  if (result.ran) {
    assert.match(result.python, /^\d+\.\d+/);
    assert.ok(result.modules['alembic'] !== undefined || result.alembicError !== undefined, 'alembic is either found or explained');
  }
});
