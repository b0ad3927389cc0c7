// Lines of a revision file found by regular expression on its text: cheap, and the server's graph already says which
// files are revisions. The code lenses sit on them; verify's problems without a statement line fall back to them.

/** The 0-based line of the module-level `revision = ...` assignment (annotated or not), where Show in Graph goes. */
export function revisionAssignmentLine(text: string): number | undefined {
  return firstLine(text, /^revision\s*(?::[^=]*)?=(?!=)/);
}

/** The 0-based line of the module-level `def upgrade(` / `def downgrade(` (async too). */
export function functionDefLine(text: string, name: 'upgrade' | 'downgrade'): number | undefined {
  return firstLine(text, new RegExp(`^(?:async\\s+)?def\\s+${name}\\s*\\(`));
}

function firstLine(text: string, pattern: RegExp): number | undefined {
  const index = text.split(/\r\n|\r|\n/).findIndex((line) => pattern.test(line));
  return index < 0 ? undefined : index;
}
