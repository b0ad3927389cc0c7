import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../helpers/repo';
import { runCli } from './run-cli';

test('a clean project exits 0 and says so', async () => {
  const { code, stdout, stderr } = await runCli(['check', 'clean']);
  assert.equal(stderr, '');
  assert.equal(stdout, '2 files checked: 0 errors, 0 warnings, 0 info; 0 statements not analysed (built at run time)\n');
  assert.equal(code, 0);
});

test('an error-level finding exits 1', async () => {
  const { code, stdout } = await runCli(['check', 'project']);
  assert.match(stdout, / error sql-syntax /);
  assert.equal(code, 1);
});

test('warnings alone exit 0', async () => {
  const { code, stdout } = await runCli(['check', 'project/migrations/versions/0003_add_orders_index.py']);
  assert.match(stdout, / warning require-if-not-exists /);
  assert.doesNotMatch(stdout, / error /);
  assert.equal(code, 0);
});

for (const [name, args, message] of [
  ['an unknown flag', ['check', 'clean', '--bogus'], /bogus/],
  ['a missing path', ['check', 'no/such/folder'], /no such file or folder: no\/such\/folder/],
  ['an unknown format', ['check', 'clean', '--format', 'xml'], /--format must be one of text, json, sarif, github/],
  ['a malformed --rule', ['check', 'clean', '--rule', 'sql-syntax'], /--rule expects ID=SEVERITY/],
  ['an unknown rule id', ['check', 'clean', '--rule', 'no-such-rule=error'], /Unknown rule "no-such-rule"/],
  ['a bad severity', ['check', 'clean', '--rule', 'sql-syntax=fatal'], /Invalid value "fatal"/],
  ['a missing --config file', ['check', 'clean', '--config', 'nowhere.toml'], /cannot read the configuration file nowhere\.toml/],
  ['no command', [], /a command is required/],
  ['an unknown command', ['lint'], /unknown command "lint"/],
  ['a check option given to graph', ['graph', 'project', '--rule', 'sql-syntax=off'], /--rule is not an option of graph/],
  ['a base option given to schema', ['schema', 'project', '--only-changed'], /--only-changed is not an option of schema/],
  ['a --base that git would read as an option', ['check', 'clean', '--base=--output=/tmp/x'], /--base expects a git ref such as origin\/main/],
] as const) {
  test(`${name} exits 2 with a message and no stack`, async () => {
    const { code, stdout, stderr } = await runCli([...args]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, message);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  });
}

test('a folder without migrations is not an error, but says so', async () => {
  const checked = await runCli(['check', 'config']);
  assert.equal(checked.code, 0);
  assert.equal(checked.stdout, '0 files checked: 0 errors, 0 warnings, 0 info; 0 statements not analysed (built at run time)\n');
  assert.match(checked.stderr, /no Alembic migration files found in config/);
  const graphed = await runCli(['graph', 'config']);
  assert.equal(graphed.code, 0);
  assert.equal(graphed.stdout, '');
  assert.match(graphed.stderr, /no Alembic migration files found in config/);
});

test('--help prints usage and exits 0', async () => {
  const { code, stdout } = await runCli(['--help']);
  assert.equal(code, 0);
  assert.match(stdout, /alembic-lint check \[PATH\.\.\.\]/);
  assert.match(stdout, /--format text\|json\|sarif\|github/);
  assert.match(stdout, /--base REF .*\n[\s\S]*--only-changed [\s\S]*--verbose/);
});

test('--version prints the package version', async () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const { code, stdout } = await runCli(['--version']);
  assert.equal(code, 0);
  assert.equal(stdout, `${pkg.version}\n`);
});
