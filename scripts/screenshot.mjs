// Takes the README's screenshots from a real workbench, checking on the way that what they show really happened:
// - diagnostics.png: a migration with a typo just typed, and the Problems panel with the extension's rule ids;
// - sidebar.png: the embedded database started from the palette, the example upgraded to 0003 with
//   "Upgrade to Revision...", and the Migrations view, the Database section, the status bar and the Alembic output
//   showing it;
// - downgrade-confirm.png: "Downgrade One" asking first, with the revision and what its downgrade destroys (cancelled);
// - graph.png: the Graph view of the example continued by 23 revisions with a branch and its merge, upgraded to 0012 in
//   the embedded database: lanes, folded runs, applied / current / pending colours;
// - verify.png: Verify Migrations (the real alembic-lint verify, on the embedded PGlite) over the example plus a revision
//   that fails when re-run: its verify-rerun problem in the Problems panel, ✗ on it and ✓ on the others.
// Afterwards nothing it started may be left: no code-server, no chromium, no embedded database process or port.
// Run after `npm run build`: node scripts/screenshot.mjs [diagnostics] [sidebar] [graph] [verify]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { withWorkbench } from '../test/e2e/browser.mjs';
import { writeMigration } from '../test/e2e/migration-files.mjs';
import { isListening, processesMatching } from '../test/e2e/processes.mjs';
import {
  answerDialog,
  chooseCommand,
  clearNotifications,
  goTo,
  quickOpen,
  runCommand,
  runCommandAndPick,
  setSideBarWidth,
  showOutputChannel,
  showProblems,
  showViewContainer,
  treeIcons,
  treeRows,
  waitForDialog,
  waitForOutput,
  waitForProblems,
  waitForStatusBarItem,
} from '../test/e2e/workbench.mjs';
import { repoRoot } from './lib/repo.mjs';

const MIGRATION = 'database_migrations/versions/0003_add_orders_status.py';
// The example's revisions by id: the Migrations view labels them by their message.
const MESSAGES = {
  '0005': 'add_orders_status_created_index',
  '0004': 'add_users_name_trgm_index',
  '0003': 'add_orders_status',
  '0002': 'create_orders',
  '0001': 'create_users',
};
const imagesDir = path.join(repoRoot, 'images');
// Tall enough for the whole migration above the Problems panel, and for the sidebar above the output.
const VIEWPORT = { width: 1400, height: 1000 };
// The example's migrate.py needs Alembic: Debian's python3-alembic is installed for /usr/bin/python3, while the
// python3 first on PATH may be another interpreter. No port forwarding: code-server would announce the embedded
// database's port, which a desktop VS Code never does.
const SETTINGS = { 'alembic.pythonPath': '/usr/bin/python3', 'remote.autoForwardPorts': false };
const EMBEDDED_START_TIMEOUT_MS = 90_000;
const MIGRATION_TIMEOUT_MS = 90_000;
const STOPPED_TIMEOUT_MS = 15_000;
// VS Code redraws a tree view up to 200 ms after the extension says it changed; the status bar at once.
const VIEW_SETTLE_TIMEOUT_MS = 5_000;

// What the example's shop might add next: 0006 to 0024 in a line, 0025 and 0026 on two branches from 0024, 0027
// merging them, 0028 the head.
const GRAPH_HISTORY = [
  'add_products', 'add_product_prices', 'add_carts', 'add_cart_items', 'add_payments', 'add_payment_status_index',
  'add_shipments', 'add_addresses', 'add_user_addresses', 'add_coupons', 'add_order_coupons', 'add_reviews',
  'add_review_ratings_index', 'add_wishlists', 'add_wishlist_items', 'add_warehouses', 'add_inventory',
  'add_stock_movements', 'add_audit_log', 'add_refunds', 'add_gift_cards', 'merge_refunds_and_gift_cards', 'add_loyalty_points',
];

