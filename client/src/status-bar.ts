// The status bar item: where the focused project's database stands (views/status-text.ts); a click shows the
// Migrations view.
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { statusText } from './views/status-text';
import { MIGRATIONS_VIEW_ID } from './commands/command-ids';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('alembic.status', vscode.StatusBarAlignment.Left, 10);

  constructor(private readonly ctx: Ctx) {
    this.item.name = 'Alembic';
    this.item.command = `${MIGRATIONS_VIEW_ID}.focus`;
  }

  update(): void {
    const entry = this.ctx.focusedProject;
    if (!entry?.ini) {
      this.item.hide();
      return;
    }
    const status = statusText(entry, this.ctx.dbState(entry));
    this.item.text = status.text;
    this.item.tooltip = status.tooltip;
    this.item.backgroundColor = status.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
