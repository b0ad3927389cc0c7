import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BodyKind } from '../../../server/src/core/types';
import { offsetOf, parse, readFixture, useParsers } from './helpers';

useParsers();

function downgradeKind(body: string): BodyKind | undefined {
  return parse(`revision = "1"\n\ndef downgrade():\n${body}\n`).downgrade?.bodyKind;
}

test('body kinds', () => {
  const cases: [string, BodyKind][] = [
    ['    pass', 'empty'],
    ['    ...', 'empty'],
    ['    """Nothing to undo."""', 'empty'],
    ['    """Doc."""\n    pass', 'empty'],
    ['    # nothing to do\n    # really', 'empty'],
    ['    raise NotImplementedError()', 'raises'],
    ['    """Irreversible."""\n    raise NotImplementedError("no way back")', 'raises'],
    ['    raise Exception("a")\n    raise Exception("b")', 'raises'],
    ['    op.drop_table("t")', 'statements'],
    ['    """Doc."""\n    op.execute("DROP TABLE t")', 'statements'],
    ['    if False:\n        raise Exception()', 'statements'],
    ['    x = 1', 'statements'],
  ];
  for (const [body, kind] of cases) assert.equal(downgradeKind(body), kind, body);
  assert.equal(parse('revision = "1"\ndef downgrade(): pass\n').downgrade?.bodyKind, 'empty');
});

test('missing functions are undefined', () => {
  const file = parse('revision = "1"\n\ndef upgrade():\n    pass\n');
  assert.ok(file.upgrade);
  assert.equal(file.downgrade, undefined);
});

test('ranges: whole def without decorators, name, body', () => {
  const text = 'revision = "1"\n\n\n@some.decorator(1)\ndef upgrade() -> None:\n    op.execute("SELECT 1")\n    op.execute("SELECT 2")\n';
  const fn = parse(text).upgrade;
  assert.ok(fn);
  const defAt = offsetOf(text, 'def upgrade');
  assert.deepEqual(fn.range, { start: defAt, end: text.length - 1 });
  assert.deepEqual(fn.nameRange, { start: defAt + 4, end: defAt + 11 });
  assert.equal(text.slice(fn.bodyRange.start, fn.bodyRange.end), 'op.execute("SELECT 1")\n    op.execute("SELECT 2")');
  assert.equal(fn.bodyKind, 'statements');
  assert.equal(fn.hasParameters, false);
  assert.equal(fn.ops.length, 2);
});

test('body indentation as written: spaces, tabs, one-liners, comment-only bodies', () => {
  assert.equal(parse('def upgrade():\n        pass\n').upgrade?.bodyIndent, '        ');
  assert.equal(parse('def upgrade():\n\tpass\n').upgrade?.bodyIndent, '\t');
  assert.equal(parse('def upgrade():\n    # first a comment\n  \n    pass\n').upgrade?.bodyIndent, '    ');
  assert.equal(parse('def upgrade(): pass\n').upgrade?.bodyIndent, '    ');
  assert.equal(parse('def downgrade():\n\t# nothing\n').downgrade?.bodyIndent, '\t');
  assert.equal(parse('class A:\n    pass\ndef upgrade():\n  pass\n').upgrade?.bodyIndent, '  ');
});

test('the last definition of a function wins', () => {
  const file = parse('def upgrade():\n    op.drop_table("a")\n\ndef upgrade():\n    pass\n');
  assert.equal(file.upgrade?.bodyKind, 'empty');
});

test('template migration (typed, docstring body, raw SQL)', () => {
  const file = parse(readFixture('template_0007_add_orders.py'));
  assert.equal(file.isMigration, true);
  assert.equal(file.pythonErrors.length, 0);
  assert.equal(file.upgrade?.bodyKind, 'statements');
  assert.equal(file.upgrade?.ops.length, 2);
  assert.equal(file.downgrade?.ops.length, 2);
  assert.equal(file.docstring?.revisionId?.value, '0007');
  assert.deepEqual(file.docstring?.revises?.ids, ['0006']);
});

