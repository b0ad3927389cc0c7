// Moved to the host layer, which alembic-lint verify shares: one definition for the client and the CLI.
export * from '../../../server/src/host/connection/database-url';
