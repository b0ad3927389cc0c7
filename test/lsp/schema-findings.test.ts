// The schema rules over stdio: a revision's findings depend on what its ancestors build, so an edit of a parent's
// upgrade re-publishes the child that is not even open, and an edit that changes no schema does not.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { codes, fileUri, LspClient, plainText, replaceAll } from './client';

let root: string;
let client: LspClient;
let parentUri: string;
let childUri: string;

function revision(id: string, down: string | null, upgrade: string, downgrade: string): string {
  return `from alembic import op\n\nrevision = "${id}"\ndown_revision = ${down === null ? 'None' : `"${down}"`}\n\n\ndef upgrade():\n    op.execute("${upgrade}")\n\n\ndef downgrade():\n    op.execute("${downgrade}")\n`;
}

const PARENT = revision('0001', null, 'CREATE TABLE IF NOT EXISTS users (id int)', 'DROP TABLE IF EXISTS users');
// Re-declares users: against 0001 its downgrade drops the table the parent made.
const CHILD = revision('0002', '0001', 'CREATE TABLE IF NOT EXISTS users (id int)', 'DROP TABLE IF EXISTS users');

const symmetric = (p: PublishDiagnosticsParams): boolean => codes(p).includes('downgrade-not-symmetric');

before(async () => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-lsp-schema-')));
  const versions = path.join(root, 'migrations', 'versions');
  fs.mkdirSync(versions, { recursive: true });
  fs.writeFileSync(path.join(root, 'alembic.ini'), '[alembic]\nscript_location = %(here)s/migrations\n');
  fs.writeFileSync(path.join(versions, '0001_users.py'), PARENT);
  fs.writeFileSync(path.join(versions, '0002_users_again.py'), CHILD);
  parentUri = fileUri(path.join(versions, '0001_users.py'));
  childUri = fileUri(path.join(versions, '0002_users_again.py'));
  client = LspClient.start();
  await client.initialize(root);
});

after(() => {
  client?.kill();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

test('a file that is not open gets the finding its history makes', async () => {
  const params = await client.waitForDiagnostics(childUri, symmetric, 'downgrade-not-symmetric on the unopened 0002');
  const diagnostic = params.diagnostics.find((d) => d.code === 'downgrade-not-symmetric')!;
  assert.match(plainText(diagnostic.message), /table users is gone, but it existed before the upgrade/);
});

test("editing the parent's upgrade re-judges the child; editing it back brings the finding back", async () => {
  await client.open(parentUri, PARENT, 1);
  await client.waitForDiagnostics(parentUri, (p) => p.version === 1, 'the parent, version 1');
  const accounts = PARENT.replace('CREATE TABLE IF NOT EXISTS users', 'CREATE TABLE IF NOT EXISTS accounts');
  await client.change(parentUri, 2, replaceAll(PARENT, accounts));
  await client.waitForDiagnostics(childUri, (p) => !symmetric(p), 'the child without the finding once the parent makes accounts');
  await client.change(parentUri, 3, replaceAll(accounts, PARENT));
  await client.waitForDiagnostics(childUri, symmetric, 'the finding again once the parent makes users again');
});
