// runVerify against fake CLIs (node scripts in a temporary folder): the process handling and the reading of exit
// codes are under test, not the verify engine. One prints progress and JSON, one exits 2, one hangs until SIGTERM,
// one ignores SIGTERM.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { VerifyProgressJson } from '../../../common/verify-json';
import type { ChildCommand } from '../../../client/src/alembic/runner';
import { runVerify } from '../../../client/src/verify/verify-run';
import { alive, waitUntil } from '../../helpers/processes';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-verify-run-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function fakeCli(name: string, source: string): ChildCommand {
  const file = path.join(dir, `${name}.js`);
  fs.writeFileSync(file, source);
  return { file: process.execPath, args: [file, 'verify', dir, '--format', 'json', '--progress', 'json'], cwd: dir };
}

const env = { PATH: process.env.PATH ?? '' };

const RESULT = { database: 'embedded', revisions: [{ revision: '0001', file: 'v/0001.py', status: 'failed', problems: [{ step: 'rerun', kind: 'failed', object: null, message: 'exists', line: 3 }] }] };

test('progress arrives as it is written (a line split across writes too), then the JSON and exit 1', async () => {
  const command = fakeCli('problems', `
    const line = (index, step) => JSON.stringify({ type: 'progress', index, total: 2, revision: '000' + index, step }) + '\\n';
    process.stderr.write(line(1, 'upgrade'));
    const split = line(1, 'downgrade');
    process.stderr.write(split.slice(0, 15));
    setTimeout(() => {
      process.stderr.write(split.slice(15) + 'a plain warning\\n');
      process.stdout.write(${JSON.stringify(JSON.stringify(RESULT))});
      process.exitCode = 1;
    }, 50);
  `);
  const progress: VerifyProgressJson[] = [];
  const messages: string[] = [];
  const outcome = await runVerify(command, { env, onProgress: (p) => progress.push(p), onMessage: (m) => messages.push(m) });
  assert.deepEqual(progress.map((p) => `${p.revision} ${p.step}`), ['0001 upgrade', '0001 downgrade']);
  assert.deepEqual(messages, ['a plain warning']);
  assert.equal(outcome.kind, 'verified');
  assert.ok(outcome.kind === 'verified');
  assert.equal(outcome.exitCode, 1);
  assert.deepEqual(outcome.json, RESULT);
});

test('exit 2: cannot run, with what the CLI said (not its progress lines)', async () => {
  const command = fakeCli('cannot-run', `
    process.stderr.write('no interpreter can import alembic: tried /usr/bin/python3 (No module named alembic)\\n');
    process.stderr.write('install it: /usr/bin/python3 -m pip install alembic psycopg2-binary\\n');
    process.exit(2);
  `);
  const outcome = await runVerify(command, { env });
  assert.deepEqual(outcome, {
    kind: 'cannot-run',
    message: 'no interpreter can import alembic: tried /usr/bin/python3 (No module named alembic)\ninstall it: /usr/bin/python3 -m pip install alembic psycopg2-binary',
  });
});

test('exit 0 without a readable result, and a crash, are failures that say so', async () => {
  const garbled = await runVerify(fakeCli('garbled', `process.stdout.write('{"database": '); process.stderr.write('oops\\n');`), { env });
  assert.deepEqual(garbled, { kind: 'failed', message: 'verify printed no result it could read: oops' });
  const crashed = await runVerify(fakeCli('crash', `process.stderr.write('RangeError: out of memory\\n'); process.exit(134);`), { env });
  assert.deepEqual(crashed, { kind: 'failed', message: 'verify exited with code 134: RangeError: out of memory' });
});

test('Cancel sends SIGTERM to the process group: the CLI and its child clean up and exit', async () => {
  const marker = path.join(dir, 'cleaned');
  const childPidFile = path.join(dir, 'grandchild.pid');
  const command = fakeCli('hangs', `
    const { spawn } = require('node:child_process');
    // What the CLI starts (the project's Python): in the same group, so it gets the signal too.
    const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    require('node:fs').writeFileSync(${JSON.stringify(childPidFile)}, String(grandchild.pid));
    process.on('SIGTERM', () => { require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'dropped'); process.exit(143); });
    process.stderr.write(JSON.stringify({ type: 'progress', index: 1, total: 3, revision: '0001', step: 'upgrade' }) + '\\n');
    setInterval(() => {}, 1000);
  `);
  const abort = new AbortController();
  const running = runVerify(command, { env, signal: abort.signal, onProgress: () => abort.abort() });
  const outcome = await running;
  assert.deepEqual(outcome, { kind: 'cancelled' });
  assert.equal(fs.readFileSync(marker, 'utf8'), 'dropped', 'the CLI got SIGTERM and cleaned up');
  const grandchild = Number(fs.readFileSync(childPidFile, 'utf8'));
  await waitUntil(() => !alive(grandchild), 10_000);
});

test('a CLI that ignores SIGTERM gets SIGKILL after the grace period', async () => {
  const pidFile = path.join(dir, 'stubborn.pid');
  const command = fakeCli('stubborn', `
    require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));
    process.on('SIGTERM', () => {});
    process.stderr.write(JSON.stringify({ type: 'progress', index: 1, total: 1, revision: '0001', step: 'rerun' }) + '\\n');
    setInterval(() => {}, 1000);
  `);
  const abort = new AbortController();
  const outcome = await runVerify(command, { env, signal: abort.signal, killGraceMs: 200, onProgress: () => abort.abort() });
  assert.deepEqual(outcome, { kind: 'cancelled' });
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  await waitUntil(() => !alive(pid), 10_000);
});
