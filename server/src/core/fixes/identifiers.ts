// Writes identifiers the way PostgreSQL reads them back: bare when they fold to themselves, quoted otherwise.

// Reserved words that cannot be bare identifiers (the common ones in migrations; PostgreSQL's full list is longer).
const RESERVED = new Set(
  ('all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create current_catalog ' +
    'current_date current_role current_time current_timestamp current_user default deferrable desc distinct do else end except ' +
    'false fetch for foreign from grant group having in initially intersect into lateral leading limit localtime localtimestamp ' +
    'not null offset on only or order placing primary references returning select session_user some symmetric table then to ' +
    'trailing true union unique user using variadic when where window with authorization binary collation concurrently cross ' +
    'current_schema freeze full ilike inner is isnull join left like natural notnull outer overlaps right similar tablesample verbose')
    .split(' '),
);

export function quoteIdentifier(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

export function qualifiedName(name: string, schema: string | undefined): string {
  return schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(name)}` : quoteIdentifier(name);
}

/** A Python string literal for a name. */
export function pythonString(value: string): string {
  return JSON.stringify(value);
}
