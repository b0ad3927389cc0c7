// The SQL injection grammar: valid JSON, contributed under the scope name package.json declares, regexes that
// compile in JavaScript (so no Oniguruma-only syntax), and call/string rules that start and stop where they should.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../helpers/repo';

interface Rule {
  begin?: string;
  end?: string;
  match?: string;
  while?: string;
  include?: string;
  contentName?: string;
  patterns?: Rule[];
  [key: string]: unknown;
}

interface Grammar extends Rule {
  scopeName: string;
  injectionSelector: string;
  repository: Record<string, Rule>;
}

const GRAMMAR_PATH = './syntaxes/alembic-sql.injection.json';
const grammar = JSON.parse(fs.readFileSync(path.join(repoRoot, GRAMMAR_PATH), 'utf8')) as Grammar;
const repo = grammar.repository;

function rule(name: string): Rule {
  const found = repo[name];
  assert.ok(found, `repository has no "${name}"`);
  return found;
}

function allRules(): Rule[] {
  const out: Rule[] = [];
  const visit = (r: Rule): void => {
    out.push(r);
    r.patterns?.forEach(visit);
  };
  visit(grammar);
  Object.values(repo).forEach(visit);
  return out;
}

/** Where `source` first matches at or after `from` in `line` (JavaScript semantics, as in Oniguruma for this syntax). */
function firstMatch(source: string, line: string, from: number): RegExpExecArray | null {
  const re = new RegExp(source, 'gu');
  re.lastIndex = from;
  return re.exec(line);
}

/**
 * What a TextMate engine does next inside `r` at `from`: the earliest of its end and its patterns' begins,
 * the end winning ties. Returns the winner's name ('end' or the repository key) and index.
 */
function next(r: Rule, line: string, from: number): { by: string; index: number } | undefined {
  const candidates: { by: string; index: number }[] = [];
  const end = r.end === undefined ? null : firstMatch(r.end, line, from);
  if (end) candidates.push({ by: 'end', index: end.index });
  for (const p of r.patterns ?? []) {
    const key = p.include?.startsWith('#') ? p.include.slice(1) : undefined;
    const target = key ? repo[key] : undefined;
    const source = target?.begin ?? target?.match;
    const m = source === undefined ? null : firstMatch(source, line, from);
    if (m && key) candidates.push({ by: key, index: m.index });
  }
  return candidates.reduce<{ by: string; index: number } | undefined>((best, c) => (!best || c.index < best.index ? c : best), undefined);
}

test('package.json contributes the grammar under its scope name', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { grammars: { scopeName: string; path: string; injectTo?: string[]; embeddedLanguages?: Record<string, string> }[] };
  };
  const entry = manifest.contributes.grammars.find((g) => g.path === GRAMMAR_PATH);
  assert.ok(entry, `no contributes.grammars entry with path ${GRAMMAR_PATH}`);
  assert.equal(grammar.scopeName, 'alembic.sql.injection');
  assert.equal(entry.scopeName, grammar.scopeName);
  assert.deepEqual(entry.injectTo, ['source.python']);
  assert.equal(entry.embeddedLanguages?.['meta.embedded.sql.alembic'], 'sql');
});

test('the injection selector targets Python, left of its own rules, outside strings, comments and our SQL', () => {
  assert.match(grammar.injectionSelector, /^L:source\.python\b/);
  for (const excluded of ['-string', '-comment', '-meta.embedded.sql.alembic']) {
    assert.ok(grammar.injectionSelector.includes(excluded), `selector lacks ${excluded}`);
  }
});

test('every regex compiles in JavaScript, with the u flag', () => {
  let count = 0;
  for (const r of allRules()) {
    for (const key of ['begin', 'end', 'match', 'while'] as const) {
      const source = r[key];
      if (source === undefined) continue;
      assert.doesNotThrow(() => new RegExp(source, 'u'), `${key}: ${source}`);
      count++;
    }
  }
  assert.ok(count >= 10, `only ${count} regexes found`);
});

