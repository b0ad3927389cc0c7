// Read-only editors for the SQL that an offline `upgrade --sql` prints. An untitled document would count as unsaved
// (closing it asks "Save changes?") and every Show SQL would open one more; a virtual document is neither, and
// showing the same title again refreshes its editor.
import * as vscode from 'vscode';

const SCHEME = 'alembic-sql';

export class SqlPreviews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  /** By URI; one entry per title (a revision, a project's pending migrations), so it stays small. */
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Opens the SQL in a preview editor titled `<title>.sql` (the extension gives it SQL highlighting). */
  async show(title: string, sql: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${title.replace(/[\\/]/g, '_')}.sql` });
    this.texts.set(uri.toString(), sql);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
