// The code lenses of every migration file the server's graph knows: "Show in Graph" above `revision =`, and
// "Verify This Migration" above `def upgrade(` (in a trusted workspace: it runs the project's migrations). Found by
// regular expressions on the document's text: cheap, and the graph already says which files are revisions.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { CommandId } from '../commands/command-ids';
import { functionDefLine, revisionAssignmentLine } from '../alembic/revision-lines';
import { revisionOfFile } from './view-data';

const SHOW_IN_GRAPH: CommandId = 'alembic.showInGraph';
const VERIFY_MIGRATION: CommandId = 'alembic.verifyMigration';

export class RevisionCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly ctx: Ctx) {
    this.listeners = [
      // A file becomes a revision (or stops being one) when the graph changes.
      ctx.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.uri.scheme !== 'file') return [];
    const target = revisionOfFile(this.ctx.projects.flatMap((p) => p.locations), document.uri.fsPath);
    if (!target) return [];
    const text = document.getText();
    const lens = (line: number | undefined, command: vscode.Command): vscode.CodeLens[] => (line === undefined ? [] : [new vscode.CodeLens(new vscode.Range(line, 0, line, 0), command)]);
    return [
      ...lens(revisionAssignmentLine(text), { title: 'Show in Graph', tooltip: `Show ${target.revision} in the migration graph`, command: SHOW_IN_GRAPH, arguments: [target] }),
      ...(vscode.workspace.isTrusted
        ? lens(functionDefLine(text, 'upgrade'), {
            title: 'Verify This Migration',
            tooltip: `Upgrade, downgrade, upgrade again and re-run ${target.revision} on a throwaway database`,
            command: VERIFY_MIGRATION,
            arguments: [target],
          })
        : []),
    ];
  }

  dispose(): void {
    for (const listener of this.listeners) listener.dispose();
    this.changed.dispose();
  }
}
