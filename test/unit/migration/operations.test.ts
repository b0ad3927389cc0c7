import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMigration } from '../../../server/src/core/migration';
import type { Operation, SqlStatement } from '../../../server/src/core/types';
import { inUpgrade, offsetOf, parse, upgradeOps, useParsers } from './helpers';

useParsers();

/** kind, label, autocommit, conditional for each op. */
function summary(ops: Operation[]): string[] {
  return ops.map((op) => {
    const label = op.kind === 'sql' ? `${op.via}:${op.sql?.text ?? '?'}` : `${op.kind}:${op.name}`;
    return `${label}${op.autocommit ? ' autocommit' : ''}${op.conditional ? ' conditional' : ''}`;
  });
}

test('operations in source order through with, if/else, for, while, try', () => {
  const body = [
    'op.execute("A")',
    'with op.get_context().autocommit_block():',
    '    op.execute("B")',
    '    if flag:',
    '        op.execute("C")',
    '    else:',
    '        op.drop_table("t")',
    'for name in NAMES:',
    '    op.execute("D")',
    'while more():',
    '    op.execute("E")',
    'try:',
    '    op.execute("F")',
    'except Exception:',
    '    op.execute("G")',
    'finally:',
    '    op.execute("H")',
    '[op.execute("I") for _ in range(2)]',
    'if op.get_bind().dialect.name == "postgresql":',
    '    op.execute("J")',
  ].join('\n');
  assert.deepEqual(summary(upgradeOps(parse(inUpgrade(body)))), [
    'op.execute:A',
    'op.execute:B autocommit',
    'op.execute:C autocommit conditional',
    'api:drop_table autocommit conditional',
    'op.execute:D conditional',
    'op.execute:E conditional',
    'op.execute:F',
    'op.execute:G conditional',
    'op.execute:H',
    'op.execute:I conditional',
    // A branch taken on PostgreSQL runs as surely as the if itself.
    'op.execute:J',
  ]);
});

test('autocommit_block on any receiver, and a nested helper function counts as conditional', () => {
  const body = 'ctx = op.get_context()\nwith ctx.autocommit_block():\n    op.execute("A")\ndef helper():\n    op.execute("B")\nhelper()';
  assert.deepEqual(summary(upgradeOps(parse(inUpgrade(body)))), ['other:get_context', 'op.execute:A autocommit', 'op.execute:B conditional']);
});

test('connections: op.get_bind(), names assigned from it, conventional names, exec_driver_sql', () => {
  const body = [
    'op.get_bind().execute("A")',
    'db = op.get_bind()',
    'db.execute("B")',
    'ctx_bind = op.get_context().bind',
    'ctx_bind.execute("C")',
    'conn.execute(sa.text("D"))',
    'connection.execute("E")',
    'bind.execute("F")',
    'session.execute("not recorded")',
    'engine.exec_driver_sql("G")',
    'rows = conn.execute("H").fetchall()',
    'op.get_context().connection.execute("I")',
  ].join('\n');
  assert.deepEqual(summary(upgradeOps(parse(inUpgrade(body)))), [
    'connection:A',
    'other:get_bind',
    'connection:B',
    'connection:C',
    'connection:D',
    'connection:E',
    'connection:F',
    'connection:G',
    'connection:H',
    'connection:I',
  ]);
});

test('an op.* call that is the object of an attribute is no operation of its own; one in the arguments of such an object is', () => {
  const body = 'dialect = op.get_bind().dialect.name\nhelper(op.get_bind()).close()';
  assert.deepEqual(summary(upgradeOps(parse(inUpgrade(body)))), ['other:get_bind']);
});

test('connection SQL keeps bind placeholders as written', () => {
  const text = inUpgrade('conn = op.get_bind()\nconn.execute(sa.text("UPDATE t SET a = :a WHERE b = %(b)s"), {"a": 1})');
  const ops = upgradeOps(parse(text));
  const op = ops[1]!;
  assert.ok(op.kind === 'sql' && op.sql);
  assert.equal(op.sql.text, 'UPDATE t SET a = :a WHERE b = %(b)s');
  assert.deepEqual(op.range, { start: offsetOf(text, 'conn.execute'), end: offsetOf(text, '})') + 2 });
});

test('batch_op.execute is SQL; op.f, op.inline_literal and op.batch_alter_table are not operations', () => {
  const body = 'with op.batch_alter_table("t") as batch_op:\n    batch_op.execute("UPDATE t SET a = 1")\nop.execute(t.update().values(a=op.inline_literal("x")))\nname = op.f("ix")';
  assert.deepEqual(summary(upgradeOps(parse(inUpgrade(body)))), ['op.execute:UPDATE t SET a = 1', 'op.execute:?']);
});

test('op.execute without an argument, and with the sqltext keyword', () => {
  const ops = upgradeOps(parse(inUpgrade('op.execute()\nop.execute(sqltext="SELECT 1")')));
  assert.ok(ops[0]!.kind === 'sql' && ops[0]!.sql === null);
  assert.match(ops[0]!.kind === 'sql' ? ops[0]!.unknownReason ?? '' : '', /no SQL argument/);
  assert.ok(ops[1]!.kind === 'sql' && ops[1]!.sql?.text === 'SELECT 1');
});

test('op imported under another name', () => {
  const text = inUpgrade('alembic_op.execute("A")\nalembic_op.drop_table("t")\nop.execute("B")', 'from alembic import op as alembic_op\n');
  assert.deepEqual(summary(upgradeOps(parse(text))), ['op.execute:A', 'api:drop_table', 'op.execute:B']);
});

test('statements and syntax errors from the SQL layer are attached; a failing SQL layer costs only the statements', () => {
  const statement: SqlStatement = { nodeType: 'DropStmt', sqlRange: { start: 0, end: 12 }, facts: [], changes: [] };
  const text = inUpgrade('op.execute("DROP TABLE t")\nop.execute("DROP TABL")');
  const file = parseMigration('/m.py', text, {
    analyzeSql: (sql) =>
      sql.text === 'DROP TABLE t'
        ? { statements: [statement] }
        : { statements: [], syntaxError: { message: 'syntax error at or near "TABL"', sqlOffset: 5, range: { start: 1, end: 2 } } },
  });
  const [good, bad] = file.upgrade!.ops;
  assert.ok(good?.kind === 'sql' && bad?.kind === 'sql');
  assert.deepEqual(good.statements, [statement]);
  assert.equal(bad.syntaxError?.sqlOffset, 5);

  const throwing = parseMigration('/m.py', text, {
    analyzeSql: () => {
      throw new Error('boom');
    },
  });
  assert.equal(throwing.pythonErrors.length, 0);
  assert.equal(throwing.upgrade!.ops.length, 2);
  for (const op of throwing.upgrade!.ops) {
    assert.ok(op.kind === 'sql');
    assert.deepEqual(op.statements, []);
    assert.ok(op.sql);
  }
});
