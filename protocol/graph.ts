// The `alembic/graph` request and its change notification. The graph's JSON is common/graph-json.ts, the shape
// `alembic-lint graph --format json` prints too; the server sends it with absolute paths.
import { NotificationType0, RequestType } from 'vscode-languageserver-protocol';
import type { GraphJson } from '../common/graph-json';

export type { GraphLocation, GraphProblem, GraphRevision } from '../common/graph-json';

/** No parameters yet; an object so filters (one location, ...) can be added without breaking clients. */
export interface GraphParams {}

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
 * paths; and every alembic.ini the server read, with its sqlalchemy.url (never in the CLI's JSON: CI logs it).
 */
export interface GraphResult extends GraphJson {
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
