// The Graph view: one webview panel per window, in the editor area, reused. It shows what the Ctx already holds
// (the server's `alembic/graph` and the databases' states) and sends it again when the Ctx changes; the page keeps
// its selection, folds and scroll itself. The page is rebuilt when the panel was hidden (no retainContextWhenHidden:
// it asks for the graph again, which is cheap), and restores its state from vscode.setState.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { GraphLocation } from '../../../common/graph-json';
import type { Ctx } from '../ctx';
import { graphPageHtml, nonceFrom } from './html';
import { isFromWebview, type RevisionRef, type ToWebview } from './messages';
import { fileToOpen, graphViewLocations } from './view-data';

const VIEW_TYPE = 'alembic.graph';
const TITLE = 'Migration Graph';

export class GraphPanel implements vscode.Disposable {
  private static current: GraphPanel | undefined;

  /** Shows the panel (creating it in `column`), then selects `target` if given. */
  static show(ctx: Ctx, target?: RevisionRef, column: vscode.ViewColumn = vscode.ViewColumn.Active): void {
    const existing = GraphPanel.current;
    if (existing) {
      // Show in Graph from a file in the graph's own group: the graph moves beside the file rather than hide it.
      const overTheFile = column === vscode.ViewColumn.Beside && existing.panel.viewColumn === vscode.window.activeTextEditor?.viewColumn;
      existing.panel.reveal(overTheFile ? vscode.ViewColumn.Beside : existing.panel.viewColumn, false);
    }
    const panel = existing ?? (GraphPanel.current = new GraphPanel(ctx, vscode.window.createWebviewPanel(VIEW_TYPE, TITLE, { viewColumn: column, preserveFocus: false })));
    if (target) panel.reveal(target);
  }

  /**
   * Restores the panel VS Code kept open over a window reload: its page comes back with the state it saved (selection,
   * folds, scroll) and asks for the graph as a new one does.
   */
  static registerSerializer(ctx: Ctx): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => {
        GraphPanel.current?.dispose();
        GraphPanel.current = new GraphPanel(ctx, panel);
      },
    });
  }

  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  /** The page listens (it said `ready`): until then messages would be lost. */
  private ready = false;
  /**
   * What the graph last sent was made of: the server's location objects (a new graph brings new ones) and the projects'
   * names and database states. The Ctx also changes when only the active editor did: then nothing is sent.
   */
  private sent: { locations: readonly GraphLocation[]; states: string } = { locations: [], states: '' };
  private pendingReveal: RevisionRef | undefined;

  private constructor(
    private readonly ctx: Ctx,
    panel: vscode.WebviewPanel,
  ) {
    const root = ctx.extension.extensionUri;
    const dist = vscode.Uri.joinPath(root, 'dist');
    const media = vscode.Uri.joinPath(root, 'media');
    this.panel = panel;
    // Set here rather than at creation: a restored panel comes with none of them.
    panel.webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
    this.panel.iconPath = vscode.Uri.joinPath(media, 'alembic.svg');
    const webview = this.panel.webview;
    webview.html = graphPageHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'graph-webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'graph.css')).toString(),
      nonce: nonceFrom(randomBytes(16)),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      this.panel.onDidChangeViewState(() => {
        // A hidden page is torn down; it says `ready` again when shown.
        if (!this.panel.visible) this.ready = false;
      }),
      ctx.onDidChange(() => this.sendGraph(false)),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  dispose(): void {
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private reveal(target: RevisionRef): void {
    if (this.ready) this.post({ type: 'reveal', target });
    else this.pendingReveal = target;
  }

  private sendGraph(force: boolean): void {
    if (!this.ready) return;
    const projects = this.ctx.projects.map((entry) => ({ name: entry.name, locations: entry.locations, current: this.ctx.current(entry) }));
    const sent = { locations: projects.flatMap((p) => p.locations), states: JSON.stringify(projects.map((p) => [p.name, p.current ?? null])) };
    const same = sent.states === this.sent.states && sent.locations.length === this.sent.locations.length && sent.locations.every((l, i) => l === this.sent.locations[i]);
    if (same && !force) return;
    this.sent = sent;
    this.post({ type: 'graph', locations: graphViewLocations(projects, (p) => vscode.workspace.asRelativePath(p)) });
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private async receive(message: unknown): Promise<void> {
    if (!isFromWebview(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      // The first scan may still run when the panel opens at start-up: the page shows the graph once it is there.
      await this.ctx.projectsLoaded;
      this.sendGraph(true);
      if (this.pendingReveal) this.reveal(this.pendingReveal);
      this.pendingReveal = undefined;
      return;
    }
    const file = fileToOpen(this.ctx.projects.flatMap((p) => p.locations), message.target, message.ghost);
    if (!file) return;
    await vscode.window.showTextDocument(vscode.Uri.file(file), { viewColumn: this.otherColumn(), preview: true, preserveFocus: false });
  }

  /** Where a clicked revision opens: a group showing a text editor beside the graph, else the graph's own group. */
  private otherColumn(): vscode.ViewColumn {
    const own = this.panel.viewColumn;
    const beside = vscode.window.visibleTextEditors.map((e) => e.viewColumn).find((c) => c !== undefined && c !== own);
    return beside ?? own ?? vscode.ViewColumn.Active;
  }
}
