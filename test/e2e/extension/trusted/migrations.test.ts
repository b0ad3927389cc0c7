// The Migrations view and the commands that change the database or the files, against the real PostgreSQL the
// runner started (DATABASE_URL) and the project's own migrate.py run by Debian's Alembic: the view shows the
// revisions, the head and the database's revision; Upgrade to Here, Create Revision and Upgrade to Head do what
// they say, checked in the view and in the database itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Client } from 'pg';
import * as vscode from 'vscode';
import type { AlembicTestApi } from '../../../../client/src/test-api';
import { openProjectAndDatabase, revisionRows, rowOf, rowStates, runCommand, VERSIONS_DIR, versionRows, waitFor, workspaceUri } from '../helpers';

describe('Migrations against PostgreSQL', () => {
  let api: AlembicTestApi;
  let key: string;
  let db: Client;
  const versions = workspaceUri(VERSIONS_DIR).fsPath;

  before(async () => {
    ({ api, key, db } = await openProjectAndDatabase());
  });
  after(() => db?.end());

  /** Waits until the view shows these states (`<id>:revision:<state>`, newest first). */
  async function waitForRows(expected: string[]): Promise<void> {
    await waitFor(`the Migrations view to show ${JSON.stringify(expected)}`, () => JSON.stringify(rowStates(api)) === JSON.stringify(expected), {
      timeoutMs: 60_000,
      describe: () => `${JSON.stringify(rowStates(api))}, database ${JSON.stringify(api.dbState(key))}`,
    });
  }

  it('shows every revision, newest first, the head and the base marked, all pending on an empty database', async () => {
    assert.equal(await versionRows(db), undefined, 'the database starts without a version table');
    await waitForRows(['0005:revision:pending', '0004:revision:pending', '0003:revision:pending', '0002:revision:pending', '0001:revision:pending']);
    assert.match(String(rowOf(api, '0005').item.description), /\bhead\b/);
    assert.match(String(rowOf(api, '0001').item.description), /\bbase\b/);
    for (const id of ['0004', '0003', '0002']) assert.doesNotMatch(String(rowOf(api, id).item.description), /\bhead\b|\bbase\b/);
    assert.equal(rowOf(api, '0005').item.label, 'add_orders_status_created_index');
    assert.match(String(rowOf(api, '0005').item.description), /^0005 · /);
  });

  it('Upgrade to Here applies the revisions up to the one it is run on, and the view shows it current', async () => {
    await runCommand('alembic.upgradeToHere', rowOf(api, '0002').element);
    assert.deepEqual(await versionRows(db), ['0002']);
    await waitForRows(['0005:revision:pending', '0004:revision:pending', '0003:revision:pending', '0002:revision:current', '0001:revision:applied']);
    const state = api.dbState(key);
    assert.deepEqual(state?.kind === 'connected' ? state.current : state, ['0002']);
  });

  it('Show SQL for Pending Migrations opens the SQL of the revisions above the current one', async () => {
    await runCommand('alembic.showPendingSql', key);
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /ADD COLUMN IF NOT EXISTS status/i, 'the SQL of 0003');
    assert.match(text, /idx_orders_status_created_at/, 'the SQL of 0005');
    assert.doesNotMatch(text, /CREATE TABLE IF NOT EXISTS users/i, 'not the SQL of the applied 0001');
    assert.deepEqual(await versionRows(db), ['0002'], 'offline: nothing ran against the database');
  });

  it('Create Revision writes the next revision on top of the head and opens it', async () => {
    const before = new Set(fs.readdirSync(versions));
    await runCommand('alembic.createRevision', { projectKey: key, message: 'add e2e marker' });
    const added = fs.readdirSync(versions).filter((name) => !before.has(name) && name.endsWith('.py'));
    assert.deepEqual(added, ['0006_add_e2e_marker.py']);
    const file = `${versions}/0006_add_e2e_marker.py`;
    const source = fs.readFileSync(file, 'utf8');
    assert.match(source, /^revision = "0006"$/m);
    assert.match(source, /^down_revision = "0005"$/m);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file, 'the new revision is open');
    await waitForRows(['0006:revision:pending', '0005:revision:pending', '0004:revision:pending', '0003:revision:pending', '0002:revision:current', '0001:revision:applied']);
    assert.match(String(rowOf(api, '0006').item.description), /\bhead\b/);
    assert.doesNotMatch(String(rowOf(api, '0005').item.description), /\bhead\b/);
  });

  it('Upgrade to Head applies every pending revision, the new one included', async () => {
    await runCommand('alembic.upgradeHead', key);
    assert.deepEqual(await versionRows(db), ['0006']);
    const status = await db.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'status'`);
    assert.equal(status.rowCount, 1, '0003 ran: orders.status exists');
    await waitForRows(['0006:revision:current', '0005:revision:applied', '0004:revision:applied', '0003:revision:applied', '0002:revision:applied', '0001:revision:applied']);
    assert.equal(revisionRows(api).length, 6);
  });
});
