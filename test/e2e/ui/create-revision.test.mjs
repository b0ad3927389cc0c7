// "Alembic: Create Revision" from the command palette, as a user runs it: a message typed into the input box, and
// the new migration (numbered by the example's migrate.py, which needs no database for it) opens as the active tab.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { chooseCommand } from '../workbench.mjs';
import { withInstalledWorkbench } from './installed-workbench.mjs';

const MESSAGE = 'add invoices table';
// migrate.py's file_template is %(rev)s_%(slug)s: Alembic's slug joins the message's words with underscores.
const NEW_FILE = '0006_add_invoices_table.py';
const STEP_TIMEOUT_MS = 15_000;
// Python starts, Alembic loads the scripts, then the workbench opens the file.
const CREATE_TIMEOUT_MS = 60_000;

test('Create Revision from the palette opens the new migration, revising the head', { timeout: 5 * 60_000 }, async () => {
  await withInstalledWorkbench('create-revision', async ({ page, workspace }) => {
    // As soon as the workbench lists the extension, before the extension has scanned the workspace: the command
    // waits for the scan.
    await chooseCommand(page, 'Alembic: Create Revision');
    const input = page.locator('.quick-input-widget .quick-input-box input');

    // The palette gives way to the command's own input box, in the same widget.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Alembic: new revision in backend' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await input.fill(MESSAGE);
    await page.keyboard.press('Enter');

    const tab = page.locator('.tabs-container .tab.active', { hasText: NEW_FILE });
    await tab.waitFor({ timeout: CREATE_TIMEOUT_MS });
    const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await editor.filter({ hasText: 'down_revision = "0005"' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await editor.filter({ hasText: 'revision = "0006"' }).waitFor({ timeout: STEP_TIMEOUT_MS });

    // What the editor shows is the file migrate.py wrote, not an unsaved buffer.
    const file = path.join(workspace, 'database_migrations', 'versions', NEW_FILE);
    assert.ok(existsSync(file), `${NEW_FILE} was not written to the workspace`);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^down_revision = "0005"$/m);
    assert.match(text, new RegExp(`^"""${MESSAGE}$`, 'm'), 'the message is not the docstring');
  });
});
