// The `source` of every diagnostic the server publishes: the client reads its own diagnostics back by it (the check
// before Upgrade), and users filter the Problems panel with it.
export const DIAGNOSTIC_SOURCE = 'alembic-lint';
