// Which files of a versions folder Alembic loads as revisions. Both sides decide it: the server when it scans a
// versions folder, the client when it looks for the file `alembic revision` just wrote.

/** A .py file other than __init__.py and dotfiles (editor backups, macOS resource forks). */
export function isRevisionFileName(name: string): boolean {
  return name.endsWith('.py') && name !== '__init__.py' && !name.startsWith('.');
}
