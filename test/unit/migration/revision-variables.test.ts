import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RevisionAssignment } from '../../../server/src/core/types';
import { offsetOf, parse, useParsers } from './helpers';

useParsers();

function ids(assignment: RevisionAssignment | undefined): string[] {
  assert.ok(assignment, 'assignment missing');
  return assignment.ids.map((id) => id.value);
}

test('plain assignments of the four variables', () => {
  const text = 'revision = "0003"\ndown_revision = \'0002\'\nbranch_labels = None\ndepends_on = None\n';
  const file = parse(text);
  assert.equal(file.isMigration, true);
  assert.deepEqual(ids(file.revision), ['0003']);
  assert.deepEqual(ids(file.downRevision), ['0002']);
  assert.deepEqual(ids(file.branchLabels), []);
  assert.deepEqual(ids(file.dependsOn), []);
  assert.equal(file.branchLabels?.unknown, false);
  assert.equal(file.branchLabels?.isSequence, false);
  const revision = file.revision!;
  assert.deepEqual(revision.range, { start: 0, end: 'revision = "0003"'.length });
  assert.deepEqual(revision.valueRange, { start: offsetOf(text, '"0003"'), end: offsetOf(text, '"0003"') + 6 });
  assert.deepEqual(revision.ids[0]!.range, revision.valueRange);
  assert.equal(text.slice(file.downRevision!.ids[0]!.range.start, file.downRevision!.ids[0]!.range.end), "'0002'");
});

test('annotated assignments', () => {
  const text = [
    'from typing import Sequence, Union',
    'revision: str = "0003"',
    'down_revision: Union[str, None] = "0002"',
    'branch_labels: Union[str, Sequence[str], None] = ("feature",)',
    'depends_on: Union[str, Sequence[str], None] = ["a1", "b2"]',
    '',
  ].join('\n');
  const file = parse(text);
  assert.deepEqual(ids(file.revision), ['0003']);
  assert.deepEqual(ids(file.downRevision), ['0002']);
  assert.deepEqual(ids(file.branchLabels), ['feature']);
  assert.equal(file.branchLabels!.isSequence, true);
  assert.deepEqual(ids(file.dependsOn), ['a1', 'b2']);
  assert.equal(file.dependsOn!.isSequence, true);
  assert.equal(text.slice(file.revision!.range.start, file.revision!.range.end), 'revision: str = "0003"');
  assert.equal(text.slice(file.dependsOn!.valueRange.start, file.dependsOn!.valueRange.end), '["a1", "b2"]');
  assert.equal(text.slice(file.dependsOn!.ids[1]!.range.start, file.dependsOn!.ids[1]!.range.end), '"b2"');
});

test('merge revision: a tuple down_revision, also annotated with Sequence', () => {
  const file = parse('revision = "m1"\ndown_revision: Union[str, Sequence[str], None] = ("a", "b")\n');
  assert.deepEqual(ids(file.downRevision), ['a', 'b']);
  assert.equal(file.downRevision!.isSequence, true);
  assert.equal(file.downRevision!.unknown, false);
});

test('a parenthesised string is not a sequence', () => {
  const file = parse('revision = ("0003")\n');
  assert.deepEqual(ids(file.revision), ['0003']);
  assert.equal(file.revision!.isSequence, false);
});

test('non-literal values are unknown', () => {
  const file = parse('revision = make_id()\ndown_revision = PARENT\ndepends_on = ("a", OTHER)\nbranch_labels = f"x{y}"\n');
  for (const assignment of [file.revision, file.downRevision, file.branchLabels]) {
    assert.ok(assignment);
    assert.equal(assignment.unknown, true);
    assert.deepEqual(assignment.ids, []);
  }
  assert.equal(file.dependsOn!.unknown, true);
  assert.deepEqual(ids(file.dependsOn), ['a']);
  assert.equal(file.isMigration, true);
});

test('the last module-level assignment wins; chained assignments count; nested ones do not', () => {
  const file = parse('revision = "old"\nrevision = "new"\nbranch_labels = depends_on = None\ndef f():\n    down_revision = "x"\n');
  assert.deepEqual(ids(file.revision), ['new']);
  assert.deepEqual(ids(file.dependsOn), []);
  assert.ok(file.branchLabels);
  assert.equal(file.downRevision, undefined);
});

