// Every rule has invalid and valid fixtures; invalid ones mark the expected lines with `expect: <rule>`, and each
// invalid case has a snapshot beside it (`<name>.snap`: every finding's range, severity, message and fix titles
// on the annotated source), compared exactly. `UPDATE_SNAPSHOTS=1 npm test` rewrites them; CI never writes one.
// Every fix is applied and the file re-linted: the finding must go away without new errors.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { initParsers } from '../../../server/src/host/parsers';
import { rules } from '../../../server/src/core/rules';
import { computeLineStarts, offsetToPosition } from '../../../server/src/core/text';
import type { Finding } from '../../../server/src/core/types';
import { annotateCase } from '../../helpers/annotate';
import { allRulesConfig, applyFix, expectedLines, lintSources, readCase, type Source } from '../../helpers/lint';
import { fixturePath, repoRoot } from '../../helpers/repo';
import { matchSnapshot } from '../../helpers/snapshot';

function lineOf(text: string, offset: number): number {
  return offsetToPosition(computeLineStarts(text), offset).line;
}

/** A case is a .py file or a folder of them; the .snap files beside them are not cases. */
function cases(rule: string, kind: 'invalid' | 'valid'): string[] {
  const dir = fixturePath('rules', rule, kind);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() || e.name.endsWith('.py'))
    .map((e) => path.join(dir, e.name))
    .sort();
}

function snapshotPath(casePath: string): string {
  return casePath.replace(/\.py$/, '') + '.snap';
}

function findingsOf(sources: Source[], rule: string): Map<string, Finding[]> {
  const all = lintSources(sources, allRulesConfig());
  return new Map([...all].map(([p, fs]) => [p, fs.filter((f) => f.rule === rule)]));
}

before(() => initParsers());

for (const rule of rules) {
  const id = rule.meta.id;
  describe(`rule ${id}`, () => {
    test('has a doc page and fixtures of both kinds', () => {
      assert.ok(fs.existsSync(path.join(repoRoot, 'docs', 'rules', `${id}.md`)), `docs/rules/${id}.md is missing`);
      assert.ok(cases(id, 'invalid').length > 0, `no invalid fixtures for ${id}`);
      assert.ok(cases(id, 'valid').length > 0, `no valid fixtures for ${id}`);
    });

    for (const casePath of cases(id, 'invalid')) {
      const name = path.relative(fixturePath('rules'), casePath);
      test(`reports exactly the marked lines: ${name}`, () => {
        const sources = readCase(casePath);
        const found = findingsOf(sources, id);
        let expectedTotal = 0;
        for (const source of sources) {
          const expected = expectedLines(source.text, id);
          expectedTotal += expected.length;
          const actual = (found.get(source.path) ?? []).map((f) => lineOf(source.text, f.range.start));
          assert.deepEqual([...new Set(actual)].sort((a, b) => a - b), expected, `${path.basename(source.path)}: lines (0-based) reported by ${id}`);
          for (const f of found.get(source.path) ?? []) {
            assert.ok(f.message.length > 10, 'message says what is wrong');
            assert.equal(f.severity, rule.meta.defaultSeverity);
          }
        }
        assert.ok(expectedTotal > 0, `${name} marks no line with "expect: ${id}"`);
      });

      test(`findings match the snapshot: ${name}`, (t) => {
        const sources = readCase(casePath);
        const found = findingsOf(sources, id);
        const files = sources.map((s) => ({ label: path.basename(s.path), text: s.text, findings: found.get(s.path) ?? [] }));
        // Messages that name a folder name it under the checkout: the snapshot must not depend on where that is.
        const annotated = annotateCase(name, files).split(repoRoot).join('<repo>');
        const outcome = matchSnapshot(snapshotPath(casePath), annotated);
        if (outcome !== 'matched') t.diagnostic(`${outcome} ${path.relative(repoRoot, snapshotPath(casePath))}`);
      });

      // A rule that fixes only sometimes marks its cases without a fix (`fixture: no-fix`); the others must fix.
      if (rule.meta.fix !== 'never') {
        test(`fix applies and re-lints clean: ${name}`, () => {
          const sources = readCase(casePath);
          if (sources.some((s) => s.text.includes('fixture: no-fix'))) {
            const offered = [...findingsOf(sources, id).values()].flat().filter((f) => f.fixes.length > 0);
            assert.deepEqual(offered.map((f) => f.message), [], 'this fixture expects no fix to be offered');
            return;
          }
          let fixed = 0;
          for (let round = 0; round < 20; round++) {
            const found = findingsOf(sources, id);
            const target = [...found].find(([, fs]) => fs.some((f) => f.fixes.length > 0));
            if (!target) break;
            const [file, list] = target;
            const source = sources.find((s) => s.path === file)!;
            source.text = applyFix(source.text, list.find((f) => f.fixes.length > 0)!.fixes[0]!);
            fixed++;
          }
          assert.ok(fixed > 0, `no fix offered in ${name}`);
          const after = lintSources(sources);
          for (const [file, list] of after) {
            const text = sources.find((s) => s.path === file)!.text;
            const left = list.filter((f) => f.rule === id);
            assert.deepEqual(left.map((f) => f.message), [], `still reported after fixing:\n${text}`);
            const broken = list.filter((f) => f.rule === 'sql-syntax' || f.rule === 'python-syntax');
            assert.deepEqual(broken.map((f) => f.message), [], `the fix broke the file:\n${text}`);
            if (id === 'missing-downgrade') {
              const asymmetric = list.filter((f) => f.rule === 'downgrade-not-symmetric');
              assert.deepEqual(asymmetric.map((f) => f.message), [], `generated downgrade does not undo the upgrade:\n${text}`);
            }
          }
        });
      }
    }

    test('every snapshot belongs to an invalid case', () => {
      const dir = fixturePath('rules', id, 'invalid');
      const snapshots = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.snap')).sort() : [];
      const expected = cases(id, 'invalid').map((c) => path.basename(snapshotPath(c))).sort();
      assert.deepEqual(snapshots.filter((n) => !expected.includes(n)), [], 'snapshots without a fixture: delete them');
      const valid = fixturePath('rules', id, 'valid');
      const strays = fs.existsSync(valid) ? fs.readdirSync(valid).filter((n) => n.endsWith('.snap')) : [];
      assert.deepEqual(strays, [], 'valid cases report nothing: they have no snapshot');
    });

    for (const casePath of cases(id, 'valid')) {
      const name = path.relative(fixturePath('rules'), casePath);
      test(`reports nothing: ${name}`, () => {
        const found = findingsOf(readCase(casePath), id);
        for (const [file, list] of found) assert.deepEqual(list.map((f) => f.message), [], path.basename(file));
      });
    }
  });
}
