// What the Graph view's webview and the extension say to each other, typed once for both sides: graph-panel.ts
// posts and receives them in the extension host, graph-webview/main.ts in the webview. Pure, plain JSON.
import type { GraphLocation } from '../../../common/graph-json';
import type { RevisionState } from '../views/migrations-tree-model';

/** One script location as the view shows it: the graph the server sent, and the database's states when connected. */
export interface GraphViewLocation {
  /** Header line: the project, and the location when the project has several. */
  title: string;
  /** Second line: the location's path relative to the workspace, and the database's standing. */
  subtitle: string;
  location: GraphLocation;
  /** Revision id -> state; null when no database is connected. */
  states: [string, RevisionState][] | null;
}

/** A revision in a location: what Show in Graph selects and what a click opens. */
export interface RevisionRef {
  /** The script location's path. */
  location: string;
  revision: string;
}

export type ToWebview =
  /** The whole graph, again after every change: the webview keeps its selection, folds and scroll. */
  | { type: 'graph'; locations: GraphViewLocation[] }
  /** Select and show a revision, opening the run it is folded in. */
  | { type: 'reveal'; target: RevisionRef };

export type FromWebview =
  /** The script is loaded and listens: send the graph. */
  | { type: 'ready' }
  /** Open the revision's file; `ghost` for an unknown down_revision: open the file that names it. */
  | { type: 'open'; target: RevisionRef; ghost: boolean };

/** The webview's own state (vscode.setState), restored when the panel is shown again. */
export interface WebviewState {
  selected?: { location: string; key: string };
  expanded: string[];
  query: string;
  scrollTop: number;
}

export function isFromWebview(value: unknown): value is FromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (message['type'] === 'ready') return true;
  if (message['type'] !== 'open' || typeof message['ghost'] !== 'boolean') return false;
  const target = message['target'] as Record<string, unknown> | null | undefined;
  return typeof target === 'object' && target !== null && typeof target['location'] === 'string' && typeof target['revision'] === 'string';
}
