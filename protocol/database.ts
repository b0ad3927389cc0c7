// The client reads the connected databases' version tables; the server uses what they have applied (the `pending`
// lint scope, edits of applied migrations).
import { NotificationType } from 'vscode-languageserver-protocol';

export interface DatabaseRevisions {
  /** The script location (absolute path), as the graph names it. */
  location: string;
  /** The revisions in its database's version table: the heads of what is applied ([] when nothing is). */
  current: string[];
}

/** Every script location whose database is connected now; one missing from the list is not known. */
export interface DatabaseRevisionsParams {
  locations: DatabaseRevisions[];
}

/** Sent by the client whenever a database connection's state or version table changes. */
export const DatabaseRevisionsNotification = {
  method: 'alembic/databaseRevisions',
  type: new NotificationType<DatabaseRevisionsParams>('alembic/databaseRevisions'),
} as const;