if (!existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
const started = Date.now();
mkdirSync(imagesDir, { recursive: true });
// Names on the command line take only those (`node scripts/screenshot.mjs graph`); none takes all.
const only = process.argv.slice(2);
const wanted = (/** @type {string} */ name) => only.length === 0 || only.includes(name);
const saved = [
  ...(wanted('diagnostics') ? [await diagnosticsScreenshot()] : []),
  ...(wanted('sidebar') ? await sidebarScreenshots() : []),
  ...(wanted('graph') ? [await graphScreenshot()] : []),
  ...(wanted('verify') ? [await verifyScreenshot()] : []),
];
console.log(`Saved ${saved.map((f) => path.relative(repoRoot, f)).join(', ')} in ${seconds(started)} s`);

async function diagnosticsScreenshot() {
  return withWorkbench(
    async ({ page, workspace }) => {
      await setSideBarWidth(page, 480);
      await quickOpen(page, MIGRATION);
      await showProblems(page);
      // Typed into the editor, not written to disk: the diagnostics come from the live document.
      const text = readFileSync(path.join(workspace, MIGRATION), 'utf8');
      const { line, column } = positionOf(text, 'TABLE orders');
      await goTo(page, line, column);
      await page.keyboard.press('Control+Shift+ArrowRight');
      await page.keyboard.type('TABEL');
      return shootProblems(page, ['sql-syntax', 'require-if-exists'], 'diagnostics.png');
    },
    {
      name: 'screenshot-diagnostics',
      viewport: VIEWPORT,
      settings: SETTINGS,
      // A downgrade without IF EXISTS, so the panel shows a warning with a quick fix beside the typed error.
      prepare: (workspace) => {
        const file = path.join(workspace, MIGRATION);
        writeFileSync(file, readFileSync(file, 'utf8').replace('DROP COLUMN IF EXISTS status', 'DROP COLUMN status'));
      },
    },
  );
}

async function verifyScreenshot() {
  const message = 'add_orders_note';
  return withWorkbench(
    async ({ page }) => {
      await showViewContainer(page, 'Alembic');
      await setSideBarWidth(page, 520);
      await treeRows(page, 'Migrations').filter({ hasText: message }).waitFor({ timeout: MIGRATION_TIMEOUT_MS });
      await runCommand(page, 'Alembic: Verify Migrations');
      // Six revisions, four steps each, Python started for every one: minutes on a loaded machine.
      await page.locator('.notifications-toasts .notification-toast', { hasText: /Verified 6 migrations of backend/ }).waitFor({ timeout: 4 * MIGRATION_TIMEOUT_MS });
      await treeRows(page, 'Migrations').filter({ hasText: message }).filter({ has: page.locator('.label-description', { hasText: /^✗ / }) }).waitFor({ timeout: VIEW_SETTLE_TIMEOUT_MS });
      await quickOpen(page, 'database_migrations/versions/0006_add_orders_note.py');
      return shootProblems(page, ['verify-rerun'], 'verify.png');
    },
    {
      name: 'screenshot-verify',
      viewport: VIEWPORT,
      settings: SETTINGS,
      // An upgrade without IF NOT EXISTS: it runs once, and fails when re-run over its own schema.
      prepare: (/** @type {string} */ workspace) => {
        writeMigration(path.join(workspace, 'database_migrations', 'versions'), {
          id: '0006',
          parents: ['0005'],
          message,
          date: '2026-02-10 09:00:00',
          upgrade: 'ALTER TABLE orders ADD COLUMN note text',
          downgrade: 'ALTER TABLE orders DROP COLUMN IF EXISTS note',
        });
      },
    },
  );
}

async function sidebarScreenshots() {
  /** @type {{ workspace: string, port: number } | undefined} */
  let embedded;
  const files = await withWorkbench(
    async ({ page, workspace }) => {
      const step = stepTimer();
      await setSideBarWidth(page, 480);
      await showViewContainer(page, 'Alembic');
      await treeRows(page, 'Migrations').filter({ hasText: MESSAGES['0005'] }).waitFor({ timeout: 30_000 });
      step('Migrations view filled');

      await runCommand(page, 'Alembic: Start Embedded Database');
      await waitForStatusBarItem(page, 'base -> 0005 (5 pending)', EMBEDDED_START_TIMEOUT_MS);
      const port = await embeddedPort(page);
      // Found while it runs, so that finding none afterwards means something.
      const running = processesMatching(['embedded-db-main', workspace]);
      if (running.length !== 1) throw new Error(`Expected one embedded database process for ${workspace}, found ${JSON.stringify(running)}`);
      embedded = { workspace, port };
      step(`embedded database connected (pid ${running[0]?.pid}, port ${port})`);

      await runCommandAndPick(page, 'Alembic: Upgrade to Revision...', '0003');
      await waitForStatusBarItem(page, '0003 -> 0005 (2 pending)', MIGRATION_TIMEOUT_MS);
      await eventually(() => expectRevisionStates(page, { '0005': 'pending', '0004': 'pending', '0003': 'current', '0002': 'applied', '0001': 'applied' }));
      await eventually(() => expectDatabaseRows(page, ['Current0003', 'Head0005', 'Pending2', 'Sourceembedded database (PGlite)']));
      await expectVersionTable(workspace, port, ['0003']);
      step('upgraded to 0003');

      // The next migration to apply, opened from the tree as a user would.
      await treeRows(page, 'Migrations').filter({ hasText: MESSAGES['0004'] }).click();
      await page.locator('.tabs-container .tab.active', { hasText: '0004_add_users_name_trgm_index.py' }).waitFor({ timeout: 15_000 });
      await showOutputChannel(page, 'Alembic');
      await waitForOutput(page, ['migrate.py upgrade 0003', 'Running upgrade 0002 -> 0003, add_orders_status', 'Done.']);
      // A focused output highlights the word under its cursor.
      await runCommand(page, 'View: Focus Active Editor Group');
      await clearNotifications(page);
      await page.mouse.move(900, 300);
      const sidebar = await shoot(page, 'sidebar.png');
      step('sidebar.png');

      await runCommand(page, 'Alembic: Downgrade One');
      const { text } = await waitForDialog(page);
      for (const expected of ['This reverts 1 revision', '0003 add_orders_status', 'drop column orders.status']) {
        if (!text.includes(expected)) throw new Error(`The downgrade confirmation does not say "${expected}":\n${text}`);
      }
      const confirm = await shoot(page, 'downgrade-confirm.png');
      await answerDialog(page, 'Cancel');
      // Cancelled: nothing runs, the database stays where it was.
      await page.waitForTimeout(2000);
      if ((await page.locator('.notifications-toasts .notification-toast', { hasText: 'Downgrading' }).count()) > 0) {
        throw new Error('Cancelling the downgrade confirmation still ran a downgrade');
      }
      await expectVersionTable(workspace, port, ['0003']);
      step('downgrade-confirm.png');
      return [sidebar, confirm];
    },
    { name: 'screenshot-sidebar', viewport: VIEWPORT, settings: SETTINGS },
  );
  if (embedded) await expectEmbeddedStopped(embedded);
  return files;
}

/** @param {string} versions */
function writeGraphHistory(versions) {
  const id = (/** @type {number} */ n) => String(n).padStart(4, '0');
  GRAPH_HISTORY.forEach((message, i) => {
    const n = 6 + i;
    const parents = n === 26 ? ['0024'] : n === 27 ? ['0025', '0026'] : [id(n - 1)];
    const table = message.replace(/^add_/, '');
    const merge = parents.length > 1;
    writeMigration(versions, {
      id: id(n),
      parents,
      message,
      date: `2026-03-${String(1 + i).padStart(2, '0')} 10:00:00`,
      ...(merge ? {} : { upgrade: `CREATE TABLE IF NOT EXISTS ${table} (id SERIAL PRIMARY KEY)`, downgrade: `DROP TABLE IF EXISTS ${table}` }),
    });
  });
}

async function graphScreenshot() {
  /** @type {{ workspace: string, port: number } | undefined} */
  let embedded;
  const file = await withWorkbench(
    async ({ page, workspace }) => {
      const step = stepTimer();
      await showViewContainer(page, 'Alembic');
      await treeRows(page, 'Migrations').filter({ hasText: '0028 add_loyalty_points' }).waitFor({ timeout: 30_000 });
      await runCommand(page, 'Alembic: Start Embedded Database');
      await waitForStatusBarItem(page, 'base -> 0028 (28 pending)', EMBEDDED_START_TIMEOUT_MS);
      const port = await embeddedPort(page);
      embedded = { workspace, port };
      // The pick lists 29 entries and draws only those in view: typed, as a user finds one.
      await chooseCommand(page, 'Alembic: Upgrade to Revision...');
      await page.locator('.quick-input-widget .quick-input-box input').fill('0012');
      await page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: /^0012$/ }) }).first().click();
      await waitForStatusBarItem(page, '0012 -> 0028 (16 pending)', MIGRATION_TIMEOUT_MS);
      step('upgraded to 0012');

      // The window as the screenshot shows it, set up before the graph takes the focus.
      await runCommand(page, 'View: Close Primary Side Bar');
      await clearNotifications(page);
      await runCommand(page, 'Alembic: Show Migration Graph');
      const graph = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      await graph.locator('.row.section .subtitle', { hasText: 'database at 0012' }).waitFor({ timeout: 30_000 });
      for (const [id, state] of [['0028', 'pending'], ['0012', 'current'], ['0001', 'applied']]) {
        await graph.locator(`.row.node.state-${state} .id`, { hasText: new RegExp(`^${id}$`) }).waitFor({ timeout: VIEW_SETTLE_TIMEOUT_MS });
      }
      if ((await graph.locator('.row.run[aria-expanded="false"]').count()) === 0) throw new Error('The graph folds no run');
      // The keyboard's selection on the branch point (a click would open its file).
      await graph.locator('#list').press('Home');
      for (let i = 0; i < 4; i++) await graph.locator('#list').press('ArrowDown');
      await graph.locator('.row.node.selected .id', { hasText: /^0024$/ }).waitFor({ timeout: VIEW_SETTLE_TIMEOUT_MS });
      await page.mouse.move(1300, 780);
      step('graph shown');
      return shoot(page, 'graph.png');
    },
    {
      name: 'screenshot-graph',
      viewport: { width: 1000, height: 720 },
      settings: SETTINGS,
      prepare: (workspace) => writeGraphHistory(path.join(workspace, 'database_migrations', 'versions')),
    },
  );
  if (embedded) await expectEmbeddedStopped(embedded);
  return file;
}

