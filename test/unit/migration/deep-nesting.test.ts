// Python nested thousands of levels deep (brackets, calls, attribute chains, `+` chains of strings): the walkers over
// the tree use stacks of their own, so nothing overflows and the rest of the file is still checked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_EXPRESSION_NESTING } from '../../../server/src/core/migration/extract-sql';
import { lintText } from '../../helpers/lint';
import { parse, useParsers } from './helpers';

useParsers();

/** A migration whose upgrade holds `line` and then `op.execute("SELEC 1")`, which must still be reported. */
function withTypoAfter(line: string): string {
  return [
    'from alembic import op',
    'import sqlalchemy as sa',
    'revision = "0002"',
    'down_revision = "0001"',
    '',
    'def upgrade():',
    `    ${line}`,
    '    op.execute("SELEC 1")',
    '',
    'def downgrade():',
    '    op.execute("DROP TABLE IF EXISTS t")',
    '',
  ].join('\n');
}

const N = 20_000;
const cases: [string, string][] = [
  ['nested parentheses', `x = ${'('.repeat(N)}1${')'.repeat(N)}`],
  ['nested lists', `x = ${'['.repeat(N)}1${']'.repeat(N)}`],
  ['nested calls', `x = ${'f('.repeat(N)}1${')'.repeat(N)}`],
  ['an attribute chain called', `x = a${'.b'.repeat(N)}()`],
  ['a tuple target nested deep', `${'('.repeat(N)}a${',)'.repeat(N)} = 1`],
  ['op.f() inside op.f()', `op.drop_index(${'op.f('.repeat(N)}"ix"${')'.repeat(N)}, table_name="t", if_exists=True)`],
];

for (const [name, line] of cases) {
  test(`${name}, ${N.toLocaleString('en-US')} levels: no internal error, and the SQL after it is checked`, () => {
    const text = withTypoAfter(line);
    const file = parse(text);
    assert.deepEqual(
      file.pythonErrors.filter((e) => /Internal error/.test(e.message)).map((e) => e.message),
      [],
    );
    const findings = lintText(text);
    assert.ok(
      findings.some((f) => f.rule === 'sql-syntax' && /"SELEC"/.test(f.message)),
      `SELEC 1 not reported: ${findings.map((f) => `${f.rule}: ${f.message.slice(0, 80)}`).join('; ')}`,
    );
  });
}

test('20,000 unclosed brackets: a Python syntax error, not an internal one', () => {
  const file = parse(withTypoAfter(`x = ${'('.repeat(N)}`));
  assert.ok(file.pythonErrors.length > 0);
  assert.ok(file.pythonErrors.every((e) => /^(?:Python syntax error|Missing)/.test(e.message)), JSON.stringify(file.pythonErrors));
});

test('a chain of 20,000 strings joined with + is one known SQL text; deeper nesting than the cap is unknown, not wrong', () => {
  const chain = parse(withTypoAfter(`op.execute("CREATE TABLE IF NOT EXISTS t (id int)"${' + ""'.repeat(N)})`));
  const first = chain.upgrade!.ops[0]!;
  assert.equal(first.kind === 'sql' && first.sql?.text, 'CREATE TABLE IF NOT EXISTS t (id int)');

  const wrapped = (depth: number) => parse(withTypoAfter(`op.execute(${'sa.text('.repeat(depth)}"SELECT 1"${')'.repeat(depth)})`)).upgrade!.ops[0]!;
  const within = wrapped(MAX_EXPRESSION_NESTING - 1);
  assert.equal(within.kind === 'sql' && within.sql?.text, 'SELECT 1');
  const beyond = wrapped(N);
  assert.ok(beyond.kind === 'sql' && beyond.sql === null);
  assert.equal(beyond.kind === 'sql' && beyond.unknownReason, 'expression nested too deeply');
});
