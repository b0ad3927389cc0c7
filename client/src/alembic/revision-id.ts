// The id of a new revision when the project numbers its revisions (0001, 0002, ...).
// Alembic's own ids are 12 hex digits: one made only of digits by chance must not look sequential.
const SEQUENTIAL_ID = /^\d{1,8}$/;

/** '0007' after 0001..0006 (the widest existing id sets the padding); undefined for hash-style or no ids. */
export function nextRevisionId(existingIds: string[]): string | undefined {
  if (!existingIds.length || !existingIds.every((id) => SEQUENTIAL_ID.test(id))) return undefined;
  const width = Math.max(...existingIds.map((id) => id.length));
  const next = Math.max(...existingIds.map(Number)) + 1;
  return String(next).padStart(width, '0');
}