/**
 * The embedded database's port, once the Database section shows it connected.
 * @param {import('playwright-core').Page} page
 */
async function embeddedPort(page) {
  return eventually(async () => {
    const projectRow = treeRows(page, 'Database').first();
    const [database, state] = await Promise.all([projectRow.locator('.label-name').innerText(), projectRow.locator('.label-description').innerText()]);
    const listening = Number(/^backend: postgres@127\.0\.0\.1:(\d+)\/postgres$/.exec(database)?.[1]);
    if (state !== 'connected' || !listening) throw new Error(`The Database section does not show the embedded database connected: ${JSON.stringify([database, state])}`);
    return listening;
  });
}

/**
 * @param {import('playwright-core').Page} page
 * @param {Record<string, string>} expected revision id -> applied | current | pending
 */
async function expectRevisionStates(page, expected) {
  const icons = { applied: 'check', current: 'arrow-right', pending: 'circle-outline' };
  const shown = await treeIcons(page, 'Migrations');
  for (const [revision, state] of Object.entries(expected)) {
    const icon = shown[MESSAGES[/** @type {keyof typeof MESSAGES} */ (revision)]];
    if (icon !== icons[/** @type {keyof typeof icons} */ (state)]) {
      throw new Error(`Migrations view: ${revision} should show as ${state}; its icons are ${JSON.stringify(shown)}`);
    }
  }
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string[]} expected rows' label + description, e.g. `Current0003`
 */
