// The Alembic view in the activity bar: the Migrations tree lists the example's revisions, newest first, by their
// message, with the id leading the description and the head and the base marked there (no other revision marked so).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clearNotifications, setSideBarWidth, showViewContainer, treeRows } from '../workbench.mjs';
import { withInstalledWorkbench } from './installed-workbench.mjs';

const EXPECTED = [
  ['0005', 'add_orders_status_created_index'],
  ['0004', 'add_users_name_trgm_index'],
  ['0003', 'add_orders_status'],
  ['0002', 'create_orders'],
  ['0001', 'create_users'],
];
const MESSAGES = EXPECTED.map(([, message]) => message);
const FILL_TIMEOUT_MS = 30_000;

test('the Migrations view shows the revisions with the head and the base marked', { timeout: 5 * 60_000 }, async () => {
  await withInstalledWorkbench('migrations-view', async ({ page }) => {
    await showViewContainer(page, 'Alembic');
    // Wide enough for the dates and markers: the screenshot should show what the assertions read.
    await setSideBarWidth(page, 560);
    const rows = treeRows(page, 'Migrations');
    await rows.filter({ hasText: MESSAGES[0] }).waitFor({ timeout: FILL_TIMEOUT_MS });
    await clearNotifications(page);
    // Off the side bar's edge, which the drag left highlighted.
    await page.mouse.move(900, 300);
    const shown = await rows.evaluateAll((elements) =>
      elements.map((row) => ({
        label: row.querySelector('.label-name')?.textContent ?? '',
        description: row.querySelector('.label-description')?.textContent ?? '',
      })),
    );
    assert.deepEqual(
      shown.map((row) => [row.description.split(' · ')[0], row.label]),
      EXPECTED,
      `the Migrations view lists ${JSON.stringify(shown)}`,
    );
    const marked = (/** @type {string} */ marker) => shown.filter((row) => row.description.split(' · ').includes(marker)).map((row) => row.label);
    assert.deepEqual(marked('head'), [MESSAGES[0]], `head is marked on ${JSON.stringify(marked('head'))}`);
    assert.deepEqual(marked('base'), [MESSAGES[4]], `base is marked on ${JSON.stringify(marked('base'))}`);
  });
});
