// Which file `revision` / `merge` just wrote, so the client can open it: the files that appeared in the versions
// folders (the runner also reports the paths Alembic prints; this catches CLIs that print nothing).

/** Files in `after` that were not in `before`, sorted. */
export function addedFiles(before: readonly string[], after: readonly string[]): string[] {
  const old = new Set(before);
  return after.filter((file) => !old.has(file)).sort();
}
