// Thousands of mutated migration files through the whole core: no exception escapes, every file gets an answer,
// and every finding points inside the file.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initParsers } from '../../../server/src/host/parsers';
import { lintSources } from '../../helpers/lint';
import { fuzzCorpus, mutate, random } from '../../helpers/mutate';


before(() => initParsers());

test('3,000 mutated migrations: no exception, every finding inside its file', () => {
  const seeds = fuzzCorpus();
  assert.ok(seeds.length >= 20, 'the corpus has the rule fixtures');
  const rand = random(20261124);
  let findings = 0;
  for (let i = 0; i < 3000; i++) {
    const seed = seeds[i % seeds.length]!;
    const text = mutate(seed, rand);
    const file = `/fuzz/versions/case_${i}.py`;
    let result;
    try {
      // The seed as the base revision's text: the comparison with it runs on every mutation too.
      result = lintSources([{ path: file, text, base: seed }]);
    } catch (error) {
      assert.fail(`case ${i} threw ${String(error)}\n--- input ---\n${text}`);
    }
    const list = result.get(file);
    assert.ok(list, `case ${i} got no answer`);
    for (const f of list) {
      assert.ok(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length, `case ${i}: ${f.rule} range ${JSON.stringify(f.range)} outside the text`);
      assert.ok(!f.message.startsWith('Internal error'), `case ${i}: ${f.message}\n--- input ---\n${text}`);
      for (const fix of f.fixes) for (const e of fix.edits) assert.ok(e.range.start >= 0 && e.range.end <= text.length, `case ${i}: fix outside the text`);
      findings++;
    }
  }
  assert.ok(findings > 0, 'mutations produce findings');
});

test('degenerate inputs get an answer', () => {
  const inputs = ['', '\uFEFF', '\u0000\u0001\u0002', '"""', "revision = '", 'def upgrade(:\n', '\ud800\udc00\ud800', 'x'.repeat(100_000), 'op.execute("' + 'SELECT 1;'.repeat(20_000) + '")'];
  for (const [i, text] of inputs.entries()) {
    const file = `/fuzz/versions/degenerate_${i}.py`;
    assert.ok(lintSources([{ path: file, text, base: inputs[(i + 1) % inputs.length]! }]).get(file), `input ${i} got no answer`);
  }
});

test('a file too large to analyse is reported, not parsed', () => {
  const text = 'revision = "big"\ndown_revision = None\n' + '# padding\n'.repeat(250_000);
  const file = '/fuzz/versions/huge.py';
  const list = lintSources([{ path: file, text }]).get(file) ?? [];
  assert.ok(list.some((f) => f.rule === 'python-syntax' && /too large/i.test(f.message)), JSON.stringify(list.map((f) => f.message)));
});
