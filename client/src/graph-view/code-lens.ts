// "Show in Graph" above `revision =` in every migration file the server's graph knows. Found by a regular
// expression on the document's text: cheap, and the graph already says which files are revisions.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { CommandId } from '../commands/command-ids';
import { revisionAssignmentLine, revisionOfFile } from './view-data';

const SHOW_IN_GRAPH: CommandId = 'alembic.showInGraph';

export class ShowInGraphCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly listener: vscode.Disposable;

  constructor(private readonly ctx: Ctx) {
    // A file becomes a revision (or stops being one) when the graph changes.
    this.listener = ctx.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.uri.scheme !== 'file') return [];
    const target = revisionOfFile(this.ctx.projects.flatMap((p) => p.locations), document.uri.fsPath);
    const line = target ? revisionAssignmentLine(document.getText()) : undefined;
    if (!target || line === undefined) return [];
    const range = new vscode.Range(line, 0, line, 0);
    return [new vscode.CodeLens(range, { title: 'Show in Graph', tooltip: `Show ${target.revision} in the migration graph`, command: SHOW_IN_GRAPH, arguments: [target] })];
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
