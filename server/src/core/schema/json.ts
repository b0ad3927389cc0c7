// A Schema -> the JSON contract of common/schema-json.ts (sorted, qualified except public, alembic_version and
// plpgsql left out).
import type { ColumnJson, ConstraintJson, IndexJson, SchemaJson, TableJson } from '../../../../common/schema-json';
import { keyOf, type Schema } from './model';

const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const sorted = (values: Iterable<string>): string[] => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export function schemaToJson(schema: Schema, revision: string | null): SchemaJson {
  const tables: TableJson[] = [...schema.tables.values()]
    .filter((t) => !(t.schema === 'public' && t.name === 'alembic_version'))
    .map((t) => {
      const table: TableJson = {
        name: keyOf(t),
        columns: t.columns.map((c) => {
          const column: ColumnJson = { name: c.name, type: c.type, nullable: c.nullable, default: c.default };
          if (c.unknown) column.unknown = true;
          return column;
        }),
        indexes: t.indexes
          .map((i) => {
            const index: IndexJson = { name: i.name, columns: [...i.columns], unique: i.unique };
            if (i.unknown) index.unknown = true;
            return index;
          })
          .sort(byName),
        constraints: t.constraints
          .map((k) => {
            const constraint: ConstraintJson = { name: k.name, kind: k.kind, columns: [...k.columns] };
            if (k.references) constraint.references = { table: keyOf(k.references.table), columns: [...k.references.columns] };
            if (k.unknown) constraint.unknown = true;
            return constraint;
          })
          .sort(byName),
      };
      if (t.unknown) table.unknown = true;
      return table;
    })
    .sort(byName);
  const json: SchemaJson = {
    revision,
    tables,
    enums: [...schema.enums.values()].map((e) => ({ name: keyOf(e.name), labels: [...e.labels] })).sort(byName),
    sequences: [...schema.sequences.values()]
      .map((s) => ({ name: keyOf(s), ...(s.ownedBy ? { ownedBy: { table: keyOf(s.ownedBy.table), column: s.ownedBy.column } } : {}) }))
      .sort(byName),
    views: [...schema.views.values()].map((v) => ({ name: keyOf(v), materialized: v.materialized })).sort(byName),
    functions: [...schema.functions.values()]
      .map((f) => ({ name: keyOf(f), arguments: f.arguments }))
      .sort((a, b) => byName(a, b) || (a.arguments < b.arguments ? -1 : a.arguments > b.arguments ? 1 : 0)),
    triggers: [...schema.triggers.values()]
      .map((t) => ({ name: t.name, table: keyOf(t.table) }))
      .sort((a, b) => byName(a, b) || (a.table < b.table ? -1 : a.table > b.table ? 1 : 0)),
    extensions: sorted([...schema.extensions].filter((e) => e !== 'plpgsql')),
    schemas: sorted([...schema.schemas].filter((s) => s !== 'public')),
  };
  if (schema.unknown) json.unknown = true;
  return json;
}
