// Verify Migrations end to end: the packaged extension runs the real `alembic-lint verify` (its bundled CLI, on the
// embedded PostgreSQL, with /usr/bin/python3's Alembic) over a copy of examples/backend plus a revision whose upgrade
// fails when it runs a second time (ADD COLUMN without IF NOT EXISTS). The failure shows in the Problems panel under
// its verify code, the Migrations view marks that revision ✗ and a good one ✓; an edit of the file drops both.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { resultsDir } from '../browser.mjs';
import { writeMigration } from '../migration-files.mjs';
import { processesMatching } from '../processes.mjs';
import { clearNotifications, quickOpen, runCommand, setSideBarWidth, showViewContainer, treeRows, waitForProblems } from '../workbench.mjs';
import { withInstalledWorkbench } from './installed-workbench.mjs';

const VERSIONS = 'database_migrations/versions';
const DEFECT = { id: '0006', parents: ['0005'], message: 'add_orders_note', date: '2026-02-10 09:00:00' };
const DEFECT_FILE = `${VERSIONS}/0006_add_orders_note.py`;
// Python starts some twenty times on a busy 2-core machine: the embedded database, six revisions, four steps each.
const VERIFY_TIMEOUT_MS = 4 * 60_000;
const STEP_TIMEOUT_MS = 30_000;

/** @param {string} workspace */
function prepare(workspace) {
  writeMigration(path.join(workspace, VERSIONS), {
    ...DEFECT,
    upgrade: 'ALTER TABLE orders ADD COLUMN note text',
    downgrade: 'ALTER TABLE orders DROP COLUMN IF EXISTS note',
  });
}

/**
 * The Migrations view's row of a revision message once its description shows `mark` first.
 * @param {import('playwright-core').Page} page
 * @param {string} message
 * @param {string} mark
 */
async function rowMarked(page, message, mark) {
  const row = treeRows(page, 'Migrations')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${message}$`) }) })
    .filter({ has: page.locator('.label-description', { hasText: new RegExp(`^${mark} · `) }) })
    .first();
  await row.waitFor({ timeout: VERIFY_TIMEOUT_MS });
  return row;
}

test('Verify Migrations: a revision that fails on re-run gets its diagnostic and ✗, a good one ✓; an edit clears them', { timeout: 8 * 60_000 }, async () => {
  await withInstalledWorkbench(
    'verify',
    async ({ page }) => {
      await showViewContainer(page, 'Alembic');
      await setSideBarWidth(page, 560);
      await treeRows(page, 'Migrations').filter({ hasText: DEFECT.message }).waitFor({ timeout: STEP_TIMEOUT_MS });
      // No database is connected (the example's server is not running): the whole history, without a question.
      await runCommand(page, 'Alembic: Verify Migrations');
      await page.locator('.notifications-toasts .notification-toast', { hasText: /Verifying \d+ \(\d+ of \d+\)/ }).first().waitFor({ timeout: VERIFY_TIMEOUT_MS });
      const done = page.locator('.notifications-toasts .notification-toast', { hasText: /Verified \d+ migrations of backend: .*1 failed/ }).first();
      await done.waitFor({ timeout: VERIFY_TIMEOUT_MS });
      assert.deepEqual(await done.locator('.monaco-button').allInnerTexts(), ['Show Problems', 'Show Output']);

      await rowMarked(page, DEFECT.message, '✗');
      await rowMarked(page, 'create_users', '✓');

      await quickOpen(page, DEFECT_FILE);
      const panel = await waitForProblems(page, ['verify-rerun'], STEP_TIMEOUT_MS);
      const problem = panel.locator('.monaco-list-row', { hasText: 'verify-rerun' }).first();
      assert.match(await problem.innerText(), /already exists/);
      // The code lens above def upgrade(): the same command for this revision alone.
      await page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Verify This Migration' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      await clearNotifications(page);
      await page.screenshot({ path: path.join(resultsDir, 'ui-verify-problems.png') });

      // Typing in the file: what was verified is not what it holds now.
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\n# edited\n');
      await panel.locator('.monaco-list-row', { hasText: 'verify-rerun' }).first().waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
      await treeRows(page, 'Migrations')
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${DEFECT.message}$`) }) })
        .filter({ has: page.locator('.label-description', { hasText: /^0006 · / }) })
        .first()
        .waitFor({ timeout: STEP_TIMEOUT_MS });
      await rowMarked(page, 'create_users', '✓');
    },
    { prepare },
  );
});

test('Cancel stops the verify process and what it started, and says so; nothing is marked', { timeout: 6 * 60_000 }, async () => {
  await withInstalledWorkbench(
    'verify-cancel',
    async ({ page, workspace }) => {
      await showViewContainer(page, 'Alembic');
      await treeRows(page, 'Migrations').filter({ hasText: DEFECT.message }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await runCommand(page, 'Alembic: Verify Migrations');
      const progress = page.locator('.notifications-toasts .notification-toast', { hasText: /Verifying \d+ \(\d+ of \d+\)/ }).first();
      await progress.waitFor({ timeout: VERIFY_TIMEOUT_MS });
      assert.ok(processesMatching(['cli.js', 'verify', workspace]).length > 0, 'the verify process runs');
      await progress.hover();
      await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
      await page.locator('.notifications-toasts .notification-toast', { hasText: 'Verify cancelled' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.deepEqual(processesMatching(['cli.js', 'verify', workspace]), [], 'the verify process is gone once the editor says so');
      const descriptions = await treeRows(page, 'Migrations').locator('.label-description').allInnerTexts();
      assert.ok(descriptions.every((d) => !/^[✓✗]/.test(d)), `no badge after a cancelled verify: ${JSON.stringify(descriptions)}`);
    },
    { prepare },
  );
});
