// What makes a file an Alembic revision: a name the script directory loads (protocol/revision-files.ts, which the
// client shares), and a module-level `revision = ...`.
export { isRevisionFileName } from '../../../../protocol/revision-files';

/** A module-level `revision = ...` (annotated or not). */
const REVISION_ASSIGNMENT = /^revision\s*(:[^=]+)?=/m;

export function declaresRevision(text: string): boolean {
  return REVISION_ASSIGNMENT.test(text);
}
