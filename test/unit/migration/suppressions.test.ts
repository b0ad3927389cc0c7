import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, useParsers } from './helpers';

useParsers();

function lines(text: string): Record<number, string[]> {
  const result: Record<number, string[]> = {};
  for (const [line, ids] of parse(text).suppressions.lines) result[line] = [...ids].sort();
  return result;
}

test('a line comment suppresses its own line and the next', () => {
  const text = 'revision = "1"\ndef upgrade():\n    # alembic-lint: ignore[require-if-not-exists, sql-syntax]\n    op.execute("CREATE TABLE t (a int)")\n';
  assert.deepEqual(lines(text), { 2: ['require-if-not-exists', 'sql-syntax'], 3: ['require-if-not-exists', 'sql-syntax'] });
});

test('a trailing comment, without brackets: all rules', () => {
  const text = 'x = 1\nop.execute("DROP TABLE t")  # alembic-lint: ignore\n';
  assert.deepEqual(lines(text), { 1: ['*'], 2: ['*'] });
});

test('file-level suppressions', () => {
  assert.deepEqual([...parse('# alembic-lint: ignore-file[missing-downgrade]\nrevision = "1"\n').suppressions.file], ['missing-downgrade']);
  assert.deepEqual([...parse('revision = "1"\n# alembic-lint: ignore-file\n').suppressions.file], ['*']);
  assert.equal(parse('# alembic-lint: ignore-file[a]\n').suppressions.lines.size, 0);
});

test('the marker inside a string is not a suppression', () => {
  const file = parse('op.execute("SELECT 1  # alembic-lint: ignore[sql-syntax]")\nx = """\n# alembic-lint: ignore-file\n"""\n');
  assert.equal(file.suppressions.lines.size, 0);
  assert.equal(file.suppressions.file.size, 0);
});

test('non-ASCII text before the comment, CRLF line ends, several comments', () => {
  const text = 'x = "é😀😀"  # ünï\r\n# alembic-lint: ignore[a]\r\ny = 1\r\nz = 2  # alembic-lint: ignore[b]\r\n';
  assert.deepEqual(lines(text), { 1: ['a'], 2: ['a'], 3: ['b'], 4: ['b'] });
});

test('unrelated text after the marker is not a directive', () => {
  assert.equal(parse('# alembic-lint: ignored[a]\n# alembic-lint: something\n').suppressions.lines.size, 0);
});
