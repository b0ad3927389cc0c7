import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractSql } from '../../../server/src/core/migration';
import { pythonParser } from '../../../server/src/core/parsers';
import { sqlOffsetToFile, sqlRangeToFile } from '../../../server/src/core/text';
import type { SqlText } from '../../../server/src/core/types';
import { inUpgrade, offsetOf, onlySqlOp, parse, upgradeOps, useParsers, type SqlCall } from './helpers';

useParsers();

function knownSql(text: string): SqlText {
  const op = onlySqlOp(text);
  assert.ok(op.sql, `SQL unknown: ${op.unknownReason}`);
  return op.sql;
}

/** The SQL word `word` maps onto the same word in the file (its `occurrence`-th occurrence there). */
function assertWordMaps(text: string, sql: SqlText, word: string, occurrence = 0): void {
  const sqlAt = sql.text.indexOf(word);
  assert.ok(sqlAt >= 0, `${word} not in SQL`);
  const range = sqlRangeToFile(sql, { start: sqlAt, end: sqlAt + word.length });
  assert.deepEqual(range, { start: offsetOf(text, word, occurrence), end: offsetOf(text, word, occurrence) + word.length }, word);
}

function fileCharAt(text: string, sql: SqlText, offset: number): string {
  return text.charAt(sqlOffsetToFile(sql, offset));
}

test('plain literal, single and double quotes, u prefix', () => {
  for (const literal of ['"DROP TABLE t"', "'DROP TABLE t'", 'u"DROP TABLE t"']) {
    const text = inUpgrade(`op.execute(${literal})`);
    const sql = knownSql(text);
    assert.equal(sql.text, 'DROP TABLE t');
    assert.deepEqual(sql.range, { start: offsetOf(text, literal), end: offsetOf(text, literal) + literal.length });
    assert.equal(sql.editable, true);
    assertWordMaps(text, sql, 'TABLE');
  }
});

test('triple-quoted literal keeps lines and maps each line', () => {
  const text = inUpgrade('op.execute("""\n    CREATE TABLE t (\n        id int\n    )\n""")');
  const sql = knownSql(text);
  assert.equal(sql.text, '\n        CREATE TABLE t (\n            id int\n        )\n    ');
  assertWordMaps(text, sql, 'CREATE');
  assertWordMaps(text, sql, 'id int');
  assert.equal(fileCharAt(text, sql, sql.text.indexOf(')')), ')');
});

test('raw strings keep backslashes', () => {
  const text = inUpgrade(String.raw`op.execute(r"SELECT '\d+' ~ x")`);
  const sql = knownSql(text);
  assert.equal(sql.text, String.raw`SELECT '\d+' ~ x`);
  assertWordMaps(text, sql, '~ x');
});

test('escapes: the map skips over each escape exactly', () => {
  const text = inUpgrade(String.raw`op.execute("SELECT 'a\tb', '\x41\u00e9\N{EM DASH}\\' AS c\nFROM t")`);
  const sql = knownSql(text);
  assert.equal(sql.text, "SELECT 'a\tb', 'Aé—\\' AS c\nFROM t");
  assertWordMaps(text, sql, 'AS c');
  assertWordMaps(text, sql, 'FROM t');
  // Escaped characters map to their backslash.
  assert.equal(text.slice(sqlOffsetToFile(sql, sql.text.indexOf('\t'))).slice(0, 2), '\\t');
  assert.equal(text.slice(sqlOffsetToFile(sql, sql.text.indexOf('A'))).slice(0, 4), '\\x41');
  assert.equal(text.slice(sqlOffsetToFile(sql, sql.text.indexOf('é'))).slice(0, 6), '\\u00e9');
  assert.equal(text.slice(sqlOffsetToFile(sql, sql.text.indexOf('—'))).slice(0, 3), '\\N{');
  assert.equal(fileCharAt(text, sql, sql.text.indexOf('b')), 'b');
});

test('line continuation inside a literal produces nothing', () => {
  const text = inUpgrade('op.execute("ALTER TABLE t \\\n    ADD COLUMN c int")');
  const sql = knownSql(text);
  // inUpgrade indents the continued line by four more spaces.
  assert.equal(sql.text, 'ALTER TABLE t         ADD COLUMN c int');
  assertWordMaps(text, sql, 'ADD COLUMN');
});

