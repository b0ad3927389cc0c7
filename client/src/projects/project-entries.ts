// The migration projects of the workspace: every alembic.ini, matched to the script locations of the server's
// `alembic/graph`. Script locations that no ini owns are kept too: the tree shows them, nothing runs on them.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { clientSettings, type ClientSettings } from '../config';
import { matchProjects, projectLabel } from './location-owners';
import { GraphRequest, type GraphLocation, type GraphResult } from '../../../protocol';

export interface ProjectEntry {
  /** Stable id: the ini's path, or `location:<path>` for a script location without one. */
  key: string;
  name: string;
  /** undefined for a location without alembic.ini: nothing can run on it. */
  ini: { iniPath: string; dir: string; sqlalchemyUrl?: string } | undefined;
  locations: GraphLocation[];
  /** The settings scope and the embedded database's workspace. */
  folder: vscode.WorkspaceFolder | undefined;
}

/** A project with an alembic.ini: the only kind commands run in. */
export type RunnableProject = ProjectEntry & { ini: NonNullable<ProjectEntry['ini']> };

export function isRunnable(entry: ProjectEntry): entry is RunnableProject {
  return entry.ini !== undefined;
}

const EXCLUDE = '**/{node_modules,.venv,venv,.git,.tox,site-packages}/**';

export async function findIniFiles(): Promise<string[]> {
  const uris = await vscode.workspace.findFiles('**/alembic.ini', EXCLUDE);
  return uris.map((uri) => uri.fsPath);
}

export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export function requestGraph(client: LanguageClient): Promise<GraphResult> {
  return client.sendRequest(GraphRequest.type, {});
}

export function buildEntries(iniPaths: readonly string[], graph: GraphResult): ProjectEntry[] {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => ({ name: f.name, path: f.uri.fsPath }));
  const { projects, orphans } = matchProjects(iniPaths, graph.locations, graph.inis);
  const entries: ProjectEntry[] = projects.map((p) => ({
    key: p.iniPath,
    name: projectLabel(p.dir, folders),
    ini: p.sqlalchemyUrl === undefined ? { iniPath: p.iniPath, dir: p.dir } : { iniPath: p.iniPath, dir: p.dir, sqlalchemyUrl: p.sqlalchemyUrl },
    locations: p.locations,
    folder: vscode.workspace.getWorkspaceFolder(vscode.Uri.file(p.iniPath)),
  }));
  for (const location of orphans) {
    entries.push({
      key: `location:${location.path}`,
      name: projectLabel(location.path, folders),
      ini: undefined,
      locations: [location],
      folder: vscode.workspace.getWorkspaceFolder(vscode.Uri.file(location.path)),
    });
  }
  return entries;
}

/** The client's settings for the project's own folder, so folder-level settings apply. */
export function projectSettings(entry: ProjectEntry): ClientSettings {
  const scope = entry.ini ? vscode.Uri.file(entry.ini.dir) : entry.folder?.uri;
  return clientSettings(vscode.workspace.getConfiguration('alembic', scope));
}
