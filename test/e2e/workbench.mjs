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

/**
 * Resolves when the workbench has registered an installed extension's contributions (its commands, views and
 * activity-bar entry), which it does only once the extension host has scanned the extensions: in code-server that
 * is seconds after the Explorer shows the folder, and longer on a busy machine. A palette opened before then lists
 * no command of any extension, built-in ones included, and does not refresh while it stays open. A user waits for
 * the activity-bar icon; so does a test, before its first palette command of the extension.
 * @param {Page} page
 * @param {string} [title] the extension's view container, as its activity-bar entry is labelled
 */
export async function waitForExtension(page, title = 'Alembic') {
  await page.locator(`.part.activitybar .action-item a[aria-label^="${title}"]`).first().waitFor({ timeout: WORKBENCH_TIMEOUT_MS });
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
  await chooseCommand(page, label);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

/**
 * Chooses a command in the palette, without waiting for the palette to close: a command may reuse it to ask.
 * An extension's command is listed only once the workbench has registered the extension: see waitForExtension.
 * @param {Page} page
 * @param {string} label
 */
export async function chooseCommand(page, label) {
  await page.keyboard.press('F1');
  const input = await quickInput(page);
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: STEP_TIMEOUT_MS });
  await row.click();
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

/**
 * Opens a view container from the activity bar by its title ("Alembic", "Explorer") and waits for its side bar.
 * @param {Page} page
 * @param {string} title
 */
export async function showViewContainer(page, title) {
  await page.locator(`.part.activitybar .action-item a[aria-label^="${title}"]`).first().click();
  // hasText ignores case: the title bar shows it in capitals.
  await page.locator('.part.sidebar .composite.title', { hasText: title }).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/**
 * The rows of a side bar view ("Migrations", "Database"): label and description, as the tree shows them.
 * @param {Page} page
 * @param {string} view the view's name as its section header shows it
 */
export function treeRows(page, view) {
  const pane = page.locator('.part.sidebar .pane', { has: page.locator(`.pane-header[aria-label="${view} Section"]`) });
  return pane.locator('.pane-body .monaco-list-row');
}

/**
 * The codicon of each row of a view, by the row's label: what a revision's state looks like (check, arrow-right...).
 * @param {Page} page
 * @param {string} view
 * @returns {Promise<Record<string, string>>}
 */
export async function treeIcons(page, view) {
  return treeRows(page, view).evaluateAll((rows) =>
    Object.fromEntries(
      rows.map((row) => {
        const label = row.querySelector('.label-name')?.textContent ?? '';
        const icon = [...(row.querySelector('.custom-view-tree-node-item-icon')?.classList ?? [])].find((c) => c.startsWith('codicon-'));
        return [label, icon?.slice('codicon-'.length) ?? ''];
      }),
    ),
  );
}

/**
 * Waits until the status bar has an item whose text contains `text` (an extension's item: `0003 -> 0005 (2 pending)`).
 * @param {Page} page
 * @param {string | RegExp} text
 * @param {number} [timeoutMs]
 */
export async function waitForStatusBarItem(page, text, timeoutMs = 60_000) {
  const item = page.locator('.part.statusbar .statusbar-item', { hasText: text }).first();
  await item.waitFor({ timeout: timeoutMs });
  return item;
}

/**
 * Runs a palette command that asks for a choice in a quick pick, and picks the entry whose label is `item`.
 * @param {Page} page
 * @param {string} label the command, as the palette shows it
 * @param {string} item the entry's label, exactly (`0003`, not `0003 add_orders_status`)
 */
export async function runCommandAndPick(page, label, item) {
  await chooseCommand(page, label);
  const name = page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(item)}$`) });
  const row = page.locator('.quick-input-widget .monaco-list-row', { has: name }).first();
  await row.waitFor({ timeout: STEP_TIMEOUT_MS });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

/**
 * Shows an output channel by its name ("Alembic", not "Alembic Language Server") in the panel.
 * @param {Page} page
 * @param {string} channel
 */
export async function showOutputChannel(page, channel) {
  await runCommandAndPick(page, 'Output: Show Output Channels...', channel);
  await page.locator('.part.panel .monaco-editor .view-lines').first().waitFor({ timeout: STEP_TIMEOUT_MS });
}

/**
 * Waits until the output shown in the panel contains each of `texts` (its visible lines).
 * @param {Page} page
 * @param {string[]} texts
 * @param {number} [timeoutMs]
 */
export async function waitForOutput(page, texts, timeoutMs = 60_000) {
  const lines = page.locator('.part.panel .monaco-editor .view-lines').first();
  for (const text of texts) await lines.filter({ hasText: text }).waitFor({ timeout: timeoutMs });
  return lines;
}

/**
 * Waits for a modal dialog (`showWarningMessage(..., { modal: true })`) and returns it with its text.
 * @param {Page} page
 */
export async function waitForDialog(page) {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: STEP_TIMEOUT_MS });
  return { dialog, text: await dialog.innerText() };
}

/**
 * Clicks a modal dialog's button by its label and waits for the dialog to close.
 * @param {Page} page
 * @param {string} button e.g. "Cancel"
 */
export async function answerDialog(page, button) {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.locator('.monaco-button', { hasText: new RegExp(`^${escapeRegExp(button)}$`) }).click();
  await dialog.waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
}

/** @param {string} text */
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
