// What the last verify found, shown until the file changes: diagnostics in a collection of their own (the server's
// are republished on every edit; these come from a run), and the results the Migrations view's badges read. An
// edit of a verified file, or a change on disk, drops both for that file: they describe what was run, not what it
// holds now.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../../protocol';
import type { VerifiedFile, VerifyDiagnostic } from './verify-diagnostics';
import { VerifyResults, type VerifyResult } from './verify-results';

export class VerifyService implements vscode.Disposable {
  readonly results = new VerifyResults();
  /** Projects being verified in this window: a second verify of one waits for the first. */
  readonly running = new Set<string>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('alembic-verify');
  private readonly disposables: vscode.Disposable[] = [this.diagnostics];

  constructor(private readonly changed: () => void) {
    // Python files only; creations are not changes of a verified file.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.py', true, false, false);
    this.disposables.push(
      watcher,
      watcher.onDidChange((uri) => this.forget(uri)),
      watcher.onDidDelete((uri) => this.forget(uri)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.forget(event.document.uri);
      }),
    );
  }

  /** A verify's results: they replace what an earlier verify said about the same files. */
  apply(files: readonly VerifiedFile[]): void {
    const results = new Map<string, VerifyResult>();
    for (const file of files) {
      this.diagnostics.set(vscode.Uri.file(file.file), file.diagnostics.map(toDiagnostic));
      results.set(file.file, {
        revision: file.revision,
        status: file.status,
        errors: file.diagnostics.filter((d) => d.severity === 'error').length,
        warnings: file.diagnostics.filter((d) => d.severity === 'warning').length,
      });
    }
    this.results.record(results);
    this.changed();
  }

  private forget(uri: vscode.Uri): void {
    if (uri.scheme !== 'file') return;
    const had = this.diagnostics.has(uri);
    this.diagnostics.delete(uri);
    if (this.results.forget(uri.fsPath) || had) this.changed();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function toDiagnostic(model: VerifyDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(model.line, model.startCharacter, model.line, model.endCharacter);
  const diagnostic = new vscode.Diagnostic(range, model.message, model.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: model.code, target: vscode.Uri.parse(model.href) };
  return diagnostic;
}
