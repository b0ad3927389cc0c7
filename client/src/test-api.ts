// What activate() returns, for the end-to-end tests (test/e2e/extension): what the Migrations view shows, as
// VS Code asks the tree provider for it, and each project's database state. Read-only views of the running
// extension: the tests act through commands, as a user would.
import type * as vscode from 'vscode';
import type { Ctx } from './ctx';
import type { DbState } from './database/db-state';
import type { MigrationsElement, MigrationsTreeProvider } from './views/migrations-tree';

export interface MigrationRow {
  /** What a command run from the row's context menu receives. */
  element: MigrationsElement;
  item: vscode.TreeItem;
}

export interface AlembicTestApi {
  /** Fires when the projects, a revision graph or a database state changed: when the views redraw. */
  readonly onDidChange: vscode.Event<void>;
  /** The projects with an alembic.ini; a key is what the commands accept as their argument. */
  projects(): { key: string; name: string }[];
  dbState(projectKey: string): DbState | undefined;
  /** The Migrations view's rows, depth-first from the top, as getChildren / getTreeItem give them to VS Code. */
  migrationRows(): MigrationRow[];
}

export function createTestApi(ctx: Ctx, migrations: MigrationsTreeProvider): AlembicTestApi {
  const rows = (parent?: MigrationsElement): MigrationRow[] =>
    migrations.getChildren(parent).flatMap((element) => [{ element, item: migrations.getTreeItem(element) }, ...rows(element)]);
  return {
    onDidChange: ctx.onDidChange,
    projects: () => ctx.runnableProjects.map((p) => ({ key: p.key, name: p.name })),
    dbState: (key) => {
      const entry = ctx.project(key);
      return entry ? ctx.dbState(entry) : undefined;
    },
    migrationRows: () => rows(),
  };
}
