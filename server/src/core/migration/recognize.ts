// What makes a file an Alembic revision: a name the script directory loads, and a module-level `revision = ...`.
// Imports nothing, so the client can use it too.

/** A .py file Alembic reads as a revision: not __init__.py, not a dotfile (editor backups, macOS resource forks). */
export function isMigrationFileName(name: string): boolean {
  return name.endsWith('.py') && name !== '__init__.py' && !name.startsWith('.');
}

/** A module-level `revision = ...` (annotated or not). */
const REVISION_ASSIGNMENT = /^revision\s*(:[^=]+)?=/m;

export function declaresRevision(text: string): boolean {
  return REVISION_ASSIGNMENT.test(text);
}
