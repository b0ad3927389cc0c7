// Through the real SQL layer: a syntax error in SQL inside Python lands on the exact file characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMigration } from '../../../server/src/core/migration';
import type { SqlOperation } from '../../../server/src/core/types';
import { inUpgrade, offsetOf, useParsers } from './helpers';

useParsers();

function firstSqlOp(text: string): SqlOperation {
  const op = parseMigration('/project/versions/0001_x.py', text).upgrade?.ops[0];
  assert.ok(op?.kind === 'sql', 'no SQL operation');
  return op;
}

/**
 * `body` contains the bad token `QQQ` once in the SQL (possibly split by the Python form). The error
 * range must start exactly at the token in the file, in LF and CRLF versions of the file.
 */
function assertErrorAt(body: string, prelude = ''): void {
  for (const lineEnd of ['\n', '\r\n']) {
    const text = inUpgrade(body, prelude).replace(/\n/g, lineEnd);
    const op = firstSqlOp(text);
    assert.ok(op.sql, `SQL unknown: ${op.unknownReason}`);
    assert.ok(op.syntaxError, `no syntax error for ${JSON.stringify(body)}`);
    assert.equal(op.syntaxError.range.start, offsetOf(text, 'QQQ'), `${JSON.stringify(body)} ${JSON.stringify(lineEnd)}`);
    assert.equal(text.slice(op.syntaxError.range.start, op.syntaxError.range.end), 'QQQ');
  }
}

test('syntax error in a plain literal, after non-ASCII text in the file and in the SQL', () => {
  assertErrorAt('op.execute("CREATE TABLE t (a int) QQQ")');
  assertErrorAt('# café ☕ 😀\nop.execute("INSERT INTO t VALUES (\'é😀\') QQQ")', '# ünïcödé 😀\n');
});

test('syntax error after escapes and tabs', () => {
  assertErrorAt(String.raw`op.execute("INSERT INTO t VALUES ('\x41\u00e9\t\N{EM DASH}',\n\t'\\') QQQ")`);
  assertErrorAt('op.execute("""\n\tALTER TABLE t\n\tADD COLUMN x int QQQ\n""")');
});

test('syntax error across implicitly concatenated pieces and after dedent', () => {
  assertErrorAt('op.execute(\n    "ALTER TABLE t "\n    r"ADD COLUMN x int "\n    "QQQ"\n)');
  assertErrorAt('op.execute(sa.text(textwrap.dedent("""\n    ALTER TABLE t\n      ADD COLUMN x int QQQ\n""")))');
  assertErrorAt('op.execute(SQL)', 'SQL = """\n    DROP TABLE a QQQ\n"""\n');
});

test('bind placeholders are not syntax errors; statements and facts map into the file', () => {
  const text = inUpgrade('conn = op.get_bind()\nconn.execute(sa.text("UPDATE t SET a = :a"))\nop.execute("CREATE INDEX IF NOT EXISTS ix_é ON t (a)")');
  const ops = parseMigration('/x.py', text).upgrade!.ops.filter((op): op is SqlOperation => op.kind === 'sql');
  assert.equal(ops.length, 2);
  assert.equal(ops[0]!.syntaxError, undefined);
  assert.equal(ops[1]!.syntaxError, undefined);
  const fact = ops[1]!.statements[0]?.facts[0];
  assert.ok(fact);
  assert.equal(fact.action, 'create');
  assert.equal(text.slice(fact.range.start, fact.range.end), 'CREATE INDEX IF NOT EXISTS ix_é ON t (a)');
});
