/** verify cannot run (no interpreter with Alembic, no database): exit 2 with this message, which says what to do. */
export class CannotRunError extends Error {}
