// Diagnostics in the editor: a problem on disk is reported before its file is opened (the workspace is linted at
// start-up), a SQL typo typed into the migration is reported at its characters and goes when it is corrected, and
// a quick fix clears its diagnostic. The edits stay in the editor: the file is reverted afterwards, so the
// migrations the database tests run are untouched.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suiteConfig } from '../config';
import { activeApi, describeDiagnostics, lintDiagnostics, ruleOf, waitFor, workspaceUri } from '../helpers';

describe('Diagnostics', () => {
  const { seededMigration, seededRule } = suiteConfig();
  const uri = workspaceUri(seededMigration);
  const rulesNow = (): string[] => lintDiagnostics(uri).map(ruleOf);

  before(async () => {
    await activeApi();
  });

  after(async () => {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath);
    if (document?.isDirty) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('reports the problem of a migration that is not open', async () => {
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath === uri.fsPath), `${seededMigration} is not open yet`);
    await waitFor(`${seededRule} in ${seededMigration}`, () => rulesNow().includes(seededRule), { describe: () => describeDiagnostics(uri) });
  });

  it('reports a SQL typo typed into the migration, at the misspelt word', async () => {
    const editor = await vscode.window.showTextDocument(uri);
    const offset = editor.document.getText().indexOf('ALTER TABLE orders');
    assert.ok(offset >= 0, 'the migration alters the orders table');
    const typo = new vscode.Range(editor.document.positionAt(offset + 'ALTER '.length), editor.document.positionAt(offset + 'ALTER TABLE'.length));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, typo, 'TABEL');
    assert.ok(await vscode.workspace.applyEdit(edit));

    const syntax = await waitFor('a sql-syntax diagnostic', () => lintDiagnostics(uri).find((d) => ruleOf(d) === 'sql-syntax'), { describe: () => describeDiagnostics(uri) });
    assert.equal(syntax.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(syntax.range.start, typo.start, `reported at ${describeDiagnostics(uri)}, the typo is at ${typo.start.line + 1}:${typo.start.character + 1}`);
    assert.match(syntax.message, /TABEL/);
  });

  it('updates when the typo is corrected', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const offset = document.getText().indexOf('TABEL');
    assert.ok(offset >= 0, 'the typo is still in the editor');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + 'TABEL'.length)), 'TABLE');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the sql-syntax diagnostic to go', () => !rulesNow().includes('sql-syntax'), { describe: () => describeDiagnostics(uri) });
    assert.ok(rulesNow().includes(seededRule), `the ${seededRule} finding stays: ${describeDiagnostics(uri)}`);
  });

  it('clears a diagnostic when its quick fix is applied', async () => {
    const diagnostic = lintDiagnostics(uri).find((d) => ruleOf(d) === seededRule);
    assert.ok(diagnostic, `a ${seededRule} diagnostic: ${describeDiagnostics(uri)}`);
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    // The command's results carry no diagnostics: the fix is the one action at the range that is not a suppression.
    const fixes = actions.filter((a): a is vscode.CodeAction => 'edit' in a && !a.title.startsWith('Suppress'));
    assert.equal(fixes.length, 1, `one quick fix for ${seededRule}, offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    const fix = fixes[0] as vscode.CodeAction;
    assert.ok(fix.edit, `"${fix.title}" carries its edit`);
    assert.equal(fix.isPreferred, true, `"${fix.title}" is the preferred fix`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor(`the ${seededRule} diagnostic to go`, () => !rulesNow().includes(seededRule), { describe: () => describeDiagnostics(uri) });
    assert.deepEqual(rulesNow(), [], 'the migration is clean again');
  });
});
