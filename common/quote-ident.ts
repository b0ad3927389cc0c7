// Names that go into SQL text (a version table, a scratch database): PostgreSQL's quoted identifier.

/** A PostgreSQL identifier in double quotes, with embedded quotes doubled. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
