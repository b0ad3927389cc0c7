import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { MigrationCommand } from '../../../common/alembic-command';
import { runMigrationCommand } from '../../../client/src/alembic/runner';
import { alive, waitUntil } from '../../helpers/processes';

// Fake CLIs written in JavaScript and run by node: the runner's process handling is under test, not Alembic.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-runner-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function fakeCli(name: string, source: string): MigrationCommand {
  const file = path.join(dir, `${name}.js`);
  fs.writeFileSync(file, source);
  // A setting-style command: node <script> <alembic arguments>.
  return { file: process.execPath, baseArgs: [file], cwd: dir, style: 'setting' };
}

const env = { PATH: process.env.PATH ?? '' };

test('streams stdout and stderr line by line and returns both', async () => {
  const command = fakeCli('ok', `
    console.log('argv ' + process.argv.slice(2).join(' '));
    console.error('INFO  [alembic.runtime.migration] Running upgrade 0001 -> 0002, add orders');
    process.stdout.write('partial');
    setTimeout(() => process.stdout.write(' line\\n'), 50);
  `);
  const seen: string[] = [];
  const result = await runMigrationCommand(command, { kind: 'upgrade', target: 'head' }, { env, onOutput: (text) => seen.push(text), timeoutMs: 20_000 });
  assert.equal(result.ok, true);
  assert.equal(result.exitCode, 0);
  assert.equal(result.error, undefined);
  assert.equal(result.failedRevision, undefined, 'a successful run names no failed revision');
  assert.equal(result.stdout, 'argv upgrade head\npartial line\n');
  assert.match(result.stderr, /Running upgrade 0001 -> 0002/);
  assert.ok(seen.every((chunk) => chunk.endsWith('\n')), 'only whole lines are streamed');
  assert.ok(seen.join('').includes('partial line\n'));
});

test('passwords from the environment never reach the output, even split across writes', async () => {
  const password = 'S3cr3t!pa:ss@word';
  const command = fakeCli('leaky', `
    const pw = process.env.POSTGRES_PASSWORD;
    console.log('url ' + process.env.DATABASE_URL);
    process.stdout.write('split ' + pw.slice(0, 5));
    setTimeout(() => { process.stdout.write(pw.slice(5) + ' end\\n'); console.error('dsn password=' + pw); process.exit(3); }, 50);
  `);
  const seen: string[] = [];
  const result = await runMigrationCommand(command, { kind: 'current' }, {
    env: { ...env, POSTGRES_PASSWORD: password, DATABASE_URL: `postgresql://app:${encodeURIComponent(password)}@db:5432/app` },
    onOutput: (text) => seen.push(text),
    timeoutMs: 20_000,
  });
  assert.equal(result.ok, false);
  assert.equal(result.exitCode, 3);
  const everything = [seen.join(''), result.stdout, result.stderr, result.error ?? ''].join('\n');
  assert.ok(!everything.includes(password), everything);
  assert.ok(!everything.includes(encodeURIComponent(password)), everything);
  assert.ok(!everything.includes('S3cr3'), 'the first half of the split password is masked too');
  assert.match(result.stdout, /url postgresql:\/\/app:\*\*\*@db:5432\/app/);
  assert.match(result.stdout, /split \*\*\* end/);
});

test('a failure reports the exception line and the revision that was running', async () => {
  const command = fakeCli('fails', `
    const lines = [
      'INFO  [alembic.runtime.migration] Running upgrade 0001 -> 0002, create orders',
      'INFO  [alembic.runtime.migration] Running upgrade 0002 -> 0003, broken',
      'Traceback (most recent call last):',
      '  File "/usr/lib/python3/dist-packages/sqlalchemy/engine/base.py", line 1900, in _execute_context',
      '    self.dialect.do_execute(',
      'psycopg2.errors.SyntaxError: syntax error at or near "CREAT"',
      'LINE 1: CREAT TABLE broken (id int)',
      '        ^',
      '',
      '',
      'The above exception was the direct cause of the following exception:',
      '',
      'Traceback (most recent call last):',
      '  File "/w/migrate.py", line 110, in <module>',
      '    sys.exit(main())',
      'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.SyntaxError) syntax error at or near "CREAT"',
      'LINE 1: CREAT TABLE broken (id int)',
      '        ^',
      '',
      '[SQL: CREAT TABLE broken (id int)]',
      '(Background on this error at: https://sqlalche.me/e/14/f405)',
    ];
    console.error(lines.join('\\n'));
    process.exit(1);
  `);
  const result = await runMigrationCommand(command, { kind: 'upgrade', target: 'head' }, { env, timeoutMs: 20_000 });
  assert.equal(result.ok, false);
  assert.equal(result.exitCode, 1);
  assert.equal(result.error, 'SyntaxError: syntax error at or near "CREAT"');
  assert.equal(result.failedRevision, '0003');
});

