// What makes a file an Alembic revision: a name the script directory loads (common/revision-files.ts, which the
// client shares), and a module-level `revision = ...`.

/** A module-level `revision = ...` (annotated or not). */
const REVISION_ASSIGNMENT = /^revision\s*(:[^=]+)?=/m;

export function declaresRevision(text: string): boolean {
  return REVISION_ASSIGNMENT.test(text);
}
