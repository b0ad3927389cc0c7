import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeData, escapeProperty } from '../../../server/src/cli/formats/github';
import { formatText, summaryLine } from '../../../server/src/cli/formats/text';
import type { ReportedFinding } from '../../../server/src/cli/report';
import { rules } from '../../../server/src/core/rules';
import type { Severity } from '../../../server/src/core/types';
import { checkJson, fixturePosition, pairs, runCli } from './run-cli';

const SYNTAX_FILE = 'project/migrations/versions/0002_create_orders.py';
const EXPECTED = ['0002_create_orders.py sql-syntax', '0003_add_orders_index.py multiple-heads', '0003_add_orders_index.py require-if-not-exists', '0004_add_users_name.py multiple-heads'];

test('json: the diagnostics of the project, 1-based, with every field', async () => {
  const { result, diagnostics } = await checkJson(['project']);
  assert.equal(result.code, 1);
  assert.deepEqual(pairs(diagnostics), EXPECTED);
  for (const d of diagnostics) {
    assert.deepEqual(Object.keys(d).sort(), ['column', 'endColumn', 'endLine', 'file', 'line', 'message', 'rule', 'severity']);
    assert.ok(d.line >= 1 && d.column >= 1 && d.endLine >= d.line, JSON.stringify(d));
    assert.ok(d.endLine > d.line || d.endColumn >= d.column, JSON.stringify(d));
    assert.match(d.file, /^project\/migrations\/versions\/[^\\]+\.py$/);
    assert.ok(d.message.length > 0);
  }
  const syntax = diagnostics.find((d) => d.rule === 'sql-syntax')!;
  // "🐘" before the SQL counts as two UTF-16 columns, as in editors.
  const typo = fixturePosition(SYNTAX_FILE, 'CREAT TABLE');
  assert.deepEqual({ file: syntax.file, line: syntax.line, column: syntax.column, severity: syntax.severity }, { file: SYNTAX_FILE, ...typo, severity: 'error' });
  const head = diagnostics.find((d) => d.rule === 'multiple-heads' && d.file.endsWith('0004_add_users_name.py'))!;
  assert.deepEqual({ line: head.line, column: head.column }, fixturePosition('project/migrations/versions/0004_add_users_name.py', '"0004"'));
});

test('text: compiler-style lines, relative paths, a summary, no colour when not a terminal', async () => {
  const { stdout } = await runCli(['check', 'project']);
  const { diagnostics } = await checkJson(['project']);
  assert.doesNotMatch(stdout, /\u001b\[/);
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, diagnostics.length + 1);
  diagnostics.forEach((d, i) => assert.equal(lines[i], `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.rule} ${d.message}`));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  assert.equal(lines.at(-1), `4 files checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, 0 info; 0 statements not analysed (built at run time)`);
});

test('text: ANSI colours only when asked for', () => {
  const finding: ReportedFinding = { file: 'a.py', line: 3, column: 5, endLine: 3, endColumn: 9, rule: 'sql-syntax', severity: 'error', message: 'bad' };
  const counts = { files: 1, unchanged: 0, notAnalysed: { runTime: 0, tooComplex: 0 } };
  const coloured = formatText([finding], counts, true);
  assert.match(coloured, /\u001b\[31merror\u001b\[0m/);
  assert.equal(formatText([finding], counts, false), 'a.py:3:5: error sql-syntax bad\n1 file checked: 1 error, 0 warnings, 0 info; 0 statements not analysed (built at run time)\n');
});

test('text: the summary counts files, findings by severity and the SQL not analysed', () => {
  const at = (severity: Severity): ReportedFinding => ({ file: 'a.py', line: 1, column: 1, endLine: 1, endColumn: 2, rule: 'sql-syntax', severity, message: 'm' });
  const counts = (files: number, unchanged: number, runTime: number, tooComplex: number) => ({ files, unchanged, notAnalysed: { runTime, tooComplex } });
  assert.equal(
    summaryLine([at('error'), at('warning'), at('warning')], counts(12, 0, 3, 0)),
    '12 files checked: 1 error, 2 warnings, 0 info; 3 statements not analysed (built at run time)',
  );
  assert.equal(summaryLine([at('info'), at('hint')], counts(1, 0, 0, 1)), '1 file checked: 0 errors, 0 warnings, 1 info, 1 hint; 1 statement not analysed (too complex to parse)');
  assert.equal(summaryLine([], counts(2, 8, 1, 2), ['error']), '2 files checked (8 unchanged since the base not reported): 1 error, 0 warnings, 0 info; 3 statements not analysed (1 built at run time, 2 too complex to parse)');
});

test('sarif: 2.1.0 with rule metadata and results GitHub code scanning accepts', async () => {
  const { code, stdout } = await runCli(['check', 'project', '--format', 'sarif']);
  assert.equal(code, 1);
  const log = JSON.parse(stdout);
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, 'alembic-lint');
  assert.match(driver.informationUri, /^https:\/\//);
  assert.match(driver.version, /^\d+\.\d+\.\d+/);
  assert.deepEqual(driver.rules.map((r: { id: string }) => r.id), rules.map((r) => r.meta.id));
  for (const rule of driver.rules) {
    assert.ok(rule.shortDescription.text.length > 0);
    assert.match(rule.helpUri, new RegExp(`docs/rules/${rule.id}\\.md$`));
    assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
  }
  const { diagnostics } = await checkJson(['project']);
  assert.equal(run.results.length, diagnostics.length);
  run.results.forEach((result: any, i: number) => {
    const d = diagnostics[i]!;
    assert.equal(result.ruleId, d.rule);
    assert.equal(driver.rules[result.ruleIndex].id, d.rule);
    assert.equal(result.level, d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note');
    assert.equal(result.message.text, d.message);
    const location = result.locations[0].physicalLocation;
    assert.equal(location.artifactLocation.uri, d.file);
    assert.equal(location.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.deepEqual(location.region, { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn });
  });
});

test('github: one workflow command per finding, properties and message escaped', async () => {
  const { code, stdout } = await runCli(['check', 'project', '--format', 'github']);
  const { diagnostics } = await checkJson(['project']);
  assert.equal(code, 1);
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, diagnostics.length);
  lines.forEach((line, i) => {
    const d = diagnostics[i]!;
    const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
    assert.equal(
      line,
      `::${command} file=${d.file},line=${d.line},col=${d.column},endLine=${d.endLine},endColumn=${d.endColumn},title=${d.rule}::${escapeData(d.message)}`,
    );
  });
  assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
  assert.equal(escapeProperty('dir:x/a,b.py\n'), 'dir%3Ax/a%2Cb.py%0A');
});
