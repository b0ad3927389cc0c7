import { MAX_ANALYSED_LENGTH } from '../limits';
import { firstCodeDifference } from '../migration/code-tokens';
import { migrationFunctions } from '../migration/functions';
import type { RuleDefinition } from './types';

export const appliedMigrationModified: RuleDefinition = {
  meta: {
    id: 'applied-migration-modified',
    defaultSeverity: 'error',
    // In the editor the edit is work in progress: a warning says where it leads; CI's error stops the merge.
    editorSeverity: 'warning',
    summary: 'The code of a migration that is already in the base branch was changed: databases that applied it will not run the change',
    // Restoring the base's text is always possible; the change itself belongs in a new migration, which no fix can write.
    fix: 'always',
    // The base's text of the file comes with the file (the host reads it from git): nothing else is read.
    scope: 'file',
  },
  check({ file, base, report }) {
    // No base (no git, no ref), a file new since the base, or the very text the base has: nothing was edited.
    if (!base || base.text === null || base.text === file.text || !file.isMigration) return;
    // Files too large to parse are not judged (python-syntax says so for this one).
    if (file.text.length > MAX_ANALYSED_LENGTH || base.text.length > MAX_ANALYSED_LENGTH) return;
    // Comments, docstrings and formatting may change, of the Python and of the SQL in it: only what runs counts.
    const sqlRanges = migrationFunctions(file).flatMap((fn) => fn.ops.flatMap((op) => (op.kind === 'sql' && op.sql ? [op.sql.range] : [])));
    const difference = firstCodeDifference(file.text, base.text, sqlRanges);
    if (!difference) return;
    const revision = file.revision?.ids[0]?.value;
    const range = difference.end > difference.start ? difference : (file.revision?.range ?? difference);
    const which = revision === undefined ? 'This migration' : `Revision ${revision}`;
    report({
      message: base.applied
        ? `${which} is applied in the connected database, and its code was changed since the last commit (${base.ref}): that database will not ` +
          `run the change. Put the change in a new migration (or downgrade below this revision first) and restore this file from ${base.ref}`
        : `${which} is already in ${base.ref}, and its code was changed: databases that applied it will not run the change. ` +
          `Put the change in a new migration and restore this file from ${base.ref}`,
      range,
      fixes: [{ title: `Restore from ${base.ref}`, edits: [{ range: { start: 0, end: file.text.length }, newText: base.text }] }],
    });
  },
};
