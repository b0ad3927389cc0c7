// Takes the README's screenshots from a real workbench: a migration with a typo just typed and the Problems panel
// showing the extension's diagnostics with their rule ids; the Alembic view when the extension contributes one.
// Run after `npm run build`: node scripts/screenshot.mjs
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withWorkbench } from '../test/e2e/browser.mjs';
import { clearNotifications, goTo, quickOpen, setSideBarWidth, showProblems, waitForProblems } from '../test/e2e/workbench.mjs';
import { repoRoot } from './lib/repo.mjs';

const MIGRATION = 'database_migrations/versions/0003_add_orders_status.py';
const imagesDir = path.join(repoRoot, 'images');

if (!existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
const started = Date.now();
mkdirSync(imagesDir, { recursive: true });
/** @type {string[]} */
const saved = await withWorkbench(
  async ({ page, workspace }) => {
    /** @type {string[]} */
    const files = [];
    await setSideBarWidth(page, 480);
    await quickOpen(page, MIGRATION);
    await showProblems(page);
    // Typed into the editor, not written to disk: the diagnostics come from the live document.
    const text = readFileSync(path.join(workspace, MIGRATION), 'utf8');
    const { line, column } = positionOf(text, 'TABLE orders');
    await goTo(page, line, column);
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.type('TABEL');
    await waitForProblems(page, ['sql-syntax', 'require-if-exists']);
    await clearNotifications(page);
    await page.mouse.move(900, 560);
    files.push(await shoot(page, 'diagnostics.png'));

    const alembic = page.locator('.part.activitybar .action-item a[aria-label^="Alembic"]');
    if ((await alembic.count()) > 0) {
      await alembic.first().click();
      await page.locator('.part.sidebar .composite.title', { hasText: /alembic/i }).waitFor({ timeout: 15_000 });
      // The tree fills in once the server has answered; until a project is found the view shows its welcome text.
      const tree = page.locator('.part.sidebar .pane-body .monaco-list-row');
      const welcome = page.locator('.part.sidebar .welcome-view-content');
      await tree.or(welcome).first().waitFor({ timeout: 30_000 });
      await tree.first().waitFor({ timeout: 10_000 }).catch(() => console.error('The Alembic view shows its welcome text, no tree.'));
      // Off the activity bar, so its hover label covers nothing.
      await page.mouse.move(900, 560);
      files.push(await shoot(page, 'sidebar.png'));
    } else {
      console.error('No "Alembic" entry in the activity bar: no sidebar screenshot.');
    }
    return files;
  },
  {
    name: 'screenshot',
    // Tall enough for the whole migration above the Problems panel.
    viewport: { width: 1400, height: 1000 },
    // A downgrade without IF EXISTS, so the panel shows a warning with a quick fix beside the typed error.
    prepare: (workspace) => {
      const file = path.join(workspace, MIGRATION);
      writeFileSync(file, readFileSync(file, 'utf8').replace('DROP COLUMN IF EXISTS status', 'DROP COLUMN status'));
    },
  },
);
console.log(`Saved ${saved.map((f) => path.relative(repoRoot, f)).join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

/**
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
async function shoot(page, name) {
  const file = path.join(imagesDir, name);
  await page.screenshot({ path: file });
  return file;
}

/**
 * 1-based line and column of the first occurrence of `needle`.
 * @param {string} text
 * @param {string} needle
 */
function positionOf(text, needle) {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" is not in ${MIGRATION} any more: update scripts/screenshot.mjs`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
}
