// A schema as text, the way psql's `\d` lays a table out: columns with type, nullable and default, then its
// indexes and constraints; then the other objects.
import type { SchemaJson } from '../../../../common/schema-json';

function table(rows: string[][], header: string[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => ` ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')}`.trimEnd();
  return [line(header), `-${widths.map((w) => '-'.repeat(w)).join('-+-')}-`, ...rows.map(line)];
}

export function schemaToText(schema: SchemaJson): string {
  const out: string[] = [`Schema at ${schema.revision ?? 'base'}${schema.unknown ? ' (partly unknown: SQL or calls the model cannot read)' : ''}`, ''];
  for (const t of schema.tables) {
    out.push(`Table "${t.name}"${t.unknown ? ' (columns unknown: made AS SELECT, LIKE or by SQL not read)' : ''}`);
    out.push(
      ...table(
        t.columns.map((c) => [c.name, c.type + (c.unknown ? ' (?)' : ''), c.nullable ? '' : 'not null', c.default ?? '']),
        ['Column', 'Type', 'Nullable', 'Default'],
      ),
    );
    const constraintOf = (name: string): string | undefined => t.constraints.find((k) => k.name === name)?.kind;
    if (t.indexes.length > 0) {
      out.push('Indexes:');
      for (const i of t.indexes) {
        const kind = constraintOf(i.name);
        const label = kind === 'primary key' ? 'PRIMARY KEY ' : kind === 'unique' ? 'UNIQUE CONSTRAINT ' : i.unique ? 'UNIQUE ' : '';
        out.push(`    "${i.name}" ${label}(${i.columns.join(', ')})`);
      }
    }
    const checks = t.constraints.filter((k) => k.kind === 'check');
    if (checks.length > 0) {
      out.push('Check constraints:');
      for (const k of checks) out.push(`    "${k.name}" on (${k.columns.join(', ')})`);
    }
    const foreign = t.constraints.filter((k) => k.kind === 'foreign key');
    if (foreign.length > 0) {
      out.push('Foreign-key constraints:');
      for (const k of foreign) out.push(`    "${k.name}" FOREIGN KEY (${k.columns.join(', ')}) REFERENCES ${k.references?.table ?? '?'}(${k.references?.columns.join(', ') ?? ''})`);
    }
    const exclusions = t.constraints.filter((k) => k.kind === 'exclude');
    if (exclusions.length > 0) {
      out.push('Exclusion constraints:');
      for (const k of exclusions) out.push(`    "${k.name}" EXCLUDE (${k.columns.join(', ')})`);
    }
    const triggers = schema.triggers.filter((tr) => tr.table === t.name);
    if (triggers.length > 0) {
      out.push('Triggers:');
      for (const tr of triggers) out.push(`    ${tr.name}`);
    }
    out.push('');
  }
  const section = (title: string, lines: string[]): void => {
    if (lines.length === 0) return;
    out.push(`${title}:`, ...lines.map((l) => `    ${l}`), '');
  };
  section('Enums', schema.enums.map((e) => `${e.name} (${e.labels.map((l) => `'${l}'`).join(', ')})`));
  section('Sequences', schema.sequences.map((s) => (s.ownedBy ? `${s.name} owned by ${s.ownedBy.table}.${s.ownedBy.column}` : s.name)));
  section('Views', schema.views.map((v) => (v.materialized ? `${v.name} (materialized)` : v.name)));
  section('Functions', schema.functions.map((f) => `${f.name}(${f.arguments})`));
  section('Triggers', schema.triggers.map((t) => `${t.name} on ${t.table}`));
  section('Extensions', schema.extensions);
  section('Schemas', schema.schemas);
  if (schema.tables.length === 0 && out.length === 2) out.push('(no objects)', '');
  return out.join('\n');
}
