// The rule pages agree with the rules: every registered rule has a page with its default severity and
// fixability, and the pages' code is real: each "Example" makes its rule report, each "Use instead" does not.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initParsers } from '../../../server/src/host/parsers';
import { ruleById, rules } from '../../../server/src/core/rules';
import type { RuleMeta } from '../../../server/src/core/rules/types';
import { allRulesConfig, applyFix, lintSources, type Source } from '../../helpers/lint';
import type { CodeBlock } from './markdown';
import { readmeRulesTable, rulePages, rulesTable, type RulePage, type TableRow } from './rule-pages';

/** Fragments without revision identifiers become migrations with this header (its parent is unknown: irrelevant to file rules). */
const HEADER = 'from alembic import op\n\nrevision = "0002"\ndown_revision = "0001"\n\n\n';

/**
 * Pages whose "Use instead" cannot stand alone: the fix names a parent revision the snippet does not show, so
 * linted by itself it still points at a revision that does not exist.
 */
const USE_INSTEAD_NEEDS_CONTEXT = new Set(['unknown-down-revision']);

const withHeader = (code: string): string => (/^revision\s*=/m.test(code) ? code : HEADER + code);
const revisionOf = (code: string): string | undefined => /^revision\s*=\s*["']([^"']+)["']/m.exec(code)?.[1];

/**
 * The python blocks of a section. A page's ```` ```python base ```` block is the file as the base branch has it
 * (rules that compare with git's base read it): the section's file with the same revision gets it as its base,
 * the others are new since the base. A base block is no source itself.
 */
function sourcesOf(page: RulePage, sectionTitle: string): Source[] {
  const python = (title: string): CodeBlock[] => page.sections.find((s) => s.title === title)?.blocks.filter((b) => b.lang === 'python') ?? [];
  const baseBlock = page.sections.flatMap((s) => s.blocks).find((b) => b.lang === 'python' && b.info === 'base');
  const base = baseBlock && withHeader(baseBlock.code);
  return python(sectionTitle)
    .filter((block) => block.info !== 'base')
    .map((block, i) => {
      const text = withHeader(block.code);
      const source = { path: `/virtual/${page.id}/versions/${sectionTitle.replace(/\W+/g, '_')}_${i}.py`, text };
      return base === undefined ? source : { ...source, base: revisionOf(text) === revisionOf(base) ? base : null };
    });
}

/** Applies the rule's first offered fix until the rule offers none (each edit shifts offsets: re-lint every time). */
function fixAll(source: Source, ruleId: string): string {
  let text = source.text;
  for (let round = 0; round < 20; round++) {
    const findings = lintSources([{ ...source, text }]).get(source.path) ?? [];
    const fix = findings.find((f) => f.rule === ruleId && f.fixes.length > 0)?.fixes[0];
    if (!fix) return text;
    text = applyFix(text, fix);
  }
  assert.fail(`${ruleId} keeps offering fixes`);
}

function reportedRules(sources: Source[]): string[] {
  return [...lintSources(sources, allRulesConfig()).values()].flat().map((f) => f.rule);
}

before(() => initParsers());

/** What the docs give as the default: the severity, or `off` for a rule off until a project enables it. */
function documentedSeverity(meta: RuleMeta): string {
  return meta.enabledByDefault === false ? 'off' : meta.defaultSeverity;
}

const pages = rulePages();

test('every registered rule has a page that agrees with its meta', () => {
  const byId = new Map(pages.map((p) => [p.id, p]));
  for (const rule of rules) {
    const page = byId.get(rule.meta.id);
    assert.ok(page, `docs/rules/${rule.meta.id}.md is missing`);
    assert.equal(page.severity, documentedSeverity(rule.meta), `${rule.meta.id}: default severity`);
    assert.equal(page.fix, rule.meta.fix, `${rule.meta.id}: fixable`);
  }
  const registered = new Set(rules.map((r) => r.meta.id));
  assert.deepEqual(pages.filter((p) => !registered.has(p.id)).map((p) => p.id), [], 'pages for rules that do not exist');
});

