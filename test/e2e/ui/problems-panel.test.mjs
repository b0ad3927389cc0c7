// A migration with a broken statement on disk: opened in the workbench, its error shows in the Problems panel
// under the file, with the rule id the language server gives it.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { exampleProject } from '../../../scripts/lib/repo.mjs';
import { quickOpen, waitForProblems } from '../workbench.mjs';
import { withInstalledWorkbench } from './installed-workbench.mjs';

const MIGRATION = 'database_migrations/versions/0003_add_orders_status.py';
const FILE_NAME = path.posix.basename(MIGRATION);
const ORIGINAL = readFileSync(path.join(exampleProject, MIGRATION), 'utf8');
const STATEMENT = 'ALTER TABLE orders';
assert.ok(ORIGINAL.includes(STATEMENT), `${MIGRATION} no longer holds "${STATEMENT}": update this test`);
const seededLine = ORIGINAL.slice(0, ORIGINAL.indexOf(STATEMENT)).split('\n').length;

test('a migration with a seeded SQL error shows it in the Problems panel with its rule id', { timeout: 5 * 60_000 }, async () => {
  await withInstalledWorkbench(
    'problems-panel',
    async ({ page }) => {
      await quickOpen(page, MIGRATION);
      const panel = await waitForProblems(page, ['sql-syntax']);
      // Files are the tree's first level, their problems the second: the error must sit under the seeded file.
      const rows = await panel.locator('.monaco-list-row').evaluateAll((elements) =>
        elements.map((row) => ({ level: Number(row.getAttribute('aria-level')), text: row.textContent ?? '' })),
      );
      const problem = rows.findIndex((row) => row.level === 2 && row.text.includes('sql-syntax'));
      const file = rows.slice(0, problem).findLast((row) => row.level === 1);
      assert.ok(problem >= 0 && file?.text.includes(FILE_NAME), `sql-syntax is not listed under ${FILE_NAME}: ${JSON.stringify(rows)}`);
      assert.match(rows[problem]?.text ?? '', /TABEL/, 'the error does not point at the misspelt keyword');
      assert.match(rows[problem]?.text ?? '', new RegExp(`Ln ${seededLine}\\b`), `the error is not reported on line ${seededLine}`);
    },
    {
      prepare: (workspace) => {
        writeFileSync(path.join(workspace, MIGRATION), ORIGINAL.replace(STATEMENT, 'ALTER TABEL orders'));
      },
    },
  );
});
