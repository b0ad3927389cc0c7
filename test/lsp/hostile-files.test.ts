// The language server on a workspace whose versions/ folder holds links to /dev/zero, /dev/urandom and /dev/stdin,
// a FIFO, a link out of the workspace, a dangling link and a link loop. Before, the server grew to 3 GB in 4 s on
// /dev/zero and blocked forever on the FIFO, in an untrusted workspace, with no click. The waits' timeouts are the
// hang guard.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { FileChangeType, MessageType, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { makeHostileProject, type HostileProject } from '../helpers/hostile-files';
import { codes, fileUri, LspClient, plainText } from './client';
import { HANG_GUARD_MS } from '../helpers/hang-guard';

let project: HostileProject;
let client: LspClient;

const uriOf = (name: string): string => fileUri(path.join(project.versions, name));
const has = (code: string) => (p: PublishDiagnosticsParams) => codes(p).includes(code);

/** Peak resident memory of a process in MB (Linux /proc), the measure the defect was found with. */
function peakResidentMegabytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  assert.ok(kilobytes, 'VmHWM in /proc/<pid>/status');
  return Number(kilobytes) / 1024;
}

before(async () => {
  project = makeHostileProject();
  client = LspClient.start();
  await client.initialize(project.root);
});

after(() => {
  client?.kill();
  if (project) fs.rmSync(project.base, { recursive: true, force: true });
});

test('the FIFO, the dangling link and the loop get a python-syntax diagnostic; the history stays whole', { timeout: HANG_GUARD_MS }, async () => {
  const fifo = await client.waitForDiagnostics(uriOf('fifo.py'), has('python-syntax'), 'python-syntax on the FIFO');
  assert.match(plainText(fifo.diagnostics[0]!.message), /^Not a regular file \(a FIFO\)/);
  await client.waitForDiagnostics(uriOf('dangling.py'), has('python-syntax'), 'python-syntax on the dangling link');
  await client.waitForDiagnostics(uriOf('loop_a.py'), has('python-syntax'), 'python-syntax on the link loop');
  const graph = await client.graph();
  assert.deepEqual(graph.locations.map((l) => [l.heads, l.problems]), [[['0002'], []]]);
  for (const name of ['0001_a.py', '0002_b.py']) assert.deepEqual(client.latest(uriOf(name))?.diagnostics ?? [], [], `${name} has no diagnostics`);
  // A link out of the project gets one warning, that it was not read, and nothing else.
  for (const name of ['zero.py', 'urandom.py', 'stdin.py', 'outside.py']) {
    const diagnostics = client.latest(uriOf(name))?.diagnostics ?? [];
    assert.deepEqual(diagnostics.map((d) => [d.severity, d.code]), [[2, undefined]], `${name}: ${JSON.stringify(diagnostics)}`);
    assert.match(plainText(diagnostics[0]!.message), /^Not read: a symbolic link to .*, outside the project/);
  }
});

test('each link out of the workspace is shown once as a warning, and not read', { timeout: HANG_GUARD_MS }, async () => {
  await client.graph();
  const warnings = client.messages.filter((m) => m.type === MessageType.Warning && m.message.includes('Not read: a symbolic link to'));
  for (const name of ['zero.py', 'urandom.py', 'stdin.py', 'outside.py']) {
    assert.equal(warnings.filter((m) => m.message.includes(path.join(project.versions, name))).length, 1, `${name}: ${JSON.stringify(warnings)}`);
  }
});

test('a change event for the FIFO and the device links is answered too, in bounded memory', { timeout: HANG_GUARD_MS }, async () => {
  const before = client.published.get(uriOf('fifo.py'))?.length ?? 0;
  await client.filesChanged(['fifo.py', 'zero.py', 'urandom.py'].map((name) => ({ uri: uriOf(name), type: FileChangeType.Changed })));
  await client.waitForDiagnostics(uriOf('fifo.py'), () => (client.published.get(uriOf('fifo.py'))?.length ?? 0) > before, 'the FIFO re-published');
  assert.ok(peakResidentMegabytes(client.pid!) < 1024, `peak ${peakResidentMegabytes(client.pid!)} MB`);
  assert.equal(await client.shutdown(), 0);
});
