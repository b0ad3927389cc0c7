// Client commands the server names in what it sends (a code action's command). The client registers them.

/** Create Revision. Its argument may carry `{ beside: <uri> }`: the new file opens beside that document. */
export const CREATE_REVISION_COMMAND = 'alembic.createRevision';

export interface CreateRevisionArgument {
  /** The document the new revision is for (an edited applied migration): it stays open, the new file opens beside it. */
  beside?: string;
}
