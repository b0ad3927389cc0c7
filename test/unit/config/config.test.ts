import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { findNearestPyproject, isExcluded, resolveConfig } from '../../../server/src/core/config';
import type { Severity } from '../../../server/src/core/types';
import { fixturePath } from '../../helpers/repo';
import { MemoryFileSystem } from '../graph/memory-fs';

const KNOWN = new Map<string, Severity>([
  ['missing-downgrade', 'warning'],
  ['require-if-exists', 'warning'],
  ['sql-syntax', 'error'],
]);

function fixture(name: string): { path: string; text: string } {
  const file = fixturePath('config', name);
  return { path: file, text: fs.readFileSync(file, 'utf8') };
}

test('defaults come from the rules', () => {
  const { config, problems } = resolveConfig({}, KNOWN);
  assert.deepEqual(config, { rules: { 'missing-downgrade': 'warning', 'require-if-exists': 'warning', 'sql-syntax': 'error' }, exclude: [], onlyChanged: false });
  assert.deepEqual(problems, []);
});

test('[tool.alembic-lint.rules] table and exclude from a pyproject.toml', () => {
  const { config, problems } = resolveConfig({ pyproject: fixture('pyproject.toml') }, KNOWN);
  assert.deepEqual(problems, []);
  assert.deepEqual(config.rules, { 'missing-downgrade': 'error', 'require-if-exists': 'off', 'sql-syntax': 'error' });
  assert.deepEqual(config.exclude, ['legacy/**', '*_old.py']);
});

test('an inline rules table; values are case-insensitive', () => {
  const text = '[tool.alembic-lint]\nrules = { "sql-syntax" = "Warning", missing-downgrade = "off" }\n';
  const { config, problems } = resolveConfig({ pyproject: { path: '/p/pyproject.toml', text } }, KNOWN);
  assert.deepEqual(problems, []);
  assert.equal(config.rules['sql-syntax'], 'warning');
  assert.equal(config.rules['missing-downgrade'], 'off');
});

test('overrides (VS Code settings, CLI flags) win over pyproject.toml, exclusions add up', () => {
  const { config, problems } = resolveConfig(
    { pyproject: fixture('pyproject.toml'), overrides: { rules: { 'require-if-exists': 'hint' }, exclude: ['tmp/*'] } },
    KNOWN,
  );
  assert.deepEqual(problems, []);
  assert.equal(config.rules['require-if-exists'], 'hint');
  assert.equal(config.rules['missing-downgrade'], 'error');
  assert.deepEqual(config.exclude, ['legacy/**', '*_old.py', 'tmp/*']);
});

test('invalid values and unknown rule ids become problems with lines; the earlier value stays', () => {
  const text = [
    '[tool.alembic-lint]',
    'severity = "high"',
    '',
    '[tool.alembic-lint.rules]',
    'sql-syntax = "fatal"',
    '"no-such-rule" = "off"',
    'missing-downgrade = 3',
  ].join('\n');
  const { config, problems } = resolveConfig(
    { pyproject: { path: '/p/pyproject.toml', text }, overrides: { rules: { 'require-if-exists': 'loud' as never, typo: 'off' } } },
    KNOWN,
  );
  assert.equal(config.rules['sql-syntax'], 'error');
  assert.equal(config.rules['missing-downgrade'], 'warning');
  assert.equal(config.rules['require-if-exists'], 'warning');
  assert.equal('no-such-rule' in config.rules, false);
  assert.equal('typo' in config.rules, false);
  assert.deepEqual(
    problems.map((p) => [p.source, p.line, p.message]),
    [
      ['/p/pyproject.toml', 2, 'Unknown setting "severity" in [tool.alembic-lint] (known: rules, exclude, base, only-changed)'],
      ['/p/pyproject.toml', 5, 'Invalid value "fatal" for rule "sql-syntax": expected one of error, warning, info, hint, off'],
      ['/p/pyproject.toml', 6, 'Unknown rule "no-such-rule"'],
      ['/p/pyproject.toml', 7, 'Invalid value 3 for rule "missing-downgrade": expected one of error, warning, info, hint, off'],
      ['settings', undefined, 'Invalid value "loud" for rule "require-if-exists": expected one of error, warning, info, hint, off'],
      ['settings', undefined, 'Unknown rule "typo"'],
    ],
  );
});

test('wrong shapes for rules and exclude are problems', () => {
  const text = '[tool.alembic-lint]\nrules = "off"\nexclude = "legacy"\n';
  const { config, problems } = resolveConfig({ pyproject: { path: '/p/pyproject.toml', text } }, KNOWN);
  assert.deepEqual(config.exclude, []);
  assert.deepEqual(problems.map((p) => p.line), [2, 3]);
  assert.match(problems[0]!.message, /"rules" must be a table/);
  assert.match(problems[1]!.message, /"exclude" must be a list/);
});

test('base and only-changed: read from [tool.alembic-lint] without an unknown-setting warning; the overrides win', () => {
  const text = '[tool.alembic-lint]\nbase = " origin/main "\nonly-changed = true\n';
  const { config, problems } = resolveConfig({ pyproject: { path: '/p/pyproject.toml', text } }, KNOWN);
  assert.deepEqual(problems, []);
  assert.deepEqual([config.base, config.onlyChanged], ['origin/main', true]);
  const flags = resolveConfig({ pyproject: { path: '/p/pyproject.toml', text }, overrides: { base: 'upstream/develop', onlyChanged: false } }, KNOWN).config;
  assert.deepEqual([flags.base, flags.onlyChanged], ['upstream/develop', false]);
  const unset = resolveConfig({}, KNOWN).config;
  assert.deepEqual([unset.base, unset.onlyChanged], [undefined, false]);
});

