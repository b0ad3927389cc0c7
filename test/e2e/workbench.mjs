// What a user does in the workbench, as Playwright steps: open a file, run a command, look at the Problems panel.
// Selectors are VS Code's own DOM classes (stable across 1.9x releases; checked against code-server 4.100.3).

const WORKBENCH_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 15_000;

/** @typedef {import('playwright-core').Page} Page */

/**
 * Resolves when the workbench has laid out its parts and restored the Explorer over the opened folder.
 * @param {Page} page
 */
export async function waitForWorkbench(page) {
  await page.locator('.monaco-workbench').waitFor({ timeout: WORKBENCH_TIMEOUT_MS });
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: WORKBENCH_TIMEOUT_MS });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: WORKBENCH_TIMEOUT_MS });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: WORKBENCH_TIMEOUT_MS });
}

/** @param {Page} page */
async function quickInput(page) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  return input;
}

/**
 * Runs a command from the command palette by its label as the palette shows it (e.g. "View: Toggle Problems").
 * @param {Page} page
 * @param {string} label
 */
export async function runCommand(page, label) {
  await page.keyboard.press('F1');
  const input = await quickInput(page);
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: STEP_TIMEOUT_MS });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

/**
 * Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor.
 * @param {Page} page
 * @param {string} relativePath e.g. database_migrations/versions/0003_add_orders_status.py
 */
export async function quickOpen(page, relativePath) {
  await page.keyboard.press('Control+P');
  const input = await quickInput(page);
  await input.fill(relativePath);
  const fileName = relativePath.split('/').pop() ?? relativePath;
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: fileName }).first();
  await row.waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: STEP_TIMEOUT_MS });
}

/**
 * Puts the cursor in the active editor at a 1-based line and column (Go to Line, Ctrl+G).
 * @param {Page} page
 * @param {number} line
 * @param {number} column
 */
export async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = await quickInput(page);
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

/**
 * Opens the Problems panel and puts the focus back where it was asked: a focused Problems list marks a row as
 * selected, with a light bulb where its severity icon belongs.
 * @param {Page} page
 */
export async function showProblems(page) {
  await runCommand(page, 'View: Focus Problems');
  await page.locator('.markers-panel').waitFor({ timeout: STEP_TIMEOUT_MS });
  await runCommand(page, 'View: Focus Active Editor Group');
}

/**
 * Waits until the Problems panel (opened if needed) has, for each of `texts` (a rule id, a message...), a row
 * that contains it.
 * @param {Page} page
 * @param {string[]} texts
 * @param {number} [timeoutMs]
 */
export async function waitForProblems(page, texts, timeoutMs = 60_000) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await showProblems(page);
  for (const text of texts) {
    await panel.locator('.monaco-list-row', { hasText: text }).first().waitFor({ timeout: timeoutMs });
  }
  return panel;
}

/**
 * Drags the side bar's edge to `width` pixels, so tree labels (revision messages, dates) are not cut.
 * @param {Page} page
 * @param {number} width
 */
export async function setSideBarWidth(page, width) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) throw new Error('The side bar is not visible');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
}

/**
 * Closes every notification toast, so it covers nothing in a screenshot.
 * @param {Page} page
 */
export async function clearNotifications(page) {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  if ((await toasts.count()) === 0) return;
  await runCommand(page, 'Notifications: Clear All Notifications');
  await toasts.first().waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS }).catch(() => {});
}
