// The statements that undo one obligation, in the style of the upgrade that created it: SQL for op.execute
// migrations, op.* calls for Alembic API migrations.
import type { Obligation } from '../symmetry';
import type { ObjectKind, ObjectRef } from '../types';
import { pythonString as py, qualifiedName, quoteIdentifier as q } from './identifiers';

const SQL_KEYWORD: Partial<Record<ObjectKind, string>> = {
  table: 'TABLE', index: 'INDEX', type: 'TYPE', function: 'FUNCTION', procedure: 'PROCEDURE', view: 'VIEW',
  'materialized view': 'MATERIALIZED VIEW', sequence: 'SEQUENCE', schema: 'SCHEMA', extension: 'EXTENSION', statistics: 'STATISTICS',
};

export function dropSql(o: ObjectRef): string | undefined {
  const name = qualifiedName(o.name, o.schema);
  switch (o.kind) {
    case 'column':
      return o.table ? `ALTER TABLE ${q(o.table)} DROP COLUMN IF EXISTS ${q(o.name)}` : undefined;
    case 'constraint':
      return o.table ? `ALTER TABLE ${q(o.table)} DROP CONSTRAINT IF EXISTS ${q(o.name)}` : undefined;
    case 'trigger':
    case 'policy':
    case 'rule':
      return o.table ? `DROP ${o.kind.toUpperCase()} IF EXISTS ${q(o.name)} ON ${q(o.table)}` : undefined;
    default: {
      const keyword = SQL_KEYWORD[o.kind];
      return keyword ? `DROP ${keyword} IF EXISTS ${name}` : undefined;
    }
  }
}

/** Renames `o` (as it is named now) back to `to`. */
export function renameSql(o: ObjectRef, to: string): string | undefined {
  switch (o.kind) {
    case 'column':
      return o.table ? `ALTER TABLE ${q(o.table)} RENAME COLUMN ${q(o.name)} TO ${q(to)}` : undefined;
    case 'constraint':
      return o.table ? `ALTER TABLE ${q(o.table)} RENAME CONSTRAINT ${q(o.name)} TO ${q(to)}` : undefined;
    case 'trigger':
    case 'policy':
      return o.table ? `ALTER ${o.kind.toUpperCase()} ${q(o.name)} ON ${q(o.table)} RENAME TO ${q(to)}` : undefined;
    default: {
      const keyword = SQL_KEYWORD[o.kind];
      return keyword ? `ALTER ${keyword} ${qualifiedName(o.name, o.schema)} RENAME TO ${q(to)}` : undefined;
    }
  }
}

function schemaArg(o: ObjectRef): string {
  return o.schema ? `, schema=${py(o.schema)}` : '';
}

/** Alembic op.* call undoing an obligation that came from an op.* call, when Alembic has one. */
function apiUndo(o: Obligation): string | undefined {
  const obj = o.object;
  if (o.need === 'drop') {
    switch (obj.kind) {
      case 'table':
        return `op.drop_table(${py(obj.name)}${schemaArg(obj)})`;
      case 'column':
        return obj.table ? `op.drop_column(${py(obj.table)}, ${py(obj.name)}${schemaArg(obj)})` : undefined;
      case 'index':
        return `op.drop_index(${py(obj.name)}${obj.table ? `, table_name=${py(obj.table)}` : ''}${schemaArg(obj)})`;
      case 'constraint':
        return obj.table ? `op.drop_constraint(${py(obj.name)}, ${py(obj.table)}${schemaArg(obj)})` : undefined;
      default:
        return undefined;
    }
  }
  if (o.need === 'rename-back') {
    if (obj.kind === 'table') return `op.rename_table(${py(obj.name)}, ${py(o.from)}${schemaArg(obj)})`;
    if (obj.kind === 'column' && obj.table) return `op.alter_column(${py(obj.table)}, ${py(obj.name)}, new_column_name=${py(o.from)}${schemaArg(obj)})`;
  }
  return undefined;
}

/** Python statement undoing an obligation other than 'recreate' (which needs the object's definition). */
export function undoStatement(o: Obligation): string | undefined {
  if (o.site.op.kind === 'api') {
    const call = apiUndo(o);
    if (call) return call;
  }
  const sql = o.need === 'drop' ? dropSql(o.object) : o.need === 'rename-back' ? renameSql(o.object, o.from) : undefined;
  return sql === undefined ? undefined : `op.execute(${py(sql)})`;
}
