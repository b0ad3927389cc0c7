import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkJson, pairs, runCli } from './run-cli';

test('the nearest pyproject.toml applies: clean/ turns missing-downgrade off', async () => {
  const { diagnostics } = await checkJson(['clean']);
  assert.deepEqual(diagnostics, []);
  // Checked from a folder below it, the same pyproject.toml is found by walking up.
  const below = await checkJson(['clean/migrations/versions']);
  assert.deepEqual(below.diagnostics, []);
});

test('--rule overrides the pyproject.toml', async () => {
  const warned = await checkJson(['clean', '--rule', 'missing-downgrade=warning']);
  assert.deepEqual(pairs(warned.diagnostics), ['0002_add_users_name.py missing-downgrade']);
  assert.equal(warned.diagnostics[0]!.severity, 'warning');
  assert.equal(warned.result.code, 0);
  const failed = await checkJson(['clean', '--rule', 'missing-downgrade=error']);
  assert.equal(failed.diagnostics[0]!.severity, 'error');
  assert.equal(failed.result.code, 1);
  const off = await checkJson(['project', '--rule', 'sql-syntax=off', '--rule', 'multiple-heads=off']);
  assert.deepEqual(pairs(off.diagnostics), ['0003_add_orders_index.py require-if-not-exists']);
  assert.equal(off.result.code, 0);
});

test('--config replaces the nearest pyproject.toml', async () => {
  const { result, diagnostics } = await checkJson(['project', '--config', 'config/strict.toml']);
  assert.deepEqual(pairs(diagnostics), ['0002_create_orders.py sql-syntax', '0003_add_orders_index.py require-if-not-exists']);
  assert.equal(diagnostics.find((d) => d.rule === 'require-if-not-exists')!.severity, 'error');
  assert.equal(result.code, 1);
  // clean/pyproject.toml turned missing-downgrade off; with --config it is not read.
  const clean = await checkJson(['clean', '--config', 'config/strict.toml']);
  assert.deepEqual(pairs(clean.diagnostics), ['0002_add_users_name.py missing-downgrade']);
});

test('file arguments: linted with their location, only their findings printed', async () => {
  const { diagnostics } = await checkJson(['project/migrations/versions/0004_add_users_name.py']);
  // multiple-heads needs the other files of the location: they were read, but not reported.
  assert.deepEqual(pairs(diagnostics), ['0004_add_users_name.py multiple-heads']);
  const { stdout } = await runCli(['check', 'project/migrations/versions/0004_add_users_name.py', 'project/migrations/versions/0001_create_users.py']);
  assert.match(stdout, /^2 files checked: /m);
});

test('a versions folder gives the same findings as its project', async () => {
  const project = await checkJson(['project']);
  const versions = await checkJson(['project/migrations/versions']);
  assert.deepEqual(versions.diagnostics, project.diagnostics);
});

test('files that are not UTF-8 still get an answer; a coding cookie is honoured', async () => {
  const { result, diagnostics } = await checkJson(['encodings']);
  assert.notEqual(result.code, 2, result.stderr);
  // The latin-1 file (with its cookie) is clean; the other one has bad bytes (and a NUL byte, itself a syntax error).
  assert.ok(diagnostics.length > 0);
  assert.deepEqual(new Set(pairs(diagnostics)), new Set(['0002_garbage.py python-syntax']));
  assert.ok(diagnostics.some((d) => /not valid UTF-8/.test(d.message)), JSON.stringify(diagnostics));
});

test('a --config file that is not TOML, or gives rules a wrong type: exit 2 with the message, nothing linted', async () => {
  const broken = await runCli(['check', 'project', '--config', 'config/broken.toml']);
  assert.equal(broken.code, 2, broken.stderr);
  assert.match(broken.stderr, /^alembic-lint: --config config\/broken\.toml:1: Cannot read broken\.toml: /m);
  assert.equal(broken.stdout, '');
  const notATable = await runCli(['check', 'project', '--config', 'config/rules-not-a-table.toml']);
  assert.equal(notATable.code, 2, notATable.stderr);
  assert.match(notATable.stderr, /--config config\/rules-not-a-table\.toml:2: "rules" must be a table/);
});

test('an unknown setting in the --config file stays a warning on stderr (it may be a newer version\'s), and the run goes on', async () => {
  const { code, stdout, stderr } = await runCli(['check', 'clean', '--config', 'config/misspelt.toml']);
  assert.match(stderr, /^config\/misspelt\.toml:3: warning: Unknown setting "rulez"/m);
  assert.match(stdout, /missing-downgrade/, 'the file replaced clean/pyproject.toml');
  assert.equal(code, 0);
});
