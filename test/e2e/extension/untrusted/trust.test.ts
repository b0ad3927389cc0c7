// Restricted Mode: linting and the Migrations view work, and every command that needs a trusted workspace refuses
// to run (from the palette, a keybinding, another extension): it shows a warning and waits for it, and nothing happens to the files or the database. The commands that need no trust still run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Client } from 'pg';
import * as vscode from 'vscode';
import type { AlembicTestApi } from '../../../../client/src/test-api';
import { suiteConfig } from '../config';
import {
  contributedCommands,
  describeDiagnostics,
  lintDiagnostics,
  openProjectAndDatabase,
  revisionRows,
  rowOf,
  rowStates,
  ruleOf,
  runCommand,
  sleep,
  trustRequiringCommands,
  VERSIONS_DIR,
  versionRows,
  waitFor,
  workspaceFolder,
  workspaceUri,
} from '../helpers';

/** How long a refused command is watched to stay pending on its warning. */
const PENDING_MS = 1000;

describe('An untrusted workspace', () => {
  let api: AlembicTestApi;
  let key: string;
  let db: Client;

  before(async () => {
    ({ api, key, db } = await openProjectAndDatabase());
  });
  after(() => db?.end());

  it('is open in Restricted Mode', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('still lints the migrations', async () => {
    const { seededMigration, seededRule } = suiteConfig();
    const uri = workspaceUri(seededMigration);
    await waitFor(`${seededRule} in ${seededMigration}`, () => lintDiagnostics(uri).some((d) => ruleOf(d) === seededRule), { describe: () => describeDiagnostics(uri) });
  });

  it('shows the revisions without a database state', async () => {
    await waitFor('the revisions in the Migrations view', () => revisionRows(api).length === 5, { describe: () => JSON.stringify(rowStates(api)) });
    assert.deepEqual(rowStates(api), ['0005:revision:unknown', '0004:revision:unknown', '0003:revision:unknown', '0002:revision:unknown', '0001:revision:unknown']);
    assert.deepEqual(api.dbState(key), { kind: 'untrusted' });
  });

  it('refuses every command that needs trust, leaving the files and the database alone', async () => {
    const versions = workspaceUri(VERSIONS_DIR).fsPath;
    const filesBefore = fs.readdirSync(versions).sort();
    const ids = trustRequiringCommands();
    assert.ok(ids.length >= 10, `commands that need trust: ${JSON.stringify(ids)}`);
    const argument = (id: string): unknown =>
      id === 'alembic.createRevision' ? { projectKey: key, message: 'must not be written' } : /ToHere$|showSql$/.test(id) ? rowOf(api, '0003').element : key;
    // One at a time: the workbench shows one copy of a message, and a second identical warning closes the first.
    for (const id of ids) {
      let settled = false;
      const running = Promise.resolve(vscode.commands.executeCommand(id, argument(id))).finally(() => {
        settled = true;
      });
      await sleep(PENDING_MS);
      assert.equal(settled, false, `${id} waits on its refusal warning`);
      // Closing the warning (as dismissing it would) lets the command return, having run nothing.
      await vscode.commands.executeCommand('notifications.clearAll');
      await waitFor(`${id} to return once its warning is closed`, () => settled, { timeoutMs: 10_000 });
      await running;
    }
    assert.deepEqual(fs.readdirSync(versions).sort(), filesBefore, 'no revision was created');
    assert.equal(await versionRows(db), undefined, 'nothing ran against the database');
    assert.equal(fs.existsSync(`${workspaceFolder().uri.fsPath}/.alembic`), false, 'no embedded database was started');
    assert.deepEqual(api.dbState(key), { kind: 'untrusted' });
  });

  it('runs the commands that need no trust', async () => {
    const safe = contributedCommands()
      .map((c) => c.command)
      .filter((id) => !trustRequiringCommands().includes(id));
    assert.deepEqual(safe.sort(), [
      'alembic.copyRevisionId',
      'alembic.disconnect',
      'alembic.forgetAgreedServers',
      'alembic.forgetPassword',
      'alembic.refresh',
      'alembic.revealRevision',
      'alembic.showGraph',
      'alembic.showInGraph',
      'alembic.stopEmbeddedDatabase',
    ]);
    await runCommand('alembic.refresh', undefined, 15_000);
    await runCommand('alembic.disconnect', key, 15_000);
    await runCommand('alembic.forgetPassword', key, 15_000);
    await runCommand('alembic.forgetAgreedServers', undefined, 15_000);
    await runCommand('alembic.stopEmbeddedDatabase', undefined, 15_000);
    // The graph shows what the language server read, which it does in every workspace.
    await runCommand('alembic.showGraph', undefined, 15_000);
    await runCommand('alembic.revealRevision', rowOf(api, '0003').element, 15_000);
    await runCommand('alembic.copyRevisionId', rowOf(api, '0004').element, 15_000);
    assert.equal(await vscode.env.clipboard.readText(), '0004');
  });
});