test('includes resolve: repository rules exist and strings embed source.sql', () => {
  for (const r of allRules()) {
    if (r.include?.startsWith('#')) assert.ok(repo[r.include.slice(1)], `missing ${r.include}`);
  }
  for (const name of ['triple-double', 'triple-single', 'double', 'single']) {
    const r = rule(name);
    assert.equal(r.contentName, 'meta.embedded.sql.alembic', `${name}: contentName`);
    assert.deepEqual(r.patterns?.map((p) => p.include), ['#escape', 'source.sql'], `${name}: escapes first, then SQL`);
  }
});

test('the call rule starts at op.execute( / sa.text( / text( and nowhere else', () => {
  const begin = rule('sql-call').begin!;
  for (const line of ['op.execute("""', '    op.execute(', 'op.execute ("x")', 'sa.text("SELECT 1")', 'sqlalchemy.text(', 'conn.execute(text("SELECT 1"))']) {
    assert.ok(firstMatch(begin, line, 0), `should start in: ${line}`);
  }
  for (const line of ['self.op.execute("x")', 'op.executemany("x")', 'plaintext("x")', 'foo.text("x")', 'context("x")', 'op.execute']) {
    assert.equal(firstMatch(begin, line, 0), null, `should not start in: ${line}`);
  }
  assert.equal(firstMatch(begin, 'op.execute(', 0)?.[3], 'execute');
  assert.equal(firstMatch(begin, 'sa.text(', 0)?.[6], 'text');
});

test('inside the call: a string literal is SQL; anything else ends the call', () => {
  const call = rule('sql-call');
  const after = (line: string): { by: string; index: number } | undefined => next(call, line, line.indexOf('(') + 1);
  assert.equal(after('op.execute("""')?.by, 'triple-double');
  assert.equal(after("op.execute('''")?.by, 'triple-single');
  assert.equal(after('op.execute("DROP TABLE IF EXISTS t")')?.by, 'double');
  assert.equal(after("op.execute('DROP TABLE IF EXISTS t')")?.by, 'single');
  assert.equal(after('op.execute(r"SELECT 1")')?.by, 'double', 'raw string');
  assert.equal(after('op.execute(f"DROP TABLE {name}")')?.by, 'end', 'f-strings are not highlighted as SQL');
  assert.equal(after('op.execute(update_sql)')?.by, 'end', 'a name starting like a string prefix');
  assert.equal(after('op.execute(sa.text("SELECT 1"))')?.by, 'end');
  assert.equal(after('op.execute(')?.by, undefined, 'the string may start on the next line');
  assert.equal(next(call, '    """', 0)?.by, 'triple-double', 'the string on the next line');
  // Right after the string's closing quote the call ends, before `)` or `.bindparams(...)`.
  assert.deepEqual(next(call, 'sa.text("x").bindparams(a=1)', 'sa.text("x"'.length), { by: 'end', index: 'sa.text("x"'.length });
});

test('strings end at their closing quote, not at an escaped one', () => {
  const double = rule('double');
  const line = 'op.execute("SELECT \\"q\\" FROM t")';
  const start = line.indexOf('"') + 1;
  assert.deepEqual(next(double, line, start), { by: 'escape', index: line.indexOf('\\') });
  assert.deepEqual(next(double, line, line.lastIndexOf('\\') + 2), { by: 'end', index: line.lastIndexOf('"') });
  assert.deepEqual(next(double, 'op.execute("unterminated', start), { by: 'end', index: 'op.execute("unterminated'.length }, 'ends at the end of the line');
  assert.equal(next(rule('triple-double'), 'SELECT 1', 0), undefined, 'a triple-quoted string goes on across lines');
  assert.deepEqual(next(rule('triple-double'), '    """)', 0), { by: 'end', index: 4 });
  assert.deepEqual(next(rule('triple-single'), "'''", 0), { by: 'end', index: 0 });
});
