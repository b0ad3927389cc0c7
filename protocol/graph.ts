// The `alembic/graph` request and its change notification. The core's graph JSON (server/src/core/graph/json.ts)
// is this shape by construction: server/src/lsp/graph.ts fails to compile when the two differ.
import { NotificationType0, RequestType } from 'vscode-languageserver-protocol';

/** No parameters yet; an object so filters (one location, ...) can be added without breaking clients. */
export interface GraphParams {}

export interface GraphRevision {
  revision: string;
  /** Absolute path of the file declaring the revision. */
  file: string;
  down_revisions: string[];
  /** The docstring's first line. */
  message: string;
  depends_on: string[];
  branch_labels: string[];
  create_date: string | null;
  /** What the revision's downgrade destroys ("drop table orders", "DELETE FROM users"), for confirmations. */
  downgrade_destructive: string[];
}

export interface GraphProblem {
  kind: 'unknown-down-revision' | 'duplicate-revision' | 'multiple-heads' | 'revision-cycle';
  message: string;
  revisions: string[];
}

export interface GraphLocation {
  /** Absolute path of the script location. */
  path: string;
  /** Absolute path of the alembic.ini that `alembic -c` reads for this location; null when none declares it. */
  ini: string | null;
  heads: string[];
  bases: string[];
  /** Newest first, as `alembic history` lists them. */
  revisions: GraphRevision[];
  merges: string[];
  branch_points: string[];
  problems: GraphProblem[];
}

/** An alembic.ini the server read, whether or not its script location holds a revision yet. */
export interface GraphIni {
  /** Absolute path. */
  path: string;
  /**
   * sqlalchemy.url of its [alembic] section, interpolated as configparser does and otherwise as written; null
   * without one. It may hold a password: never log it. Only the server's answer has it, not the CLI's JSON.
   */
  sqlalchemy_url: string | null;
}

/**
 * The revision graph of every script location, as `alembic-lint graph --format json` prints it, with absolute
 * paths; and every alembic.ini the server read, with its sqlalchemy.url.
 */
export interface GraphResult {
  locations: GraphLocation[];
  inis: GraphIni[];
}

export const GraphRequest = {
  method: 'alembic/graph',
  type: new RequestType<GraphParams, GraphResult, void>('alembic/graph'),
} as const;

/** Sent when a revision graph may have changed (after start-up, and when revision ids, parents or files change). */
export const GraphChangedNotification = {
  method: 'alembic/graphChanged',
  type: new NotificationType0('alembic/graphChanged'),
} as const;
