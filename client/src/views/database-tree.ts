// The Database view: per project, the database it uses and where it stands (database-tree-model.ts).
import * as vscode from 'vscode';
import { buildDatabaseNode, type DatabaseNodeModel } from './database-tree-model';
import { RefreshableTree, themeIcon } from './refreshable-tree';

export class DatabaseTreeProvider extends RefreshableTree<DatabaseNodeModel> {
  getChildren(element?: DatabaseNodeModel): DatabaseNodeModel[] {
    if (element) return element.children;
    return this.ctx.runnableProjects.map((entry) => buildDatabaseNode(entry.key, entry, this.ctx.dbState(entry)));
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
