// SQL nested too deeply for PostgreSQL's parser: refused before it runs, reported as not checked, and never able
// to leave the parser broken for the SQL that comes after it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSql } from '../../../server/src/core/sql';
import { MAX_SQL_LENGTH, MAX_SQL_NESTING, sqlTooComplex } from '../../../server/src/core/sql/complexity';
import { PgParserFailure, PgSyntaxError, pgParse, pgParserCounters, pgParserSettled } from '../../../server/src/core/sql/pg-parser';
import { TEXT, analyze, countParses, sqlText, useParsers } from './helpers';

useParsers();

/** `SELECT 1+1+...`: the shape that overflowed the parser's stack (10,000 terms, 20 KB). */
const plusChain = (terms: number, first = '1'): string => `SELECT ${first}${'+1'.repeat(terms - 1)}`;

/** Records what is written to stdout while `run` runs (over --stdio that is the LSP stream). */
async function stdoutDuring(run: () => Promise<void> | void): Promise<string> {
  const write = process.stdout.write;
  let written = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    await run();
  } finally {
    process.stdout.write = write;
  }
  return written;
}

test('the nesting estimate: chains, brackets, CASE, sub-selects and set operations nest; lists and AND / OR do not', () => {
  const depth = (sql: string): number | undefined => {
    const refusal = sqlTooComplex(sql);
    return refusal?.kind === 'too-deep' ? refusal.depth : undefined;
  };
  assert.ok(depth(plusChain(10_000))! >= 10_000);
  assert.ok(depth(`SELECT ${"'a'".concat(" || 'a'".repeat(600))}`)! > 600, '|| is one operator of two characters');
  assert.ok(depth(`SELECT ${'('.repeat(600)}1${')'.repeat(600)}`)! > 600);
  assert.ok(depth(`SELECT ${'(SELECT '.repeat(600)}1${')'.repeat(600)}`)! > 600);
  assert.ok(depth(`SELECT ${'CASE WHEN true THEN '.repeat(600)}1${' END'.repeat(600)}`)! > 600);
  assert.ok(depth(`SELECT 1${' UNION SELECT 1'.repeat(600)}`)! > 600);
  assert.ok(depth(`SELECT * FROM a${' JOIN a USING (x)'.repeat(600)}`)! > 600);
  assert.ok(depth(`SELECT ARRAY${'['.repeat(600)}1${']'.repeat(600)}`)! > 600);

  const rows = Array.from({ length: 20_000 }, (_, i) => `(${i}, -${i}, 'n' || ${i})`).join(', ');
  assert.equal(sqlTooComplex(`INSERT INTO t VALUES ${rows}`), undefined, 'a long VALUES list is flat');
  assert.equal(sqlTooComplex(`DELETE FROM t WHERE ${Array.from({ length: 20_000 }, (_, i) => `id = ${i}`).join(' OR ')}`), undefined);
  assert.equal(sqlTooComplex(`SELECT 1 WHERE ${Array(20_000).fill('a + 1 > 2').join(' AND ')}`), undefined);
  assert.equal(sqlTooComplex(`SELECT ${Array(20_000).fill('CASE WHEN a THEN 1 ELSE 2 END').join(', ')}`), undefined, 'sibling CASEs');
  assert.equal(sqlTooComplex(plusChain(MAX_SQL_NESTING - 2)), undefined, 'just under the limit');
  assert.equal(sqlTooComplex(`${plusChain(400)}; ${plusChain(400)}`), undefined, 'each statement is measured alone');
  assert.equal(sqlTooComplex(`SELECT $$${'+1'.repeat(10_000)}$$, '${'('.repeat(10_000)}'`), undefined, 'strings are one token');
});

test('the statement that is too deep is the one pointed at; the limits are in the message', () => {
  const sql = `CREATE TABLE t (id int);\n${plusChain(10_000)};\nSELECT 1`;
  const refusal = sqlTooComplex(sql);
  assert.equal(refusal?.kind, 'too-deep');
  assert.equal(sql.slice(refusal.sqlRange.start, refusal.sqlRange.end), 'SELECT');
  assert.equal(refusal.sqlRange.start, sql.indexOf('\n') + 1);

  const analysis = analyze(sql);
  assert.deepEqual(analysis.statements, []);
  assert.equal(analysis.syntaxError, undefined, 'unknown is not wrong');
  assert.match(analysis.notChecked!.message, /^SQL not checked: it nests about 10,00\d levels deep \(the checker parses up to 500\)/);

  const large = `SELECT '${'x'.repeat(MAX_SQL_LENGTH)}'`;
  assert.match(analyze(large).notChecked!.message, /^SQL not checked: it is 2,000,009 characters long \(the checker parses up to 2,000,000\)/);
});

test('60 deep statements never reach the parser, are remembered, and the next SQL parses as before', async () => {
  const parses = countParses();
  const output = await stdoutDuring(() => {
    for (let i = 0; i < 60; i++) {
      const deep = sqlText(plusChain(10_000, String(i)));
      const first = analyzeSql(deep, TEXT);
      assert.ok(first.notChecked, `deep statement ${i} is not checked`);
      assert.deepEqual(analyzeSql(deep, TEXT), first, 'the same answer again (from the cache)');
    }
  });
  assert.equal(parses.count, 0, 'refused before the parser');
  assert.equal(output, '');
  const normal = analyze('CREATE TABLE IF NOT EXISTS after_deep (id int)');
  assert.deepEqual(normal.statements.map((s) => s.nodeType), ['CreateStmt']);
  assert.match(analyze('SELEC 1').syntaxError!.message, /syntax error at or near "SELEC"/);
});

test('a parser instance that overflows is replaced: 50 overflows in a row, and every parse after each one is right', async () => {
  const replacedBefore = pgParserCounters().replacements;
  const deep = plusChain(20_000);
  const output = await stdoutDuring(async () => {
    for (let i = 0; i < 50; i++) {
      assert.throws(() => pgParse(deep), (e) => e instanceof PgParserFailure && e.reason === 'stack', `overflow ${i}`);
      // The spare took over at once: no waiting for the replacement.
      assert.equal(pgParse(`SELECT ${i}`).stmts?.length, 1, `a parse right after overflow ${i}`);
      assert.throws(() => pgParse('SELEC 1'), (e) => e instanceof PgSyntaxError && /"SELEC"/.test(e.message));
      await pgParserSettled();
    }
  });
  assert.equal(pgParserCounters().replacements - replacedBefore, 50);
  assert.equal(output, '', 'the WASM prints nothing to stdout');
  assert.deepEqual(analyze('SELECT 1; SELECT 2').statements.length, 2);
});

test('failures in a row before a replacement is ready: the SQL is not checked, and checked once the parser is back', async () => {
  const deep = plusChain(20_000);
  assert.throws(() => pgParse(deep), PgParserFailure);
  assert.throws(() => pgParse(deep), PgParserFailure);
  // Both instances are gone until the replacement is made: SQL analysed now is not checked, and not remembered.
  const sql = sqlText('CREATE TABLE IF NOT EXISTS while_restarting (id int)');
  const meanwhile = analyzeSql(sql, TEXT);
  assert.match(meanwhile.notChecked?.message ?? '', /restarting/);
  await pgParserSettled();
  const after = analyzeSql(sql, TEXT);
  assert.equal(after.notChecked, undefined);
  assert.deepEqual(after.statements.map((s) => s.nodeType), ['CreateStmt']);
});
