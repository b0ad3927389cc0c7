import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentTrees, MAX_ANALYSED_LENGTH } from '../../../server/src/core/migration';
import { computeLineStarts, sqlOffsetToFile } from '../../../server/src/core/text';
import type { MigrationFile, Range } from '../../../server/src/core/types';
import { inUpgrade, offsetOf, parse, readFixture, useParsers } from './helpers';

useParsers();

function assertRange(file: MigrationFile, range: Range, what: string): void {
  assert.ok(range.start >= 0 && range.start <= range.end && range.end <= file.text.length, `${what}: ${JSON.stringify(range)} in ${file.text.length}`);
}

/** Every range lies in the text and every SQL map is well formed. */
function assertWellFormed(file: MigrationFile): void {
  for (const error of file.pythonErrors) assertRange(file, error.range, 'python error');
  for (const fn of [file.upgrade, file.downgrade]) {
    if (!fn) continue;
    assertRange(file, fn.range, 'function');
    assertRange(file, fn.bodyRange, 'body');
    for (const op of fn.ops) {
      assertRange(file, op.range, 'op');
      if (op.kind !== 'sql' || !op.sql) continue;
      let next = 0;
      for (const seg of op.sql.segments) {
        assert.equal(seg.sqlStart, next);
        next += seg.length;
        assert.ok(seg.fileStart >= 0 && seg.fileStart + seg.length <= file.text.length);
      }
      assert.equal(next, op.sql.text.length);
    }
  }
  assert.deepEqual(file.lineStarts, computeLineStarts(file.text));
}

test('Python syntax errors are reported with ranges; the rest of the file is still read', () => {
  const text = 'revision = "0002"\ndown_revision = "0001"\n\ndef upgrade():\n    op.execute("SELECT 1"\n\ndef downgrade():\n    op.execute("DROP TABLE t")\n\nx = (1,\n';
  const file = parse(text);
  assert.ok(file.pythonErrors.length > 0);
  assert.ok(file.pythonErrors.every((e) => /Python syntax error|Missing/.test(e.message)), JSON.stringify(file.pythonErrors));
  assert.deepEqual(file.revision?.ids.map((id) => id.value), ['0002']);
  assert.deepEqual(file.downRevision?.ids.map((id) => id.value), ['0001']);
  // The unclosed bracket swallows the rest of the file; downgrade() is still found, with its ops.
  assert.ok(file.downgrade, 'downgrade after the broken upgrade is still found');
  assert.equal(file.downgrade.bodyKind, 'statements');
  const drop = file.downgrade.ops[0];
  assert.ok(drop?.kind === 'sql' && drop.sql);
  assert.equal(drop.sql.text, 'DROP TABLE t');
  assert.equal(sqlOffsetToFile(drop.sql, 0), offsetOf(text, 'DROP TABLE t'));
  assertWellFormed(file);
});

test('a def without an indented body (nothing, or comments only) is a Python error', () => {
  for (const text of ['revision = "1"\ndef downgrade():\n    # nothing to undo\n', 'revision = "1"\ndef downgrade():\nop.execute("x")\n']) {
    const file = parse(text);
    assert.equal(file.downgrade?.bodyKind, 'empty');
    assert.deepEqual(file.pythonErrors, [
      { message: "Expected an indented block after 'def downgrade()'", range: { start: offsetOf(text, 'def'), end: offsetOf(text, ':\n') + 1 } },
    ]);
  }
  assert.deepEqual(parse('revision = "1"\ndef downgrade():\n    # nothing\n    pass\n').pythonErrors, []);
});

test('a missing token is named', () => {
  const text = 'revision = "1"\ndef f(:\n  pass\n';
  const file = parse(text);
  assert.deepEqual(file.pythonErrors, [{ message: "Missing ')'", range: { start: offsetOf(text, ':'), end: offsetOf(text, ':') } }]);
  assert.deepEqual(file.revision?.ids.map((id) => id.value), ['1']);
});

test('an unterminated string', () => {
  const text = 'revision = "1"\ndef upgrade():\n    op.execute("""CREATE TABLE t (\n';
  const file = parse(text);
  assert.ok(file.pythonErrors.length > 0);
  assert.equal(file.isMigration, true);
  assertWellFormed(file);
});

test('syntax errors are capped', () => {
  const text = 'revision = "1"\n' + Array.from({ length: 200 }, (_, i) => `def f${i}(:\n  )))\n`).join('');
  const file = parse(text);
  assert.ok(file.pythonErrors.length > 0 && file.pythonErrors.length <= 20, String(file.pythonErrors.length));
});

test('empty file, whitespace only, BOM only', () => {
  for (const text of ['', '\n\n', '\uFEFF', '   \t']) {
    const file = parse(text);
    assert.equal(file.isMigration, false);
    assert.deepEqual(file.pythonErrors, []);
    assert.equal(file.upgrade, undefined);
    assertWellFormed(file);
  }
});

test('a leading BOM keeps offsets as offsets into the given text', () => {
  const text = '\uFEFF"""msg\n\nRevision ID: abc\n"""\nrevision = "abc"\ndef upgrade():\n    op.execute("DROP TABLE t")\n';
  const file = parse(text);
  assert.deepEqual(file.pythonErrors, []);
  assert.equal(file.docstring?.revisionId?.range.start, offsetOf(text, 'abc'));
  assert.equal(file.revision?.ids[0]?.range.start, offsetOf(text, '"abc"'));
  const op = file.upgrade!.ops[0]!;
  assert.ok(op.kind === 'sql' && op.sql);
  assert.equal(sqlOffsetToFile(op.sql, 5), offsetOf(text, 'TABLE'));
});

