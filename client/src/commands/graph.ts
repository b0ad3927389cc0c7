// Alembic: Show Migration Graph, and Show in Graph from a revision (the Migrations view's context menu, the code
// lens above `revision =`, the palette on the active editor's migration).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { GraphPanel } from '../graph-view/graph-panel';
import { activeEditorRevision, revisionElement, revisionRefOf } from './pick';

export async function showGraph(ctx: Ctx): Promise<void> {
  await ctx.projectsLoaded;
  GraphPanel.show(ctx, activeEditorRevision(ctx));
}

export async function showInGraph(ctx: Ctx, arg: unknown): Promise<void> {
  await ctx.projectsLoaded;
  const element = revisionElement(arg);
  const fromCodeLens = revisionRefOf(arg);
  const target = element?.model.revision ? { location: element.location.path, revision: element.model.revision } : (fromCodeLens ?? activeEditorRevision(ctx));
  if (!target) {
    void vscode.window.showInformationMessage('Alembic: open a migration file, or run this from a revision in the Migrations view.');
    return;
  }
  // From the editor (the code lens), the graph opens beside the file rather than over it.
  GraphPanel.show(ctx, target, fromCodeLens ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active);
}
