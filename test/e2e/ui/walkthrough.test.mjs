// The walkthrough is listed where users look for one (Welcome: Open Walkthrough...), opens with its steps, and its
// first step (open a project) is done by itself once the extension has found the example's alembic.ini.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCommandAndPick } from '../workbench.mjs';
import { withInstalledWorkbench } from './installed-workbench.mjs';

const TITLE = 'Get Started with Alembic';
const STEPS = [
  'Open a project with Alembic migrations',
  'Choose the Python interpreter',
  'Connect to a database, or start the embedded one',
  'Upgrade the database',
  'Create a revision',
  'Verify the migrations on a real engine',
];
const FOUND_TIMEOUT_MS = 30_000;

test('the walkthrough is listed, shows its steps, and the first completes on its own', { timeout: 5 * 60_000 }, async () => {
  await withInstalledWorkbench('walkthrough', async ({ page }) => {
    await runCommandAndPick(page, 'Welcome: Open Walkthrough...', TITLE);
    const walkthrough = page.locator('.gettingStartedSlideDetails');
    await walkthrough.getByText(TITLE, { exact: true }).waitFor();
    const titles = await walkthrough.locator('.getting-started-step .step-title').allInnerTexts();
    assert.deepEqual(titles.map((t) => t.trim()), STEPS);
    // A step's check box (VS Code's `role="checkbox"` with aria-checked). The project is found without any user action.
    const checked = (/** @type {string} */ step) => walkthrough.locator('.getting-started-step', { hasText: step }).locator('[role="checkbox"]');
    await walkthrough.locator('.getting-started-step', { hasText: STEPS[0] }).locator('[role="checkbox"][aria-checked="true"]').waitFor({ timeout: FOUND_TIMEOUT_MS });
    // Nothing is connected in the example workspace (its alembic.ini names no running server), nothing was run.
    for (const step of STEPS.slice(2)) assert.equal(await checked(step).getAttribute('aria-checked'), 'false', step);
  });
});
