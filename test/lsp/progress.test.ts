// Over stdio, as the editor starts it: a client that shows work done progress sees the server's "Alembic" progress
// begin and end around the first load, and the output gets the line saying what was indexed and when; a client that
// sent its settings in initialize (ours) gets its first diagnostics without waiting for its registrations' answers.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { MessageType, RegistrationRequest, WorkDoneProgress, WorkDoneProgressCreateRequest, type WorkDoneProgressBegin, type WorkDoneProgressEnd } from 'vscode-languageserver-protocol';
import { fixturePath } from '../helpers/repo';
import { codes, fileUri, LspClient } from './client';

let root: string;
let client: LspClient;

before(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-progress-')));
  fs.cpSync(fixturePath('cli', 'project'), root, { recursive: true });
  client = LspClient.start();
});

after(async () => {
  await client.shutdown().catch(() => {});
  client.kill();
  fs.rmSync(root, { recursive: true, force: true });
});

test('the first load shows window progress titled Alembic, ends it, and logs what it indexed', async () => {
  await client.initialize(root, { lint: { rules: {} } }, { workspaceFolders: true }, { workDoneProgress: true });
  const kinds = (): string[] => client.progress.map((p) => (p.value as { kind: string }).kind);
  await client.waitUntil(() => kinds().includes('end'), 'the end of the progress');
  assert.equal(kinds()[0], 'begin');
  assert.equal((client.progress[0]!.value as WorkDoneProgressBegin).title, 'Alembic');
  assert.ok(client.progress.every((p) => p.token === client.progress[0]!.token), 'one progress');
  assert.equal((client.progress.at(-1)!.value as WorkDoneProgressEnd).kind, 'end');
  const indexed = client.messages.find((m) => m.type === MessageType.Info && m.message.startsWith('Indexed '));
  assert.match(indexed?.message ?? '', /^Indexed 4 migration files in 1 workspace folder in /, JSON.stringify(client.messages));
});

test('with the settings sent in initialize, the first diagnostics do not wait for the registrations to be answered', async () => {
  const busy = LspClient.start();
  let answer: () => void = () => {};
  const answered = new Promise<void>((resolve) => (answer = resolve));
  let asked = false;
  // A client still busy activating: it answers the server's registrations only later.
  busy.connection.onRequest(RegistrationRequest.type, async () => {
    asked = true;
    await answered;
  });
  try {
    await busy.initialize(root, { lint: { rules: {} } }, { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } });
    const orders = fileUri(path.join(root, 'migrations', 'versions', '0002_create_orders.py'));
    await busy.waitForDiagnostics(orders, (p) => codes(p).includes('sql-syntax'), 'sql-syntax on 0002 while the registration waits');
    assert.equal(asked, true, 'the server did ask to register its watchers');
  } finally {
    answer();
    await busy.shutdown().catch(() => {});
    busy.kill();
  }
});

test('the first diagnostics do not wait for the client to answer the progress request; the progress still begins and ends', async () => {
  const busy = LspClient.start();
  let answer: () => void = () => {};
  const answered = new Promise<void>((resolve) => (answer = resolve));
  let token: string | number | undefined;
  const values: { kind: string }[] = [];
  let ended: () => void = () => {};
  const end = new Promise<void>((resolve) => (ended = resolve));
  // A client still busy activating: it answers window/workDoneProgress/create only later.
  busy.connection.onRequest(WorkDoneProgressCreateRequest.type, async (params) => {
    token = params.token;
    busy.connection.onProgress(WorkDoneProgress.type, params.token, (value) => {
      values.push(value);
      if (value.kind === 'end') ended();
    });
    await answered;
  });
  try {
    await busy.initialize(root, { lint: { rules: {} } }, { workspaceFolders: true }, { workDoneProgress: true });
    const orders = fileUri(path.join(root, 'migrations', 'versions', '0002_create_orders.py'));
    await busy.waitForDiagnostics(orders, (p) => codes(p).includes('sql-syntax'), 'sql-syntax on 0002 while the progress request waits');
    assert.notEqual(token, undefined, 'the server did ask for a progress');
    assert.equal(values.length, 0, 'nothing is reported on a progress the client has not created');
    answer();
    await busy.withTimeout(end, 'the end of the progress');
    assert.equal(values[0]?.kind, 'begin');
    assert.equal((values[0] as WorkDoneProgressBegin).title, 'Alembic');
  } finally {
    answer();
    await busy.shutdown().catch(() => {});
    busy.kill();
  }
});