test('upgrade(op, tables, tester): parameters, and the op parameter is still op', () => {
  const file = parse(readFixture('params_upgrade_op_tables_tester.py'));
  assert.equal(file.upgrade?.hasParameters, true);
  assert.equal(file.downgrade?.hasParameters, true);
  const ops = file.upgrade!.ops;
  assert.deepEqual(
    ops.map((op) => op.kind),
    ['api', 'sql'],
  );
  assert.equal(ops[1]!.kind === 'sql' && ops[1]!.sql, null);
  assert.equal(file.downgrade!.ops[0]!.kind, 'api');
});

test('upgrade() dispatching through globals() (Flask-Migrate multi-database) is what its upgrade_<engine>() functions do', () => {
  const file = parse(readFixture('engine_dispatch.py'));
  assert.equal(file.upgrade?.bodyKind, 'statements');
  assert.equal(file.upgrade?.hasParameters, true);
  assert.deepEqual(file.upgrade?.engines, ['upgrade_main']);
  assert.deepEqual(file.downgrade?.engines, ['downgrade_main']);
  assert.deepEqual(
    file.upgrade?.ops.map((op) => op.kind === 'sql' && op.sql?.text),
    ['CREATE TABLE t (id int)'],
  );
  assert.deepEqual(
    file.downgrade?.ops.map((op) => op.kind === 'sql' && op.sql?.text),
    ['DROP TABLE t'],
  );
  // The dispatcher keeps its own ranges: a fix must not write the engines' statements into it.
  assert.ok(file.upgrade!.bodyRange.end < file.text.indexOf('def downgrade('));
});

test('multi-database: the f-string form, the default engine (upgrade_()), several engines in source order, empty engines', () => {
  const file = parse(
    [
      'revision = "b"',
      'down_revision = "a"',
      'def upgrade(engine_name):',
      '    globals()[f"upgrade_{engine_name}"]()',
      'def downgrade(engine_name):',
      '    globals()[f"downgrade_{engine_name}"]()',
      'def upgrade_():',
      '    op.execute("CREATE TABLE a (id int)")',
      'def downgrade_():',
      '    pass',
      'def upgrade_users():',
      '    op.execute("CREATE TABLE b (id int)")',
      'def downgrade_users():',
      '    pass',
    ].join('\n'),
  );
  assert.deepEqual(file.upgrade?.engines, ['upgrade_', 'upgrade_users']);
  assert.equal(file.upgrade?.ops.length, 2);
  assert.equal(file.downgrade?.bodyKind, 'empty');
  assert.deepEqual(file.downgrade?.ops, []);
});

test('upgrade_<x>() functions without a globals() dispatch are not followed', () => {
  const file = parse(['revision = "b"', 'def upgrade():', '    pass', 'def upgrade_data():', '    op.execute("DELETE FROM t")'].join('\n'));
  assert.equal(file.upgrade?.engines, undefined);
  assert.equal(file.upgrade?.bodyKind, 'empty');
  assert.deepEqual(file.upgrade?.ops, []);
});

test('a return before anything else makes an empty body, and what follows it is not read', () => {
  const file = parse(['revision = "b"', 'def upgrade():', '    """Nothing to do here."""', '    return', '    op.execute("CREATE TABLE t (id int)")', '    cleanup()'].join('\n'));
  assert.equal(file.upgrade?.bodyKind, 'empty');
  assert.deepEqual(file.upgrade?.ops, []);
  assert.deepEqual(file.upgrade?.helperCalls, []);
});

test('merge revision of two bases: empty bodies, tuple down_revision', () => {
  const file = parse(readFixture('merge_two_bases.py'));
  assert.equal(file.upgrade?.bodyKind, 'empty');
  assert.equal(file.downgrade?.bodyKind, 'empty');
  assert.deepEqual(
    file.downRevision?.ids.map((id) => id.value),
    ['1a2b3c4d5e6f', '6f5e4d3c2b1a'],
  );
  assert.deepEqual(file.docstring?.revises?.ids, ['1a2b3c4d5e6f', '6f5e4d3c2b1a']);
});
