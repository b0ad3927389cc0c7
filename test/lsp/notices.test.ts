// Project notices in the server (links not followed, a broken alembic.ini): each shown once, a bounded number of
// message boxes however many there are, and links created after the scan shown too. Handlers without a connection.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { FileChangeType } from 'vscode-languageserver';
import { testSink } from '../helpers/sink';
import { initParsers } from '../../server/src/host/parsers';
import { NodeFileSystem } from '../../server/src/host/node-fs';
import { loadWorkspace } from '../../server/src/lsp/lifecycle';
import { createState, type ServerState } from '../../server/src/lsp/state';
import { pathToUri } from '../../server/src/lsp/uri';
import { watchedFilesChanged } from '../../server/src/lsp/watched-files';
import { makeHostileProject, type HostileProject } from '../helpers/hostile-files';

let project: HostileProject;
let state: ServerState;
const warnings: string[] = [];

before(async () => {
  await initParsers();
  project = makeHostileProject(['outside']);
  // Twenty links out of the project: twenty notices, not twenty message boxes.
  for (let i = 0; i < 20; i++) fs.symlinkSync(project.outsideFile, path.join(project.versions, `link_${String(i).padStart(2, '0')}.py`));
  state = createState(new NodeFileSystem(), testSink({ publishDiagnostics: () => {}, graphChanged: () => {}, error: assert.fail, warn: (m) => warnings.push(m) }), 60_000);
  state.roots = [project.root];
  await loadWorkspace(state);
});

after(() => fs.rmSync(project.base, { recursive: true, force: true }));

test('21 links out of the project: five shown, then one line with the count', () => {
  assert.equal(warnings.length, 6, warnings.join('\n'));
  assert.ok(warnings.slice(0, 5).every((w) => /Not read: a symbolic link to .*secret\.py, outside the project/.test(w)));
  assert.equal(warnings[5], `Alembic: 16 more notices like these in ${project.root} (alembic-lint check lists them all)`);
});

test('a link created after the scan is shown when the watcher reports it; one already shown is not shown again', () => {
  warnings.length = 0;
  const late = path.join(project.versions, 'late.py');
  fs.symlinkSync('/dev/zero', late);
  watchedFilesChanged(state, [
    { uri: pathToUri(late), type: FileChangeType.Created },
    { uri: pathToUri(path.join(project.versions, 'outside.py')), type: FileChangeType.Changed },
  ]);
  assert.deepEqual(warnings, [`Alembic: ${late}: Not read: a symbolic link to /dev/zero, outside the project (links out of the project are not followed)`]);
});
