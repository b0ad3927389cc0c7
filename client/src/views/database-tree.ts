// The Database view: per project, the database it uses and where it stands (database-tree-model.ts).
import * as vscode from 'vscode';
import { buildDatabaseNode, type DatabaseNodeModel, type PythonState } from './database-tree-model';
import { projectSettings, type RunnableProject } from '../projects/project-entries';
import { RefreshableTree, themeIcon } from './refreshable-tree';

export class DatabaseTreeProvider extends RefreshableTree<DatabaseNodeModel> {
  getChildren(element?: DatabaseNodeModel): DatabaseNodeModel[] {
    if (element) return element.children;
    return this.ctx.runnableProjects.map((entry) => buildDatabaseNode(entry.key, entry, this.ctx.dbState(entry), this.python(entry)));
  }

  private python(entry: RunnableProject): PythonState {
    if (!vscode.workspace.isTrusted) return { kind: 'untrusted' };
    const command = projectSettings(entry).command;
    if (command.length > 0) return { kind: 'command', command };
    const choice = this.ctx.interpreters.shown(entry);
    return choice ? { kind: 'chosen', choice } : { kind: 'searching' };
  }

  getTreeItem(node: DatabaseNodeModel): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.children.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    if (node.description !== undefined) item.description = node.description;
    if (node.tooltip !== undefined) item.tooltip = node.tooltip;
    item.iconPath = themeIcon(node.icon, node.iconColor);
    item.contextValue = node.contextValue;
    if (node.command) item.command = { command: node.command.command, title: node.command.title, ...(node.command.arguments ? { arguments: node.command.arguments } : {}) };
    return item;
  }
}