/** A table agrees with the registry: each rule once, its default severity, its fix column and its summary. */
function assertTableMatchesRegistry(rows: TableRow[], where: string, summaryMatches: (cell: string, summary: string) => boolean): void {
  assert.deepEqual(rows.map((r) => r.id).sort(), rules.map((r) => r.meta.id).sort(), `${where}: one row per registered rule`);
  for (const row of rows) {
    const meta = ruleById(row.id)!.meta;
    assert.equal(row.severity, documentedSeverity(meta), `${where}, ${row.id}: default severity`);
    assert.equal(row.fix, meta.fix, `${where}, ${row.id}: quick fix column (yes, sometimes or blank)`);
    assert.ok(summaryMatches(row.summary, meta.summary), `${where}, ${row.id}: "${row.summary}" does not match the rule's summary "${meta.summary}"`);
  }
}

test('docs/rules/README.md: the rules table is the registry (id, default severity, quick fix, summary)', () => {
  assertTableMatchesRegistry(rulesTable(), 'docs/rules/README.md', (cell, summary) => cell === summary);
});

test("README.md: the rules table agrees with the registry; each summary may go on with details", () => {
  const rows = readmeRulesTable();
  for (const row of rows) assert.equal(row.link, `docs/rules/${row.id}.md`, `${row.id}: link`);
  assertTableMatchesRegistry(rows, 'README.md', (cell, summary) => cell.startsWith(summary));
});

for (const page of pages) {
  // Graph rules read all the blocks of a section as one script location; file rules each block alone.
  const graphRule = ruleById(page.id)?.meta.scope !== 'file';

  test(`docs/rules/${page.id}.md: the example is reported by ${page.id}`, () => {
    const sources = sourcesOf(page, 'Example');
    assert.ok(sources.length > 0, 'no python block in "Example"');
    const groups = graphRule ? [sources] : sources.map((s) => [s]);
    assert.ok(
      groups.some((group) => reportedRules(group).includes(page.id)),
      `no "${page.id}" finding in:\n${sources.map((s) => s.text).join('\n---\n')}`,
    );
  });

  // Pages whose example is a single file: the fix is applied to it alone (a fix that needs the other revisions
  // cannot be shown on one snippet).
  if (page.fix !== 'never' && !USE_INSTEAD_NEEDS_CONTEXT.has(page.id) && sourcesOf(page, 'Example').length === 1) {
    test(`docs/rules/${page.id}.md: the quick fix turns the example into "Use instead"`, () => {
      const [example] = sourcesOf(page, 'Example');
      assert.ok(example);
      const fixed = fixAll(example, page.id);
      assert.notEqual(fixed, example.text, 'no fix was offered');
      // A file new since the base (a migration written instead of the edit) is not what a fix of the example makes.
      for (const wanted of sourcesOf(page, 'Use instead').filter((s) => s.base !== null)) {
        const code = wanted.text.startsWith(HEADER) ? wanted.text.slice(HEADER.length) : wanted.text;
        assert.ok(fixed.includes(code.trimEnd()), `the fixed example:\n${fixed}\ndoes not contain:\n${code}`);
      }
    });
  }

  if (USE_INSTEAD_NEEDS_CONTEXT.has(page.id)) continue;
  test(`docs/rules/${page.id}.md: "Use instead" is not reported by ${page.id}`, () => {
    const sources = sourcesOf(page, 'Use instead');
    assert.ok(sources.length > 0, 'no python block in "Use instead"');
    const groups = graphRule ? [sources] : sources.map((s) => [s]);
    for (const group of groups) {
      const findings = [...lintSources(group, allRulesConfig()).values()].flat().filter((f) => f.rule === page.id);
      assert.deepEqual(findings.map((f) => f.message), [], `in:\n${group.map((s) => s.text).join('\n---\n')}`);
    }
  });
}
