// How much of a file is read and analysed: one definition for the host that reads and the core that parses.

/** Larger files are not parsed: nobody writes a migration this size, and the editor must stay responsive. */
export const MAX_ANALYSED_LENGTH = 2_000_000;

/**
 * Of a file over the limit (or an editor text), only this much of its start is read: Alembic's `revision` and
 * `down_revision` sit at the top, and reading them keeps the file's children from looking orphaned.
 * Small on purpose: tree-sitter-python's scanner looks ahead over every following comment line at each newline, so a
 * run of comment lines after code costs time quadratic in its length (a 64 KB head of `# ...` lines took 24 s here;
 * 16 KB takes about 1.5 s), and a file this large is often filler of that kind.
 */
export const MIGRATION_HEAD_LENGTH = 16 * 1024;