test('a file without a module-level revision is not a migration', () => {
  assert.equal(parse('import os\n\ndef upgrade():\n    revision = "1"\n').isMigration, false);
  assert.equal(parse('').isMigration, false);
});

test('docstring fields with exact ranges', () => {
  const text = '"""Add orders table\n\nRevision ID: 0007abc\nRevises: 0006, 0005  \nCreate Date: 2024-01-02 03:04:05.678\n\n"""\nrevision = "0007abc"\n';
  const file = parse(text);
  const doc = file.docstring;
  assert.ok(doc);
  assert.equal(doc.message, 'Add orders table');
  assert.deepEqual(doc.range, { start: 0, end: offsetOf(text, '"""', 1) + 3 });
  assert.equal(doc.revisionId?.value, '0007abc');
  assert.deepEqual(doc.revisionId?.range, { start: offsetOf(text, '0007abc'), end: offsetOf(text, '0007abc') + 7 });
  assert.deepEqual(doc.revises?.ids, ['0006', '0005']);
  assert.equal(text.slice(doc.revises!.range.start, doc.revises!.range.end), '0006, 0005');
  assert.equal(doc.createDate, '2024-01-02 03:04:05.678');
});

test('docstring: empty Revises gets an empty range after "Revises: "', () => {
  for (const [line, after] of [
    ['Revises: \n', 'Revises: '],
    ['Revises:\n', 'Revises:'],
    ['Revises:   \n', 'Revises: '],
  ] as const) {
    const text = `"""msg\n\nRevision ID: 1\n${line}Create Date: x\n"""\n`;
    const doc = parse(text).docstring;
    assert.ok(doc?.revises, line);
    assert.deepEqual(doc.revises.ids, []);
    const at = offsetOf(text, 'Revises:') + after.length;
    assert.deepEqual(doc.revises.range, { start: at, end: at }, JSON.stringify(line));
  }
});

test('docstring with CRLF line ends, a leading blank line and a coding cookie before it', () => {
  const text = '# -*- coding: utf-8 -*-\r\n"""\r\nRemove é column\r\n\r\nRevision ID: abc123\r\nRevises: def456\r\nCreate Date: 2024-01-01\r\n\r\n"""\r\nrevision = "abc123"\r\n';
  const doc = parse(text).docstring;
  assert.ok(doc);
  assert.equal(doc.message, 'Remove é column');
  assert.equal(text.slice(doc.revisionId!.range.start, doc.revisionId!.range.end), 'abc123');
  assert.equal(text.slice(doc.revises!.range.start, doc.revises!.range.end), 'def456');
  assert.deepEqual(doc.revises!.ids, ['def456']);
  assert.equal(doc.createDate, '2024-01-01');
});

test('docstring without fields, single-quoted, and one that is not first', () => {
  const plain = parse("'''Just a message'''\nrevision = '1'\n").docstring;
  assert.equal(plain?.message, 'Just a message');
  assert.equal(plain?.revisionId, undefined);
  assert.equal(plain?.revises, undefined);
  assert.equal(parse('import os\n"""Revision ID: 1"""\n').docstring, undefined);
  assert.equal(parse('f"""Revision ID: {x}"""\n').docstring, undefined);
});

test('docstring and variables that disagree are both reported as written', () => {
  const file = parse('"""msg\n\nRevision ID: aaa\nRevises: bbb\n"""\nrevision = "aaa"\ndown_revision = "ccc"\n');
  assert.deepEqual(file.docstring?.revises?.ids, ['bbb']);
  assert.deepEqual(ids(file.downRevision), ['ccc']);
});

test('docstring Revises: None, the tuple older Alembic wrote for merges, and its Python 2 form', () => {
  for (const [value, ids] of [
    ['None', []],
    ["('1a2b', '3c4d')", ['1a2b', '3c4d']],
    ["(u'1a2b', u'3c4d')", ['1a2b', '3c4d']],
    ['["1a2b", "3c4d",]', ['1a2b', '3c4d']],
    ['1a2b, 3c4d', ['1a2b', '3c4d']],
  ] as const) {
    const text = `"""msg\n\nRevision ID: 1\nRevises: ${value}\nCreate Date: x\n"""\n`;
    const doc = parse(text).docstring;
    assert.deepEqual(doc?.revises?.ids, ids, value);
    assert.equal(text.slice(doc!.revises!.range.start, doc!.revises!.range.end), value);
  }
});
