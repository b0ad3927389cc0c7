// The rule pages' shape: ruff-style sections, code examples, configuration for their own id, and the rules
// table. Agreement with the rule registry is checked in docs-vs-rules.test.ts.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { rulePages, rulesDocsDir, rulesTable } from './rule-pages';

const REQUIRED_SECTIONS = ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Fix', 'Configuration'];
const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

const pages = rulePages();

test('docs/rules has rule pages', () => {
  assert.ok(pages.length >= 12, `expected at least 12 rule pages, found ${pages.length}`);
});

for (const page of pages) {
  test(`docs/rules/${page.id}.md: title, header line and sections`, () => {
    assert.equal(page.title, page.id, 'the first heading is the rule id');
    assert.ok(page.severity && SEVERITIES.includes(page.severity), `header line "**Default severity:** <${SEVERITIES.join('|')}>"`);
    assert.notEqual(page.fix, undefined, 'header line "· **Fixable:** yes|sometimes|no"');
    assert.deepEqual(
      page.sections.map((s) => s.title),
      REQUIRED_SECTIONS,
      'the sections, in this order',
    );
    for (const section of page.sections) {
      assert.ok(section.body.trim().length > 0, `section "${section.title}" is empty`);
    }
  });

  test(`docs/rules/${page.id}.md: examples are code`, () => {
    assert.ok(/^```\w+$/m.test(page.text), 'at least one fenced code block with a language');
    for (const title of ['Example', 'Use instead']) {
      const section = page.sections.find((s) => s.title === title);
      assert.ok(section && section.blocks.some((b) => b.lang === 'python'), `"${title}" has a python code block`);
    }
  });

  test(`docs/rules/${page.id}.md: configuration names this rule`, () => {
    const config = page.sections.find((s) => s.title === 'Configuration')?.body ?? '';
    assert.ok(config.includes('[tool.alembic-lint]'), 'shows the pyproject.toml section');
    assert.ok(config.includes(`"${page.id}" = "`), 'shows the rule in pyproject.toml');
    assert.ok(config.includes(`"alembic.lint.rules": { "${page.id}": "`), 'shows the VS Code setting');
    assert.ok(config.includes(`# alembic-lint: ignore-file[${page.id}]`), 'shows the file-wide suppression');
    const otherIds = [...config.matchAll(/ignore(?:-file)?\[([\w-]+)\]|"([\w-]+)" = "/g)].map((m) => m[1] ?? m[2]);
    assert.deepEqual(otherIds.filter((id) => id !== page.id), [], 'mentions no other rule id (a copy-paste slip)');
  });
}

test('docs/rules/README.md lists every page, once, with its header values', () => {
  const rows = rulesTable();
  assert.deepEqual(rows.map((r) => r.id).sort(), pages.map((p) => p.id), 'the table rows are exactly the pages');
  for (const row of rows) {
    const page = pages.find((p) => p.id === row.id)!;
    assert.equal(row.link, `${row.id}.md`, `${row.id}: link`);
    assert.equal(row.severity, page.severity, `${row.id}: severity in the table`);
    assert.equal(row.fix, page.fix, `${row.id}: quick fix column`);
  }
});

test('links between rule pages resolve', () => {
  for (const page of pages) {
    for (const m of page.text.matchAll(/\]\(([\w-]+\.md)\)/g)) {
      assert.ok(fs.existsSync(path.join(rulesDocsDir, m[1]!)), `${page.id}.md links to missing ${m[1]}`);
    }
  }
});
