// Configuration the way VS Code delivers it: pulled with workspace/configuration, changes announced through a
// dynamically registered didChangeConfiguration, file watchers registered by the server, pyproject.toml edits.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  RegistrationRequest,
  type Registration,
} from 'vscode-languageserver-protocol';
import { fixturePath } from '../helpers/repo';
import { codes, fileUri, LspClient } from './client';

let root: string;
let client: LspClient;
const registrations: Registration[] = [];
const configurationRequests: unknown[] = [];
let alembicSection: unknown = { lint: { rules: { 'multiple-heads': 'off' } } };

const uriOf = (name: string): string => fileUri(path.join(root, 'migrations', 'versions', name));

before(async () => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-lsp-config-')));
  fs.cpSync(fixturePath('cli', 'project'), root, { recursive: true });
  client = LspClient.start();
  client.connection.onRequest(RegistrationRequest.type, (params) => {
    registrations.push(...params.registrations);
  });
  client.connection.onRequest(ConfigurationRequest.type, (params) => {
    configurationRequests.push(params);
    return params.items.map((item) => (item.section === 'alembic' ? alembicSection : null));
  });
  // initializationOptions say nothing: the pulled settings must be what counts.
  await client.initialize(root, null, {
    workspaceFolders: true,
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  });
});

after(() => {
  client?.kill();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

test('the server registers its file watchers and configuration section, and pulls the settings', async () => {
  await client.waitForDiagnostics(uriOf('0002_create_orders.py'), (p) => codes(p).includes('sql-syntax'), 'sql-syntax on 0002');
  const watchers = registrations.find((r) => r.method === DidChangeWatchedFilesNotification.method);
  assert.ok(watchers, `registrations: ${registrations.map((r) => r.method).join(', ')}`);
  assert.deepEqual(
    (watchers.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern),
    ['**/*.py', '**/alembic.ini', '**/pyproject.toml'],
  );
  assert.ok(registrations.some((r) => r.method === DidChangeConfigurationNotification.method));
  assert.ok(configurationRequests.length >= 1);
  // multiple-heads is off in the pulled settings: 0004 (only multiple-heads) never showed anything. Start-up
  // publishes in one go, so once a request made after it is answered, a publication for 0004 would have arrived.
  await client.graph();
  assert.equal(client.latest(uriOf('0004_add_users_name.py')), undefined);
});

test('a configuration change makes the server pull again and re-publish', async () => {
  alembicSection = { lint: { rules: {} } };
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  await client.waitForDiagnostics(uriOf('0004_add_users_name.py'), (p) => codes(p).includes('multiple-heads'), 'multiple-heads once the setting is gone');
});

test('editing pyproject.toml re-reads [tool.alembic-lint]', async () => {
  const pyproject = path.join(root, 'pyproject.toml');
  fs.writeFileSync(pyproject, '[tool.alembic-lint]\nrules = { sql-syntax = "off" }\n');
  await client.filesChanged([{ uri: fileUri(pyproject), type: FileChangeType.Created }]);
  await client.waitForDiagnostics(uriOf('0002_create_orders.py'), (p) => !codes(p).includes('sql-syntax'), 'sql-syntax turned off by pyproject.toml');
  // The settings win over the file.
  alembicSection = { lint: { rules: { 'sql-syntax': 'warning' } } };
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  const params = await client.waitForDiagnostics(uriOf('0002_create_orders.py'), (p) => codes(p).includes('sql-syntax'), 'sql-syntax back as a warning');
  assert.equal(params.diagnostics.find((d) => d.code === 'sql-syntax')?.severity, 2);
  assert.deepEqual(client.errorsLogged(), []);
});