async function expectDatabaseRows(page, expected) {
  const rows = await treeRows(page, 'Database').allInnerTexts();
  const missing = expected.filter((row) => !rows.some((shown) => shown.replace(/\s+/g, '') === row.replace(/\s+/g, '')));
  if (missing.length > 0) throw new Error(`The Database section lacks ${JSON.stringify(missing)}: it shows ${JSON.stringify(rows)}`);
}

/**
 * What the version table really holds, read past the extension: the views could agree with a wrong state.
 * @param {string} workspace
 * @param {number} port
 * @param {string[]} expected
 */
async function expectVersionTable(workspace, port, expected) {
  // The embedded database asks for the workspace's own password (server/src/host/embedded/embedded-password.ts).
  const password = readFileSync(path.join(workspace, '.alembic', 'password'), 'utf8').trim();
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres', connectionTimeoutMillis: 10_000, query_timeout: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT version_num FROM alembic_version ORDER BY version_num');
    const held = rows.map((row) => String(row.version_num));
    if (JSON.stringify(held) !== JSON.stringify(expected)) throw new Error(`alembic_version holds ${JSON.stringify(held)}, expected ${JSON.stringify(expected)}`);
  } finally {
    await client.end();
  }
}

/**
 * The embedded database is a child of the extension host: stopping code-server must have stopped it and freed its port.
 * @param {{ workspace: string, port: number }} embedded
 */
async function expectEmbeddedStopped({ workspace, port }) {
  const deadline = Date.now() + STOPPED_TIMEOUT_MS;
  for (;;) {
    const left = processesMatching(['embedded-db-main', workspace]);
    const listening = await isListening(port);
    if (left.length === 0 && !listening) return;
    if (Date.now() > deadline) {
      throw new Error(`The embedded database outlived the workbench: ${JSON.stringify(left)}${listening ? `, port ${port} still open` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Retries `check` until it passes (returning its result) or the views had time to settle; then its last error.
 * @template T
 * @param {() => Promise<T>} check
 * @returns {Promise<T>}
 */
async function eventually(check) {
  const deadline = Date.now() + VIEW_SETTLE_TIMEOUT_MS;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Logs how long each step took since the previous one. */
function stepTimer() {
  let last = Date.now();
  return (/** @type {string} */ what) => {
    console.log(`  ${what}: ${seconds(last)} s`);
    last = Date.now();
  };
}

/** @param {number} since */
function seconds(since) {
  return ((Date.now() - since) / 1000).toFixed(1);
}

/**
 * Once the Problems panel lists each of `texts`: without notifications over it, the mouse off any hover.
 * @param {import('playwright-core').Page} page
 * @param {string[]} texts
 * @param {string} name
 */
async function shootProblems(page, texts, name) {
  await waitForProblems(page, texts);
  await clearNotifications(page);
  await page.mouse.move(900, 560);
  return shoot(page, name);
}

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
