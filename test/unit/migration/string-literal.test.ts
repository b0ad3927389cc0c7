import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeStringLiteral, readStringLiteral, type StringLiteral } from '../../../server/src/core/python/string-literal';
import type { MappedText } from '../../../server/src/core/python/mapped-text';
import { sqlOffsetToFile } from '../../../server/src/core/text';

/** Decodes the literal that starts at `prefix.length` in `prefix + literal + suffix`. */
function decode(literal: string, prefix = 'x = ', suffix = '\n'): { text: string; file: string; value: MappedText } {
  const file = prefix + literal + suffix;
  const lit = readStringLiteral(file, prefix.length, prefix.length + literal.length);
  assert.ok(lit, 'not a literal');
  const result = decodeStringLiteral(file, lit);
  assert.ok('value' in result, `decode failed: ${'error' in result ? result.error : ''}`);
  return { text: result.value.text, file, value: result.value };
}

/** File character the SQL offset maps to. */
function charAt(d: { file: string; value: MappedText }, offset: number): string {
  return d.file.charAt(sqlOffsetToFile({ ...d.value, range: { start: 0, end: 0 }, editable: true }, offset));
}

/** Every non-escape run maps onto identical file characters, and runs tile the text. */
function assertMapConsistent(d: { file: string; value: MappedText }): void {
  let next = 0;
  for (const seg of d.value.segments) {
    assert.equal(seg.sqlStart, next, 'segments must tile the text');
    next += seg.length;
    if (seg.escape) assert.equal(seg.length, 1);
    else assert.equal(d.file.slice(seg.fileStart, seg.fileStart + seg.length), d.value.text.slice(seg.sqlStart, seg.sqlStart + seg.length));
  }
  assert.equal(next, d.value.text.length);
}

test('delimiters and prefixes', () => {
  const cases: [string, Partial<StringLiteral>][] = [
    ['"abc"', { prefix: '', quote: '"', raw: false, bytes: false, formatted: false }],
    ["'abc'", { quote: "'" }],
    ['"""abc"""', { quote: '"""' }],
    ["'''abc'''", { quote: "'''" }],
    ['r"a\\b"', { prefix: 'r', raw: true }],
    ['R"a"', { raw: true }],
    ['u"a"', { prefix: 'u', raw: false }],
    ['b"a"', { bytes: true }],
    ['Rb"a"', { bytes: true, raw: true }],
    ['f"a{b}"', { formatted: true }],
    ['rF"a{b}"', { formatted: true, raw: true }],
    ['""', { quote: '"' }],
    ['""""""', { quote: '"""' }],
  ];
  for (const [literal, expected] of cases) {
    const lit = readStringLiteral(literal, 0, literal.length);
    assert.ok(lit, literal);
    for (const [key, value] of Object.entries(expected)) assert.equal(lit[key as keyof typeof lit], value, `${literal}: ${key}`);
  }
  assert.equal(readStringLiteral('abc', 0, 3), undefined);
});

test('content bounds of empty and unterminated literals', () => {
  assert.equal(decode('""').text, '');
  assert.equal(decode('""""""').text, '');
  const open = 'op.execute("""SELECT 1';
  const lit = readStringLiteral(open, 11, open.length, false);
  assert.ok(lit);
  assert.equal(open.slice(lit.contentStart, lit.contentEnd), 'SELECT 1');
});

test('plain literal maps one-to-one, with non-ASCII text before and inside', () => {
  const d = decode('"SELECT \'é😀\' FROM t"', '# é 😀\nx = ');
  assert.equal(d.text, "SELECT 'é😀' FROM t");
  assert.equal(d.value.segments.length, 1);
  for (let i = 0; i < d.text.length; i++) assert.equal(charAt(d, i), d.text.charAt(i), `offset ${i}`);
});

test('escapes decode as Python does and map to their backslash', () => {
  // Expected values from CPython 3.11: eval() of the same literal.
  const cases: [string, string][] = [
    ['"a\\nb"', 'a\nb'],
    ['"a\\tb"', 'a\tb'],
    ['"a\\\\b"', 'a\\b'],
    ['"a\\\'b"', "a'b"],
    ['"a\\"b"', 'a"b'],
    ['"\\x41B"', 'AB'],
    ['"\\u00e9x"', 'éx'],
    ['"\\U0001F600x"', '😀x'],
    ['"\\N{EM DASH}x"', '—x'],
    ['"\\N{latin small letter q}"', 'q'],
    ['"\\0"', '\0'],
    ['"\\101\\12"', 'A\n'],
    ['"\\a\\b\\f\\v\\r"', '\x07\b\f\v\r'],
    ['"\\d\\%"', '\\d\\%'],
  ];
  for (const [literal, expected] of cases) {
    const d = decode(literal);
    assert.equal(d.text, expected, literal);
    assertMapConsistent(d);
  }
  const d = decode('"ab\\ncd\\x41"');
  // a b \n c d A
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((i) => charAt(d, i)), ['a', 'b', '\\', 'c', 'd', '\\']);
  assert.equal(sqlOffsetToFile({ ...d.value, range: { start: 0, end: 0 }, editable: true }, 3), d.file.indexOf('cd'));
});

test('an escape producing a surrogate pair gives two runs at the backslash', () => {
  const d = decode('"x\\U0001F600y"');
  assert.equal(d.text, 'x😀y');
  const backslash = d.file.indexOf('\\');
  assert.deepEqual(
    d.value.segments.map((s) => [s.sqlStart, s.fileStart, s.length]),
    [
      [0, backslash - 1, 1],
      [1, backslash, 1],
      [2, backslash, 1],
      [3, backslash + 10, 1],
    ],
  );
});

test('line continuation produces nothing; raw strings keep backslashes', () => {
  const d = decode('"ab\\\ncd"');
  assert.equal(d.text, 'abcd');
  assert.equal(charAt(d, 2), 'c');
  const crlf = decode('"ab\\\r\ncd"');
  assert.equal(crlf.text, 'abcd');
  assert.equal(charAt(crlf, 2), 'c');
  const raw = decode('r"a\\nb\\\'"');
  assert.equal(raw.text, "a\\nb\\'");
  assert.equal(raw.value.segments.length, 1);
  assert.equal(charAt(raw, 2), 'n');
});

test('line breaks inside triple-quoted literals become \\n (CRLF, lone CR)', () => {
  const d = decode('"""a\r\nb\rc\nd"""');
  assert.equal(d.text, 'a\nb\nc\nd');
  assert.equal(charAt(d, 1), '\r');
  assert.equal(charAt(d, 2), 'b');
  assert.equal(charAt(d, 4), 'c');
  assert.equal(charAt(d, 6), 'd');
  assertMapConsistent(d);
  const raw = decode('r"""a\\\r\nb"""');
  assert.equal(raw.text, 'a\\\nb');
});

test('escapes Python rejects or names it cannot resolve here make the literal undecodable', () => {
  for (const literal of ['"\\x4"', '"\\u12"', '"\\U0011FFFF"', '"\\N{NOT A REAL NAME}"', '"\\N{SPACE"']) {
    const file = `x = ${literal}\n`;
    const lit = readStringLiteral(file, 4, 4 + literal.length);
    assert.ok(lit);
    assert.ok('error' in decodeStringLiteral(file, lit), literal);
  }
});

test('f-strings are not decoded', () => {
  const file = 'f"SELECT {x}"';
  const lit = readStringLiteral(file, 0, file.length);
  assert.ok(lit);
  assert.deepEqual(decodeStringLiteral(file, lit), { error: 'f-string' });
});
