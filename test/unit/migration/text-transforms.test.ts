import { test } from 'node:test';
import assert from 'node:assert/strict';
import { concatMapped, keepRanges, MappedTextBuilder, type MappedText } from '../../../server/src/core/python/mapped-text';
import { dedentMapped, stripMapped } from '../../../server/src/core/python/text-transforms';

const FILE_OFFSET = 1000;

/** Text mapped one-to-one onto a file starting at FILE_OFFSET. */
function mapped(text: string): MappedText {
  const builder = new MappedTextBuilder();
  builder.append(FILE_OFFSET, text);
  return builder.build();
}

/** For each character of the result, the source offset it maps back to. */
function sources(result: MappedText): number[] {
  const offsets: number[] = [];
  for (const seg of result.segments) for (let i = 0; i < seg.length; i++) offsets.push(seg.fileStart + i - FILE_OFFSET);
  return offsets;
}

function assertTracesBack(source: string, result: MappedText): void {
  const offsets = sources(result);
  assert.equal(offsets.length, result.text.length);
  offsets.forEach((offset, i) => assert.equal(source.charAt(offset), result.text.charAt(i), `char ${i}`));
}

test('dedent matches textwrap.dedent and keeps the map', () => {
  // Expected values from CPython 3.11 textwrap.dedent.
  const cases: [string, string][] = [
    ['\n    CREATE TABLE t (\n        id int\n    )\n    ', '\nCREATE TABLE t (\n    id int\n)\n'],
    ['\tA\n\t\tB\n', 'A\n\tB\n'],
    ['  a\n \n    b\n\n', 'a\n\n  b\n\n'],
    ['  x\n\ty\n', '  x\n\ty\n'],
    ['no indent\n  b', 'no indent\n  b'],
    ['', ''],
    ['   ', ''],
  ];
  for (const [input, expected] of cases) {
    const result = dedentMapped(mapped(input));
    assert.equal(result.text, expected, JSON.stringify(input));
    assertTracesBack(input, result);
  }
});

test('dedent: the first character after the margin maps to its own column', () => {
  const input = '\n        SELECT 1\n          FROM t\n';
  const result = dedentMapped(mapped(input));
  assert.equal(result.text, '\nSELECT 1\n  FROM t\n');
  assert.equal(sources(result)[result.text.indexOf('SELECT')], input.indexOf('SELECT'));
  assert.equal(sources(result)[result.text.indexOf('FROM')], input.indexOf('FROM'));
});

test('strip, lstrip and rstrip remove Python whitespace only at the ends', () => {
  const input = ' \t\n\u00a0 SELECT  1 \u3000\n ';
  for (const [which, expected] of [
    ['strip', 'SELECT  1'],
    ['lstrip', 'SELECT  1 \u3000\n '],
    ['rstrip', ' \t\n\u00a0 SELECT  1'],
  ] as const) {
    const result = stripMapped(mapped(input), which);
    assert.equal(result.text, expected, which);
    assertTracesBack(input, result);
  }
});

test('escape runs stay runs of their own through concatenation and slicing', () => {
  const a = new MappedTextBuilder();
  a.append(10, 'ab');
  a.appendEscape(12, '\n');
  a.append(14, 'cd');
  const b = new MappedTextBuilder();
  b.append(16, 'ef');
  const joined = concatMapped([a.build(), b.build()]);
  assert.equal(joined.text, 'ab\ncdef');
  // 'cd' (file 14-15) and 'ef' (file 16-17) are contiguous in the file too, so they merge.
  assert.deepEqual(
    joined.segments.map((s) => [s.sqlStart, s.fileStart, s.length, s.escape]),
    [
      [0, 10, 2, false],
      [2, 12, 1, true],
      [3, 14, 4, false],
    ],
  );
  const kept = keepRanges(joined, [
    { start: 1, end: 3 },
    { start: 5, end: 7 },
  ]);
  assert.equal(kept.text, 'b\nef');
  assert.deepEqual(
    kept.segments.map((s) => [s.sqlStart, s.fileStart, s.length, s.escape]),
    [
      [0, 11, 1, false],
      [1, 12, 1, true],
      [2, 16, 2, false],
    ],
  );
});
