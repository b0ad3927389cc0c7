// Project notices as diagnostics: a broken alembic.ini shows on its line in the Problems panel (not only in a
// message box shown once), a link not followed on the link; both are cleared when the cause is gone.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { DiagnosticSeverity, FileChangeType, type Diagnostic } from 'vscode-languageserver';
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
const published = new Map<string, Diagnostic[]>();
const BROKEN = '[alembic]\nscript_location = migrations\nversion_locations = %(here)s/migrations/versions %(nope)s/more\n';

before(async () => {
  await initParsers();
  project = makeHostileProject(['outside']);
  fs.writeFileSync(path.join(project.root, 'alembic.ini'), BROKEN);
  state = createState(new NodeFileSystem(), testSink({ publishDiagnostics: (uri, diagnostics) => published.set(uri, diagnostics), graphChanged: () => {}, error: assert.fail, warn: () => {} }), 60_000);
  state.roots = [project.root];
  await loadWorkspace(state);
});

after(() => fs.rmSync(project.base, { recursive: true, force: true }));

const ini = (): string => pathToUri(path.join(project.root, 'alembic.ini'));

test('a broken interpolation is an error on its alembic.ini line, the whole line', () => {
  const diagnostics = published.get(ini()) ?? [];
  assert.equal(diagnostics.length, 1, JSON.stringify([...published.keys()]));
  const [diagnostic] = diagnostics;
  assert.equal(diagnostic?.severity, DiagnosticSeverity.Error);
  assert.match(String(diagnostic?.message), /%\(nope\)s names no option/);
  const line = BROKEN.split('\n')[2] ?? '';
  assert.deepEqual(diagnostic?.range, { start: { line: 2, character: 0 }, end: { line: 2, character: line.length } });
  assert.equal(diagnostic?.code, undefined, 'no rule: nothing to suppress or fix');
});

test('a link out of the project is a warning on the link', () => {
  const link = published.get(pathToUri(path.join(project.versions, 'outside.py'))) ?? [];
  assert.equal(link.length, 1);
  assert.equal(link[0]?.severity, DiagnosticSeverity.Warning);
  assert.match(String(link[0]?.message), /^Not read: a symbolic link to .*, outside the project/);
});

test('fixing alembic.ini and removing the link clear both', () => {
  const iniPath = path.join(project.root, 'alembic.ini');
  fs.writeFileSync(iniPath, '[alembic]\nscript_location = migrations\n');
  const link = path.join(project.versions, 'outside.py');
  fs.rmSync(link);
  watchedFilesChanged(state, [
    { uri: pathToUri(iniPath), type: FileChangeType.Changed },
    { uri: pathToUri(link), type: FileChangeType.Deleted },
  ]);
  assert.deepEqual(published.get(ini()), []);
  assert.deepEqual(published.get(pathToUri(link)), []);
});