test('implicit concatenation across lines, with a comment between pieces', () => {
  const text = inUpgrade('op.execute(\n    "ALTER TABLE t "  # the table\n    \'ADD COLUMN c int \'\n    r"DEFAULT \'\\x\'"\n)');
  const sql = knownSql(text);
  assert.equal(sql.text, "ALTER TABLE t ADD COLUMN c int DEFAULT '\\x'");
  assertWordMaps(text, sql, 'ADD COLUMN');
  assertWordMaps(text, sql, 'DEFAULT');
  assert.equal(fileCharAt(text, sql, sql.text.indexOf(' ADD') ), ' ');
  const first = offsetOf(text, '"ALTER');
  const last = offsetOf(text, '\'"') + 2;
  assert.deepEqual(sql.range, { start: first, end: last });
  assert.equal(sql.editable, true);
});

test('parenthesised, sa.text, text, sqlalchemy.text, strip()', () => {
  for (const expr of ['("SELECT 1")', 'sa.text("SELECT 1")', 'text("SELECT 1")', 'sqlalchemy.text(("SELECT 1"))', '"  SELECT 1\\n ".strip()']) {
    const text = inUpgrade(`op.execute(${expr})`);
    const sql = knownSql(text);
    assert.equal(sql.text, 'SELECT 1', expr);
    assertWordMaps(text, sql, 'SELECT 1');
  }
});

test('textwrap.dedent and dedent map every character after removing the margin', () => {
  for (const fn of ['textwrap.dedent', 'dedent']) {
    const text = inUpgrade(`op.execute(sa.text(${fn}("""\n    CREATE INDEX i\n      ON t (c)\n""")))`);
    const sql = knownSql(text);
    assert.equal(sql.text, '\nCREATE INDEX i\n  ON t (c)\n');
    assertWordMaps(text, sql, 'CREATE INDEX');
    assertWordMaps(text, sql, 'ON t (c)');
    for (let i = 0; i < sql.text.length; i++) {
      const ch = sql.text.charAt(i);
      assert.equal(fileCharAt(text, sql, i), ch, `offset ${i}`);
    }
  }
});

test('a name bound at module level, or earlier in the function, to a known literal', () => {
  const moduleLevel = inUpgrade('op.execute(SQL)', 'SQL = """\n    DROP TABLE IF EXISTS t\n"""\n');
  const sql = knownSql(moduleLevel);
  assert.equal(sql.text, '\n    DROP TABLE IF EXISTS t\n');
  assert.equal(sql.editable, false);
  assertWordMaps(moduleLevel, sql, 'DROP TABLE');

  const defined_after = knownSql(`revision = "1"\ndef upgrade():\n    op.execute(LATER)\nLATER = "SELECT 1"\n`);
  assert.equal(defined_after.text, 'SELECT 1');

  const local = inUpgrade('stmt = textwrap.dedent("""\n    SELECT 2\n""")\nop.execute(stmt)');
  const localSql = knownSql(local);
  assert.equal(localSql.text, '\nSELECT 2\n');
  assertWordMaps(local, localSql, 'SELECT 2');

  const shadow = inUpgrade('SQL = "SELECT 3"\nop.execute(SQL)', 'SQL = "SELECT 4"\n');
  assert.equal(knownSql(shadow).text, 'SELECT 3');
});

test('names that are not statically known', () => {
  const cases: [string, string, RegExp][] = [
    ['op.execute(sql)', '', /name 'sql'/],
    ['sql = "a"\nsql = "b"\nop.execute(sql)', '', /more than once/],
    ['sql = "a"\nsql += "b"\nop.execute(sql)', '', /more than once/],
    ['op.execute(sql)\nsql = "a"', '', /not bound/],
    ['op.execute(SQL)', 'SQL = f"DROP {x}"\n', /f-string/],
    ['for sql in STATEMENTS:\n    op.execute(sql)', '', /name 'sql'/],
  ];
  for (const [body, prelude, reason] of cases) {
    const op = onlySqlOp(inUpgrade(body, prelude));
    assert.equal(op.sql, null, body);
    assert.match(op.unknownReason ?? '', reason, body);
  }
});