test('base and only-changed of the wrong type are problems on their lines; the earlier value stays', () => {
  const text = '[tool.alembic-lint]\nbase = 5\nonly-changed = "yes"\n';
  const { config, problems } = resolveConfig({ pyproject: { path: '/p/pyproject.toml', text } }, KNOWN);
  assert.deepEqual([config.base, config.onlyChanged], [undefined, false]);
  assert.deepEqual(
    problems.map((p) => [p.line, p.message, p.unknownSetting]),
    [
      [2, '"base" must be a git ref such as "origin/main" (got 5)', undefined],
      [3, '"only-changed" must be true or false (got "yes")', undefined],
    ],
  );
  // What git would read as an option is no ref.
  const option = resolveConfig({ pyproject: { path: '/p/pyproject.toml', text: '[tool.alembic-lint]\nbase = "--output=/tmp/x"\n' } }, KNOWN);
  assert.deepEqual([option.config.base, option.problems.map((p) => p.line)], [undefined, [2]]);
});

test('a broken pyproject.toml does not throw: one problem with the parser message and line, defaults used', () => {
  const { config, problems } = resolveConfig({ pyproject: fixture('broken-pyproject.toml'), overrides: { rules: { 'sql-syntax': 'warning' } } }, KNOWN);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.message, /^Cannot read broken-pyproject\.toml: Invalid TOML document: /);
  assert.doesNotMatch(problems[0]!.message, /\n/);
  assert.equal(problems[0]!.line, 5);
  assert.deepEqual(config.rules, { 'missing-downgrade': 'warning', 'require-if-exists': 'warning', 'sql-syntax': 'warning' });
});

test('a pyproject.toml without our section changes nothing', () => {
  const { config, problems } = resolveConfig({ pyproject: { path: '/p/pyproject.toml', text: '[tool.ruff]\nline-length = 1\n' } }, KNOWN);
  assert.deepEqual([config.rules['sql-syntax'], problems], ['error', []]);
});

test('a --config file that is not pyproject.toml may hold the settings at the top level', () => {
  const text = 'exclude = ["old/**"]\n[rules]\nsql-syntax = "off"\n';
  const { config, problems } = resolveConfig({ pyproject: { path: '/p/alembic-lint.toml', text } }, KNOWN);
  assert.deepEqual(problems, []);
  assert.deepEqual([config.rules['sql-syntax'], config.exclude], ['off', ['old/**']]);
});

test('without known rules, any id is kept and nothing is filled in', () => {
  const { config, problems } = resolveConfig({ overrides: { rules: { anything: 'info' } } });
  assert.deepEqual([config.rules, problems], [{ anything: 'info' }, []]);
});

test('findNearestPyproject walks up to the nearest file that configures alembic-lint, not past stopAt', () => {
  const mem = new MemoryFileSystem({
    '/ws/pyproject.toml': '[tool.alembic-lint]\n',
    '/ws/backend/pyproject.toml': '[project]\nname = "x"\n',
    '/ws/backend/db/versions/a.py': '',
    '/ws/other/pyproject.toml': '[tool.alembic-lint.rules]\n',
    '/ws/other/pkg/x.py': '',
  });
  assert.equal(findNearestPyproject('/ws/backend/db/versions', '/ws', mem), '/ws/pyproject.toml');
  assert.equal(findNearestPyproject('/ws/other/pkg', '/ws', mem), '/ws/other/pyproject.toml');
  assert.equal(findNearestPyproject('/ws/backend/db', '/ws/backend', mem), undefined);
  assert.equal(findNearestPyproject('/ws/backend', undefined, mem), '/ws/pyproject.toml');
});

test('isExcluded: *, ** and ? globs, segment patterns and anchored patterns', () => {
  const cases: [string, string, boolean][] = [
    ['legacy/versions/a.py', 'legacy', true],
    ['db/legacy/a.py', 'legacy', true],
    ['db/legacy_x/a.py', 'legacy', false],
    ['db/versions/0001_old.py', '*_old.py', true],
    ['db/versions/0001_new.py', '*_old.py', false],
    ['db/versions/a.py', 'db/*', true],
    ['other/db/a.py', 'db/*', false],
    ['db/versions/a.py', '/db', true],
    ['db/versions/2024/a.py', 'db/*/a.py', false],
    ['db/versions/2024/a.py', 'db/**/a.py', true],
    ['db/a.py', 'db/**/a.py', true],
    ['x/y/z.py', '**/z.py', true],
    ['z.py', '**/z.py', true],
    ['db/v1/a.py', 'db/v?', true],
    ['db/v10/a.py', 'db/v?', false],
    ['db\\versions\\a.py', 'db/versions', true],
    ['./db/a.py', 'db/', true],
    ['db/a+b.py', 'a+b.py', true],
    ['db/aab.py', 'a+b.py', false],
  ];
  for (const [file, pattern, expected] of cases) assert.equal(isExcluded(file, [pattern]), expected, `${pattern} vs ${file}`);
  assert.equal(isExcluded('a.py', []), false);
  assert.equal(isExcluded('x/a.py', ['nope', 'x']), true);
});