test('cancelling kills the whole process tree and settles promptly', async () => {
  const command = fakeCli('tree', `
    const { spawn } = require('child_process');
    const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    console.log('grandchild ' + grandchild.pid);
    setInterval(() => {}, 1000);
  `);
  const controller = new AbortController();
  let grandchild = 0;
  const result = await runMigrationCommand(command, { kind: 'upgrade', target: 'head' }, {
    env,
    signal: controller.signal,
    timeoutMs: 30_000,
    onOutput: (text) => {
      const match = /grandchild (\d+)/.exec(text);
      if (match) {
        grandchild = Number(match[1]);
        controller.abort();
      }
    },
  });
  assert.equal(result.cancelled, true);
  assert.equal(result.ok, false);
  assert.equal(result.timedOut, false);
  assert.equal(result.error, 'Cancelled');
  assert.ok(grandchild > 0);
  await waitUntil(() => !alive(grandchild), 5000);
});

test('a timeout escalates to SIGKILL for a process that ignores SIGTERM', async () => {
  const command = fakeCli('stubborn', `
    process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
    console.log('ready');
    setInterval(() => {}, 1000);
  `);
  const started = Date.now();
  const seen: string[] = [];
  const result = await runMigrationCommand(command, { kind: 'upgrade', target: 'head' }, { env, timeoutMs: 800, onOutput: (text) => seen.push(text) });
  const elapsed = Date.now() - started;
  assert.equal(result.timedOut, true);
  assert.equal(result.cancelled, false);
  assert.equal(result.ok, false);
  assert.equal(result.signal, 'SIGKILL');
  assert.match(result.error ?? '', /Timed out/);
  assert.match(seen.join(''), /ignoring SIGTERM/, 'SIGTERM came first');
  // Not before its deadline; how soon after it is the benchmark's business (timedOut and SIGKILL say it came).
  assert.ok(elapsed >= 800, `elapsed ${elapsed} ms`);
});

test('settles when the CLI exits but a process it left behind holds the pipes', async () => {
  const command = fakeCli('orphan', `
    const { spawn } = require('child_process');
    const orphan = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: ['ignore', 'inherit', 'inherit'] });
    console.log('orphan ' + orphan.pid);
    orphan.unref();
    process.exit(0);
  `);
  const result = await runMigrationCommand(command, { kind: 'current' }, { env, timeoutMs: 30_000 });
  const orphan = Number(/orphan (\d+)/.exec(result.stdout)?.[1]);
  try {
    assert.equal(result.ok, true);
    // Waiting for the orphan (alive for 60 s) would end in the 30 s timeout instead.
    assert.equal(result.timedOut, false, 'does not wait for the orphan');
  } finally {
    if (orphan > 0 && alive(orphan)) process.kill(orphan, 'SIGKILL');
  }
});

test('an interpreter that does not exist is a clear error, not an exception', async () => {
  const command: MigrationCommand = { file: path.join(dir, 'no-such-python'), baseArgs: ['migrate.py'], cwd: dir, style: 'migrate.py' };
  const result = await runMigrationCommand(command, { kind: 'current' }, { env, timeoutMs: 5000 });
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /Cannot run ".*no-such-python": not found/);
});

test('an already cancelled signal starts nothing', async () => {
  const marker = path.join(dir, 'started');
  const command = fakeCli('marker', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x');`);
  const controller = new AbortController();
  controller.abort();
  const result = await runMigrationCommand(command, { kind: 'current' }, { env, signal: controller.signal });
  assert.equal(result.cancelled, true);
  assert.equal(fs.existsSync(marker), false);
});

test('files a revision command generated are reported', async () => {
  const command = fakeCli('generates', `console.log('  Generating /w/versions/0006_add_invoices.py ...  done');`);
  const result = await runMigrationCommand(command, { kind: 'revision', message: 'add invoices' }, { env, timeoutMs: 20_000 });
  assert.deepEqual(result.generatedFiles, ['/w/versions/0006_add_invoices.py']);
});

test('multi-byte characters split across chunks arrive intact', async () => {
  const command = fakeCli('utf8', `
    const bytes = Buffer.from('café ✓ 日本\\n');
    process.stdout.write(bytes.subarray(0, 4));
    setTimeout(() => process.stdout.write(bytes.subarray(4)), 30);
  `);
  const result = await runMigrationCommand(command, { kind: 'history' }, { env, timeoutMs: 20_000 });
  assert.equal(result.stdout, 'café ✓ 日本\n');
});
