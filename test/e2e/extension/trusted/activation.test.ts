// The installed .vsix activates on its own in a workspace with an alembic.ini, and what it runs is the package:
// the language server bundle answers with the revision graph.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { suiteConfig } from '../config';
import { activeApi, extension, revisionRows, theProject, waitFor, workspaceUri } from '../helpers';

describe('Activation', () => {
  it('activates in a workspace with an alembic.ini', async () => {
    const inis = await vscode.workspace.findFiles('**/alembic.ini');
    assert.deepEqual(
      inis.map((uri) => uri.fsPath),
      [workspaceUri('alembic.ini').fsPath],
    );
    const api = await activeApi();
    assert.equal(typeof api.migrationRows, 'function', 'activate() returns the test API');
  });

  it('runs from the extensions folder the .vsix was installed into, not from the repository', () => {
    const { extensionsDir } = suiteConfig();
    const ext = extension();
    assert.equal(path.dirname(ext.extensionUri.fsPath), extensionsDir);
  });

  it('starts the language server, which sends the revision graph of the project', async () => {
    const api = await activeApi();
    const project = await theProject(api);
    assert.equal(project.key, workspaceUri('alembic.ini').fsPath);
    const rows = await waitFor('the revisions in the Migrations view', () => revisionRows(api).length >= 5 && revisionRows(api));
    assert.deepEqual(
      rows.map((row) => row.element.model.revision),
      ['0005', '0004', '0003', '0002', '0001'],
    );
  });
});
