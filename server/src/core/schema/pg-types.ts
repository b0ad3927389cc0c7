// Types and defaults written the way PostgreSQL prints them back: format_type() for a TypeName of the parse tree,
// pg_get_expr() for the simple defaults migrations use. Anything else is `unknown`, never a guess.
import type { Node, TypeName } from 'libpg-query';
import { asNode, nodeTypeOf, strings } from '../sql/nodes';
import { keyOf } from './model';

/** Internal names the parser gives built-in types -> format_type's spelling. */
const BUILTIN: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  varchar: 'character varying',
  bpchar: 'character',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  time: 'time without time zone',
  timetz: 'time with time zone',
  varbit: 'bit varying',
  decimal: 'numeric',
  int: 'integer',
  integer: 'integer',
  smallint: 'smallint',
  bigint: 'bigint',
  real: 'real',
  boolean: 'boolean',
};

const SERIALS: Record<string, string> = { serial: 'integer', serial4: 'integer', bigserial: 'bigint', serial8: 'bigint', smallserial: 'smallint', serial2: 'smallint' };

export interface FormattedType {
  type: string;
  serial?: boolean;
  /** The modifiers or the name could not be printed exactly. */
  unknown?: boolean;
}

function integerOf(node: Node | undefined): number | undefined {
  const value = asNode(node, 'A_Const');
  if (!value || !('ival' in value)) return undefined;
  return (value.ival as { ival?: number }).ival ?? 0;
}

/** format_type of a parse-tree type. */
export function formatTypeName(typeName: TypeName | undefined): FormattedType {
  if (!typeName) return { type: '?', unknown: true };
  const names = strings(typeName.names);
  const catalog = names.length === 2 && names[0] === 'pg_catalog';
  const last = names[names.length - 1] ?? '?';
  const mods = (typeName.typmods ?? []).map(integerOf);
  const array = (typeName.arrayBounds?.length ?? 0) > 0 ? '[]' : '';
  if (mods.some((m) => m === undefined)) return { type: last + array, unknown: true };
  const serial = !catalog && names.length === 1 ? SERIALS[last] : undefined;
  if (serial) return { type: serial, serial: true };
  const builtin = catalog || names.length === 1 ? BUILTIN[last] : undefined;
  let type: string;
  let unknown = false;
  if (last === 'interval' && catalog) {
    type = 'interval';
    unknown = mods.length > 0;
  } else if (builtin && (last === 'timestamp' || last === 'timestamptz' || last === 'time' || last === 'timetz')) {
    // The precision goes after the word: `timestamp(3) with time zone`.
    const [word, ...rest] = builtin.split(' ');
    type = mods.length > 0 ? [`${word}(${mods[0]})`, ...rest].join(' ') : builtin;
  } else if (builtin) {
    type = mods.length > 0 ? `${builtin}(${mods.join(',')})` : last === 'bpchar' && catalog ? 'character(1)' : builtin;
    if (last === 'bpchar' && !catalog) type = 'bpchar';
  } else {
    // Another type (text, uuid, jsonb, an enum): as written, qualified when outside public.
    const schema = names.length > 1 && !catalog ? names[0] : undefined;
    type = keyOf({ schema: schema ?? 'public', name: last });
    if (mods.length > 0) type += `(${mods.join(',')})`;
  }
  return unknown ? { type: type + array, unknown: true } : { type: type + array };
}

const NUMBER_TYPES = new Set(['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision']);
/** Types whose text constants print back as written, with the type's name as the cast. */
const TEXT_TYPES = /^(text|character varying(\(\d+\))?|character\(\d+\)|bpchar)$/;

export interface FormattedDefault {
  text: string | null;
  unknown?: boolean;
}

/**
 * A default on a column of `type` as PostgreSQL prints it, when that does not depend on the schema; else the
 * expression, for replay to format once it knows whether `type` is an enum (a literal is then cast to it).
 */
export function staticDefault(expr: Node | undefined, type: string): FormattedDefault | { pending: { expr: Node } } {
  let asked = false;
  const value = formatDefault(expr, type, () => {
    asked = true;
    return false;
  });
  return asked && expr ? { pending: { expr } } : value;
}

