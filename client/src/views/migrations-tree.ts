// The Migrations view: per project (at top level when there is only one), per script location when a project
// has several, the revisions newest first as migrations-tree-model.ts describes them.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildMigrationTree, projectSummary, type TreeNodeModel } from './migrations-tree-model';
import type { ProjectEntry } from '../projects/project-entries';
import type { GraphLocation } from '../../../protocol';
import { RefreshableTree, themeIcon } from './refreshable-tree';

export type MigrationsElement =
  | { type: 'project'; key: string }
  | { type: 'location'; key: string; location: GraphLocation }
  | { type: 'empty'; key: string; message: string }
  | { type: 'node'; key: string; location: GraphLocation; model: TreeNodeModel };

export class MigrationsTreeProvider extends RefreshableTree<MigrationsElement> {
  getChildren(element?: MigrationsElement): MigrationsElement[] {
    if (!element) {
      const projects = this.ctx.projects;
      if (projects.length === 1 && projects[0]) return this.projectChildren(projects[0]);
      return projects.map((p) => ({ type: 'project', key: p.key }));
    }
    if (element.type === 'project') {
      const entry = this.ctx.project(element.key);
      return entry ? this.projectChildren(entry) : [];
    }
    if (element.type === 'location') return this.revisionNodes(element.key, element.location);
    return [];
  }

  private projectChildren(entry: ProjectEntry): MigrationsElement[] {
    if (entry.locations.length === 0) return [{ type: 'empty', key: entry.key, message: 'No migrations found in script_location' }];
    if (entry.locations.length === 1 && entry.locations[0]) return this.revisionNodes(entry.key, entry.locations[0]);
    return entry.locations.map((location) => ({ type: 'location', key: entry.key, location }));
  }

  private revisionNodes(key: string, location: GraphLocation): MigrationsElement[] {
    const entry = this.ctx.project(key);
    const current = entry ? this.ctx.current(entry) : undefined;
    return buildMigrationTree(location, current, (file) => this.ctx.verify.results.get(file)).map((model) => ({ type: 'node', key, location, model }));
  }

  getTreeItem(element: MigrationsElement): vscode.TreeItem {
    switch (element.type) {
      case 'project':
        return this.projectItem(element.key);
      case 'location': {
        const item = new vscode.TreeItem(path.basename(element.location.path), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `location:${element.location.path}`;
        item.description = vscode.workspace.asRelativePath(element.location.path);
        item.iconPath = new vscode.ThemeIcon('folder');
        item.contextValue = 'location';
        return item;
      }
      case 'empty': {
        const item = new vscode.TreeItem(element.message, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'node':
        return nodeItem(element.model);
    }
  }

  private projectItem(key: string): vscode.TreeItem {
    const entry = this.ctx.project(key);
    const item = new vscode.TreeItem(entry?.name ?? key, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `project:${key}`;
    item.iconPath = new vscode.ThemeIcon(entry?.ini ? 'database' : 'folder');
    item.contextValue = entry?.ini ? 'project' : 'project-without-ini';
    const current = entry ? this.ctx.current(entry) : undefined;
    if (entry && current) {
      const pending = projectSummary(entry.locations, current).pending.length;
      item.description = pending === 0 ? 'up to date' : `${pending} pending`;
    } else if (entry && !entry.ini) {
      item.description = 'no alembic.ini';
    }
    item.tooltip = entry?.ini?.iniPath ?? entry?.locations[0]?.path;
    return item;
  }
}

function nodeItem(model: TreeNodeModel): vscode.TreeItem {
  const item = new vscode.TreeItem(model.label, vscode.TreeItemCollapsibleState.None);
  item.id = model.id;
  item.description = model.description;
  item.tooltip = model.tooltip;
  item.iconPath = themeIcon(model.icon, model.iconColor);
  item.contextValue = model.contextValue;
  if (model.file) {
    const uri = vscode.Uri.file(model.file);
    item.resourceUri = uri;
    item.command = { command: 'vscode.open', title: 'Open Migration', arguments: [uri] };
  }
  return item;
}
