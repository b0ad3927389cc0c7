import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { argsFor, displayCommandLine, resolveCommand, type MigrationAction, type MigrationCommand } from '../../../common/alembic-command';
import { runMigrationCommand } from '../../../client/src/alembic/runner';

const project = { iniPath: '/w/backend/alembic.ini', dir: '/w/backend' };
const withMigrateScript = (file: string): boolean => file === '/w/backend/migrate.py';
const nothing = (): boolean => false;

test('the alembic.command setting is used as given, in the project folder', () => {
  const command = resolveCommand(project, { commandSetting: ['poetry', 'run', 'alembic'], python: '/py', exists: withMigrateScript });
  assert.deepEqual(command, { file: 'poetry', baseArgs: ['run', 'alembic'], cwd: '/w/backend', style: 'setting' });
});

test('an empty alembic.command setting falls through to migrate.py', () => {
  const command = resolveCommand(project, { commandSetting: [], python: '/py', exists: withMigrateScript });
  assert.equal(command.style, 'migrate.py');
});

test('<python> migrate.py when migrate.py sits beside alembic.ini', () => {
  const command = resolveCommand(project, { python: '/w/.venv/bin/python', exists: withMigrateScript });
  assert.deepEqual(command, { file: '/w/.venv/bin/python', baseArgs: ['migrate.py'], cwd: '/w/backend', style: 'migrate.py' });
});

test('else <python> -m alembic -c <the ini file>', () => {
  const command = resolveCommand({ iniPath: '/w/db/alembic-prod.ini', dir: '/w/db' }, { python: 'python3', exists: nothing });
  assert.deepEqual(command, { file: 'python3', baseArgs: ['-m', 'alembic', '-c', 'alembic-prod.ini'], cwd: '/w/db', style: 'alembic' });
});

const migrateScript: MigrationCommand = { file: 'python3', baseArgs: ['migrate.py'], cwd: '/w/backend', style: 'migrate.py' };
const alembic: MigrationCommand = { file: 'python3', baseArgs: ['-m', 'alembic', '-c', 'alembic.ini'], cwd: '/w/backend', style: 'alembic' };

test('migrate.py arguments follow the example CLI', () => {
  const cases: Array<[MigrationAction, string[]]> = [
    [{ kind: 'upgrade', target: 'head' }, ['upgrade', 'head']],
    [{ kind: 'downgrade', target: '-1' }, ['downgrade', '-1']],
    [{ kind: 'current' }, ['current']],
    [{ kind: 'history' }, ['history']],
    [{ kind: 'heads' }, ['heads']],
    [{ kind: 'revision', message: 'add invoices', revId: '0007' }, ['revision', 'add invoices']],
    [{ kind: 'stamp', target: '0003' }, ['stamp', '0003']],
    [{ kind: 'merge', message: 'merge heads', revisions: ['0006', '0007'] }, ['merge', 'merge heads']],
    [{ kind: 'sql', range: '0004:0005' }, ['upgrade', '--sql', '0004:0005']],
    [{ kind: 'sql', range: '0005:0004', direction: 'downgrade' }, ['downgrade', '--sql', '0005:0004']],
  ];
  for (const [action, args] of cases) assert.deepEqual(argsFor(migrateScript, action), ['migrate.py', ...args], action.kind);
});

test('alembic arguments follow Alembic\'s CLI', () => {
  const cases: Array<[MigrationAction, string[]]> = [
    [{ kind: 'upgrade', target: 'head' }, ['upgrade', 'head']],
    [{ kind: 'downgrade', target: 'base' }, ['downgrade', 'base']],
    [{ kind: 'current' }, ['current']],
    [{ kind: 'revision', message: 'add invoices', revId: '0007' }, ['revision', '-m', 'add invoices', '--rev-id', '0007']],
    [{ kind: 'revision', message: 'add invoices' }, ['revision', '-m', 'add invoices']],
    [{ kind: 'stamp', target: 'head' }, ['stamp', 'head']],
    [{ kind: 'merge', message: 'merge', revisions: ['ab12', 'cd34'] }, ['merge', '-m', 'merge', 'ab12', 'cd34']],
    [{ kind: 'merge', message: 'merge', revisions: [] }, ['merge', '-m', 'merge', 'heads']],
    [{ kind: 'sql', range: 'ab12:cd34' }, ['upgrade', '--sql', 'ab12:cd34']],
  ];
  for (const [action, args] of cases) assert.deepEqual(argsFor(alembic, action), ['-m', 'alembic', '-c', 'alembic.ini', ...args], action.kind);
});

test('a setting speaks migrate.py when it runs a migrate.py, Alembic otherwise', () => {
  const viaUv: MigrationCommand = { file: 'uv', baseArgs: ['run', 'migrate.py'], cwd: '/w', style: 'setting' };
  const viaPoetry: MigrationCommand = { file: 'poetry', baseArgs: ['run', 'alembic'], cwd: '/w', style: 'setting' };
  const revision: MigrationAction = { kind: 'revision', message: 'x', revId: '0002' };
  assert.deepEqual(argsFor(viaUv, revision), ['run', 'migrate.py', 'revision', 'x']);
  assert.deepEqual(argsFor(viaPoetry, revision), ['run', 'alembic', 'revision', '-m', 'x', '--rev-id', '0002']);
});

test('a message that looks like an option stays a message; -1 stays a relative target', () => {
  assert.deepEqual(argsFor(migrateScript, { kind: 'revision', message: '--drop everything' }), ['migrate.py', 'revision', '--', '--drop everything']);
  assert.deepEqual(argsFor(alembic, { kind: 'revision', message: '-x' }).slice(-2), ['revision', '--message=-x']);
  assert.deepEqual(argsFor(alembic, { kind: 'downgrade', target: '-2' }).slice(-2), ['downgrade', '-2']);
});

const HOSTILE = `it's "quoted"; $(touch PWNED) \`touch PWNED\` & | > < \\ * ?`;

test('a hostile message is one argument element', () => {
  const args = argsFor(migrateScript, { kind: 'revision', message: HOSTILE });
  assert.deepEqual(args, ['migrate.py', 'revision', HOSTILE]);
});

test('a hostile message reaches a real process intact, with no shell side effect', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-argv-'));
  try {
    // node stands in for Python: the argument vector is what is under test, not the interpreter.
    fs.writeFileSync(path.join(dir, 'migrate.py'), 'process.stdout.write(JSON.stringify(process.argv.slice(2)) + "\\n");\n');
    const command = resolveCommand({ iniPath: path.join(dir, 'alembic.ini'), dir }, { python: process.execPath, exists: fs.existsSync });
    assert.equal(command.style, 'migrate.py');
    const result = await runMigrationCommand(command, { kind: 'revision', message: HOSTILE }, { env: { PATH: process.env.PATH }, timeoutMs: 20_000 });
    assert.equal(result.ok, true, result.error);
    assert.deepEqual(JSON.parse(result.stdout), ['revision', HOSTILE]);
    assert.deepEqual(fs.readdirSync(dir), ['migrate.py'], 'no file was created by a shell');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the displayed command line quotes what a shell would split', () => {
  assert.equal(displayCommandLine(migrateScript, ['migrate.py', 'revision', "it's here"]), `python3 migrate.py revision 'it'\\''s here'`);
  assert.equal(displayCommandLine(alembic, ['upgrade', '0004:0005', '--sql']), 'python3 upgrade 0004:0005 --sql');
});