test('CRLF and tabs throughout a whole migration', () => {
  const text = readFixture('batch_and_api.py').replace(/\n/g, '\r\n').replace(/    /g, '\t');
  const file = parse(text);
  assert.deepEqual(file.pythonErrors, []);
  assert.equal(file.upgrade?.bodyIndent, '\t');
  assert.equal(file.upgrade?.ops.length, 6);
  assert.equal(file.downgrade?.ops.length, 6);
  assert.equal(file.docstring?.revisionId?.value, 'b001');
  assert.equal(file.lineStarts[1], text.indexOf('\r\n') + 2);
  assertWellFormed(file);
});

test('a file over the size limit is not parsed, only its head for the revision identifiers', () => {
  const filler = '# padding\n'.repeat(Math.ceil(MAX_ANALYSED_LENGTH / 10) + 1);
  const migration = parse(`"""big"""\nrevision: str = "1"\n${filler}`);
  assert.equal(migration.isMigration, true);
  assert.equal(migration.pythonErrors.length, 1);
  assert.match(migration.pythonErrors[0]!.message, /^File too large to analyse \(2\.0 MB\): only the revision identifiers at its top were read$/);
  assert.deepEqual(migration.revision?.ids.map((id) => id.value), ['1'], 'the revision at the top is read');
  assert.equal(migration.upgrade, undefined);
  assert.equal(parse(`x = 1\n${filler}`).isMigration, false);
});

test('a 5 MB file of code below the limit would be slow: the limit applies to every kind of text', () => {
  const huge = 'revision = "1"\n' + 'x'.repeat(5_000_000);
  const file = parse(huge);
  assert.equal(file.isMigration, true);
  assert.match(file.pythonErrors[0]!.message, /5\.0 MB/);
});

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('random bytes never throw', () => {
  const next = random(7);
  for (let i = 0; i < 200; i++) {
    const length = Math.floor(next() * 400);
    let text = '';
    for (let j = 0; j < length; j++) text += String.fromCharCode(Math.floor(next() * 0xffff));
    assertWellFormed(parse(text));
  }
});

test('mutated migrations never throw and stay well formed', () => {
  const sources = ['template_0007_add_orders.py', 'batch_and_api.py', 'engine_dispatch.py', 'params_upgrade_op_tables_tester.py'].map(readFixture);
  sources.push(inUpgrade('op.execute(sa.text(textwrap.dedent("""\n    SELECT \'\\x41\\N{EM DASH}\'\n""").strip()))'));
  const fragments = ['"', "'", '"""', '(', ')', ':', '\n', '\r\n', '\t', '\\', '\\\n', 'é', '😀', '\uFEFF', '#', 'f"', 'op.execute(', '\0', ' ', 'with ', 'def upgrade():\n'];
  const next = random(42);
  for (let i = 0; i < 600; i++) {
    let text = sources[i % sources.length]!;
    const edits = 1 + Math.floor(next() * 4);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(next() * (text.length + 1));
      const choice = next();
      if (choice < 0.4) text = text.slice(0, at) + fragments[Math.floor(next() * fragments.length)] + text.slice(at);
      else if (choice < 0.8) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 5));
      else text = text.slice(0, at);
    }
    assertWellFormed(parse(text));
  }
});

test('lone carriage returns (old Mac line ends) are line ends, as for Python: a comment does not swallow the file', () => {
  const lines = ['# generated', '"""add t', '', 'Revision ID: 0002', '"""', 'revision = "0002"', 'down_revision = "0001"', 'from alembic import op', '', 'def upgrade():', '    # create', '    op.execute("CREATE TABLE IF NOT EXISTS t (id int)")', '', 'def downgrade():', '    op.execute("DROP TABLE t")', ''];
  const text = lines.join('\r');
  const file = parse(text);
  assert.deepEqual(file.pythonErrors, []);
  assert.deepEqual([file.revision?.ids.map((i) => i.value), file.downRevision?.ids.map((i) => i.value)], [['0002'], ['0001']]);
  assert.equal(file.docstring?.message, 'add t');
  assert.equal(file.upgrade?.ops.length, 1);
  assert.equal(file.downgrade?.ops.length, 1);
  // Offsets are the file's own: the SQL maps back onto the CR-separated text.
  const op = file.upgrade!.ops[0]!;
  assert.ok(op.kind === 'sql' && op.sql);
  assert.equal(text.slice(sqlOffsetToFile(op.sql, 0), sqlOffsetToFile(op.sql, 6)), 'CREATE');
});

test('lone carriage returns in an editor document, parsed incrementally, also read as line ends', () => {
  const trees = new DocumentTrees();
  const text = ['revision = "1"', 'down_revision = None', '# note', 'def upgrade():', '    pass', 'def downgrade():', '    pass', ''].join('\r');
  const first = trees.parse('/d.py', text);
  const second = trees.parse('/d.py', text.replace('# note', '# a longer note'));
  for (const file of [first, second]) {
    assert.deepEqual(file.pythonErrors, []);
    assert.equal(file.downgrade?.bodyKind, 'empty');
  }
  trees.dispose();
});
