// How messages name an object: "table orders", "column orders.status", "index idx_x", "trigger t_audit on orders".
import type { ObjectRef } from '../types';

function qualify(name: string, schema: string | undefined): string {
  return schema ? `${schema}.${name}` : name;
}

export function describeObject(ref: ObjectRef): string {
  const kind = ref.kind === 'other' ? 'object' : ref.kind;
  const table = ref.table === undefined ? undefined : qualify(ref.table, ref.schema);
  if (!ref.name) return table ? `${kind} on ${table}` : `unnamed ${kind}`;
  switch (ref.kind) {
    case 'column':
      return table ? `column ${table}.${ref.name}` : `column ${ref.name}`;
    case 'constraint':
    case 'trigger':
    case 'policy':
    case 'rule':
      return table ? `${kind} ${ref.name} on ${table}` : `${kind} ${ref.name}`;
    default:
      return `${kind} ${qualify(ref.name, ref.schema)}`;
  }
}