test('unknown SQL forms are recorded with a reason and never parsed', () => {
  const cases: [string, RegExp][] = [
    ['f"DROP TABLE {name}"', /f-string/],
    ['F"x"', /f-string/],
    ['"DROP " f"{t}"', /f-string/],
    ['"DROP TABLE {}".format(name)', /format/],
    ['"DROP TABLE %s" % name', /%/],
    ['sa.text(f"SELECT {x}")', /f-string/],
    ['sa.DDL("SELECT 1")', /call to sa\.DDL/],
    ['table.update().values(x=1)', /call/],
    ['b"SELECT 1"', /bytes/],
    ['CreateSequence(Sequence("s"))', /call to CreateSequence/],
    ['"\\N{NO SUCH CHARACTER NAME}"', /N\{/],
  ];
  for (const [expr, reason] of cases) {
    const calls: SqlCall[] = [];
    const ops = upgradeOps(parse(inUpgrade(`op.execute(${expr})`), calls));
    assert.equal(ops.length, 1, expr);
    const op = ops[0]!;
    assert.ok(op.kind === 'sql', expr);
    assert.equal(op.sql, null, expr);
    assert.match(op.unknownReason ?? '', reason, expr);
    assert.deepEqual(op.statements, []);
    assert.equal(calls.length, 0, `${expr} must not reach the SQL layer`);
  }
});

test('string concatenation with + of known pieces', () => {
  const text = inUpgrade('op.execute("DROP TABLE " + "t")');
  const sql = knownSql(text);
  assert.equal(sql.text, 'DROP TABLE t');
  assert.equal(fileCharAt(text, sql, 11), 't');
});

test('non-ASCII text (é, emoji) before the SQL, tabs and CRLF', () => {
  const text = inUpgrade('# café ☕ 😀 comment\nop.execute("SELECT \'😀\', x\tFROM t")', '# ünïcödé 😀😀\n').replace(/\n/g, '\r\n');
  const op = onlySqlOp(text);
  // tree-sitter positions are UTF-16 offsets here, like the text's: no byte offsets leak through.
  assert.deepEqual(op.range, { start: offsetOf(text, 'op.execute'), end: offsetOf(text, '")') + 2 });
  const sql = knownSql(text);
  assert.equal(sql.text, "SELECT '😀', x\tFROM t");
  assertWordMaps(text, sql, 'FROM t');
  assertWordMaps(text, sql, 'SELECT');
  const crlfBlock = inUpgrade('\top.execute("""\n\tDROP TABLE a;\n\tDROP TABLE b\n""")').replace(/\n/g, '\r\n');
  const blockSql = knownSql(crlfBlock);
  assert.equal(blockSql.text, '\n    \tDROP TABLE a;\n    \tDROP TABLE b\n    ');
  assertWordMaps(crlfBlock, blockSql, 'DROP TABLE b');
  assert.equal(fileCharAt(crlfBlock, blockSql, 0), '\r');
});

test('the SQL layer gets the right options per form, and its failures do not escape', () => {
  const calls: SqlCall[] = [];
  parse(
    inUpgrade(
      [
        'op.execute("A")',
        'op.execute(sa.text("B"))',
        'conn = op.get_bind()',
        'conn.execute("C %s")',
        'conn.execute(sa.text("D :x"))',
        'conn.exec_driver_sql("E %(x)s")',
        'op.get_bind().execute(text("F"))',
      ].join('\n'),
    ),
    calls,
  );
  assert.deepEqual(calls, [
    { sql: 'A', options: { sqlalchemyText: true, driverParams: false } },
    { sql: 'B', options: { sqlalchemyText: true, driverParams: false } },
    { sql: 'C %s', options: { sqlalchemyText: false, driverParams: true } },
    { sql: 'D :x', options: { sqlalchemyText: true, driverParams: false } },
    { sql: 'E %(x)s', options: { sqlalchemyText: false, driverParams: true } },
    { sql: 'F', options: { sqlalchemyText: true, driverParams: false } },
  ]);
});

test('extractSql on its own: any expression node, names resolved through the given lookup', () => {
  const text = 'PREFIX = "DROP TABLE "\nx = (PREFIX + r"t\\1")\ny = PREFIX.format(1)\n';
  const tree = pythonParser().parse(text)!;
  try {
    const [prefix, x, y] = tree.rootNode.namedChildren.map((statement) => statement.firstNamedChild!.childForFieldName('right')!);
    const ctx = { text, lookup: (name: string) => (name === 'PREFIX' ? { value: prefix! } : undefined) };
    const known = extractSql(x!, ctx);
    assert.equal(known.sql?.text, 'DROP TABLE t\\1');
    assert.equal(known.sql?.editable, false);
    assert.equal(known.wrappedInText, false);
    assert.equal(text.charAt(sqlOffsetToFile(known.sql!, 11)), 't');
    assert.equal(text.charAt(sqlOffsetToFile(known.sql!, 0)), 'D');
    const unknown = extractSql(y!, ctx);
    assert.equal(unknown.sql, null);
    assert.match(unknown.unknownReason ?? '', /format/);
  } finally {
    tree.delete();
  }
});