/** What pg_get_expr prints for a column default written `expr`, on a column of `type` (null: no default). */
export function formatDefault(expr: Node | undefined, type: string, isEnum: (type: string) => boolean): FormattedDefault {
  if (!expr) return { text: null };
  const unknown = { text: '?', unknown: true as const };
  switch (nodeTypeOf(expr)) {
    case 'A_Const': {
      const value = asNode(expr, 'A_Const')!;
      if (value.isnull) return { text: null };
      if ('boolval' in value) return { text: (value.boolval as { boolval?: boolean }).boolval ? 'true' : 'false' };
      if ('ival' in value) return integerDefault(integerOf(expr)!, type);
      if ('fval' in value) {
        const fval = (value.fval as { fval?: string }).fval ?? '';
        return type === 'numeric' || /^numeric\(/.test(type) ? (type === 'numeric' && !fval.startsWith('-') ? { text: fval } : unknown) : unknown;
      }
      if ('sval' in value) return stringDefault((value.sval as { sval?: string }).sval ?? '', type, isEnum);
      return unknown;
    }
    case 'TypeCast': {
      const cast = asNode(expr, 'TypeCast')!;
      const target = formatTypeName(cast.typeName);
      const inner = asNode(cast.arg, 'A_Const');
      if (target.unknown || !inner || !('sval' in inner)) return unknown;
      // A cast to the column's own type is what PostgreSQL would write anyway.
      const base = target.type.replace(/\(\d+(,\d+)?\)$/, '');
      if (target.type !== type && base !== type.replace(/\(\d+(,\d+)?\)$/, '')) return unknown;
      return stringDefault((inner.sval as { sval?: string }).sval ?? '', type, isEnum);
    }
    case 'FuncCall': {
      const call = asNode(expr, 'FuncCall')!;
      const name = strings(call.funcname);
      const fn = name[name.length - 1];
      if (name.length !== 1 || call.agg_star || call.over) return unknown;
      const args = call.args ?? [];
      if (args.length === 0) return { text: `${fn}()` };
      const arg = asNode(args[0], 'A_Const');
      if (fn === 'nextval' && args.length === 1 && arg && 'sval' in arg) {
        const sequence = (arg.sval as { sval?: string }).sval ?? '';
        return { text: `nextval('${sequence}'::regclass)` };
      }
      return unknown;
    }
    case 'SQLValueFunction': {
      const op = asNode(expr, 'SQLValueFunction')!.op;
      const names: Record<string, string> = {
        SVFOP_CURRENT_TIMESTAMP: 'CURRENT_TIMESTAMP',
        SVFOP_CURRENT_DATE: 'CURRENT_DATE',
        SVFOP_CURRENT_TIME: 'CURRENT_TIME',
        SVFOP_LOCALTIMESTAMP: 'LOCALTIMESTAMP',
        SVFOP_CURRENT_USER: 'CURRENT_USER',
      };
      const text = op ? names[op] : undefined;
      return text ? { text } : unknown;
    }
    default:
      return unknown;
  }
}

function integerDefault(value: number, type: string): FormattedDefault {
  if (type === 'boolean') return { text: '?', unknown: true };
  if (NUMBER_TYPES.has(type) || /^numeric\(/.test(type)) {
    // An integer constant prints bare, a negative one quoted and cast (get_const_expr).
    if (/^numeric\(/.test(type) || type === 'real' || type === 'double precision') return value >= 0 && type !== 'real' && type !== 'double precision' ? { text: `${value}` } : { text: '?', unknown: true };
    return value >= 0 ? { text: `${value}` } : { text: `'${value}'::integer` };
  }
  if (TEXT_TYPES.test(type)) return { text: `'${value}'::${castName(type)}` };
  return { text: '?', unknown: true };
}

function stringDefault(value: string, type: string, isEnum: (type: string) => boolean): FormattedDefault {
  const quoted = `'${value.replace(/'/g, "''")}'`;
  if (TEXT_TYPES.test(type)) return { text: `${quoted}::${castName(type)}` };
  if (isEnum(type)) return { text: `${quoted}::${type}` };
  if (type === 'boolean') {
    const truth = /^\s*(t|tr|tru|true|y|ye|yes|on|1)\s*$/i.test(value);
    const falsity = /^\s*(f|fa|fal|fals|false|n|no|off|0)\s*$/i.test(value);
    return truth ? { text: 'true' } : falsity ? { text: 'false' } : { text: '?', unknown: true };
  }
  if ((type === 'integer' || type === 'smallint' || type === 'bigint') && /^\s*-?\d+\s*$/.test(value)) {
    // An unknown-typed literal becomes a constant of the column's type.
    const n = Number(value.trim());
    return type === 'integer' ? integerDefault(n, type) : { text: n >= 0 ? `'${n}'::${type}` : `'${n}'::${type}` };
  }
  return { text: '?', unknown: true };
}

/** The cast printed after a text constant: the type without its length (a constant has no typmod). */
function castName(type: string): string {
  if (type.startsWith('character varying')) return 'character varying';
  if (type.startsWith('character(') || type === 'bpchar') return 'bpchar';
  return type;
}
