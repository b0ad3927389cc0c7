// Migration files for the UI tests and the README's screenshots to write into their throwaway workspaces: what
// `migrate.py revision` writes, with one op.execute per direction (or `pass`, for a merge).
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes `<versions>/<id>_<message>.py` and returns its path.
 * @param {string} versions the versions folder
 * @param {{ id: string, parents: string[], message: string, date: string, upgrade?: string, downgrade?: string }} spec
 *   parents: none for a base, two for a merge; upgrade / downgrade: one SQL statement each
 */
export function writeMigration(versions, { id, parents, message, date, upgrade, downgrade }) {
  const quoted = parents.map((p) => `"${p}"`);
  const down = quoted.length === 0 ? 'None' : quoted.length === 1 ? quoted[0] : `(${quoted.join(', ')})`;
  const body = (/** @type {string | undefined} */ sql) => (sql ? `    op.execute("${sql}")` : '    pass');
  const header = `"""${message}\n\nRevision ID: ${id}\nRevises: ${parents.join(', ')}\nCreate Date: ${date}\n\n"""`;
  const ids = `revision = "${id}"\ndown_revision = ${down}\nbranch_labels = None\ndepends_on = None`;
  const text = `${header}\nfrom alembic import op\n\n${ids}\n\n\ndef upgrade() -> None:\n${body(upgrade)}\n\n\ndef downgrade() -> None:\n${body(downgrade)}\n`;
  const file = path.join(versions, `${id}_${message.replace(/\W+/g, '_')}.py`);
  writeFileSync(file, text);
  return file;
}
