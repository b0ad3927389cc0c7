// From parse-tree names to ObjectRefs: object types, qualified names, and the keywords that spell them.
import type { Node, ObjectType, RangeVar } from 'libpg-query';
import type { ObjectKind, ObjectRef } from '../types';
import { asNode, strings } from './nodes';

interface ObjectTypeInfo {
  kind: ObjectKind;
  /** How DROP / ALTER / COMMENT ON spell the type. */
  keyword: string;
}

const OBJECT_TYPES: Partial<Record<ObjectType, ObjectTypeInfo>> = {
  OBJECT_TABLE: { kind: 'table', keyword: 'TABLE' },
  OBJECT_FOREIGN_TABLE: { kind: 'table', keyword: 'FOREIGN TABLE' },
  OBJECT_COLUMN: { kind: 'column', keyword: 'COLUMN' },
  OBJECT_INDEX: { kind: 'index', keyword: 'INDEX' },
  OBJECT_TABCONSTRAINT: { kind: 'constraint', keyword: 'CONSTRAINT' },
  OBJECT_DOMCONSTRAINT: { kind: 'constraint', keyword: 'CONSTRAINT' },
  OBJECT_EXTENSION: { kind: 'extension', keyword: 'EXTENSION' },
  OBJECT_TYPE: { kind: 'type', keyword: 'TYPE' },
  OBJECT_DOMAIN: { kind: 'type', keyword: 'DOMAIN' },
  OBJECT_FUNCTION: { kind: 'function', keyword: 'FUNCTION' },
  OBJECT_ROUTINE: { kind: 'function', keyword: 'ROUTINE' },
  OBJECT_PROCEDURE: { kind: 'procedure', keyword: 'PROCEDURE' },
  OBJECT_TRIGGER: { kind: 'trigger', keyword: 'TRIGGER' },
  OBJECT_VIEW: { kind: 'view', keyword: 'VIEW' },
  OBJECT_MATVIEW: { kind: 'materialized view', keyword: 'MATERIALIZED VIEW' },
  OBJECT_SEQUENCE: { kind: 'sequence', keyword: 'SEQUENCE' },
  OBJECT_SCHEMA: { kind: 'schema', keyword: 'SCHEMA' },
  OBJECT_POLICY: { kind: 'policy', keyword: 'POLICY' },
  OBJECT_RULE: { kind: 'rule', keyword: 'RULE' },
  OBJECT_STATISTIC_EXT: { kind: 'statistics', keyword: 'STATISTICS' },
  OBJECT_ACCESS_METHOD: { kind: 'other', keyword: 'ACCESS METHOD' },
  OBJECT_AGGREGATE: { kind: 'other', keyword: 'AGGREGATE' },
  OBJECT_ATTRIBUTE: { kind: 'other', keyword: 'ATTRIBUTE' },
  OBJECT_CAST: { kind: 'other', keyword: 'CAST' },
  OBJECT_COLLATION: { kind: 'other', keyword: 'COLLATION' },
  OBJECT_CONVERSION: { kind: 'other', keyword: 'CONVERSION' },
  OBJECT_DATABASE: { kind: 'other', keyword: 'DATABASE' },
  OBJECT_EVENT_TRIGGER: { kind: 'other', keyword: 'EVENT TRIGGER' },
  OBJECT_FDW: { kind: 'other', keyword: 'FOREIGN DATA WRAPPER' },
  OBJECT_FOREIGN_SERVER: { kind: 'other', keyword: 'SERVER' },
  OBJECT_LANGUAGE: { kind: 'other', keyword: 'LANGUAGE' },
  OBJECT_LARGEOBJECT: { kind: 'other', keyword: 'LARGE OBJECT' },
  OBJECT_OPCLASS: { kind: 'other', keyword: 'OPERATOR CLASS' },
  OBJECT_OPERATOR: { kind: 'other', keyword: 'OPERATOR' },
  OBJECT_OPFAMILY: { kind: 'other', keyword: 'OPERATOR FAMILY' },
  OBJECT_PUBLICATION: { kind: 'other', keyword: 'PUBLICATION' },
  OBJECT_ROLE: { kind: 'other', keyword: 'ROLE' },
  OBJECT_SUBSCRIPTION: { kind: 'other', keyword: 'SUBSCRIPTION' },
  OBJECT_TABLESPACE: { kind: 'other', keyword: 'TABLESPACE' },
  OBJECT_TRANSFORM: { kind: 'other', keyword: 'TRANSFORM' },
  OBJECT_TSCONFIGURATION: { kind: 'other', keyword: 'TEXT SEARCH CONFIGURATION' },
  OBJECT_TSDICTIONARY: { kind: 'other', keyword: 'TEXT SEARCH DICTIONARY' },
  OBJECT_TSPARSER: { kind: 'other', keyword: 'TEXT SEARCH PARSER' },
  OBJECT_TSTEMPLATE: { kind: 'other', keyword: 'TEXT SEARCH TEMPLATE' },
};

export function kindOf(type: ObjectType | undefined): ObjectKind {
  return (type && OBJECT_TYPES[type]?.kind) ?? 'other';
}

/** 'TABLE', 'MATERIALIZED VIEW', ...; undefined for types we do not spell. */
export function keywordOf(type: ObjectType | undefined): string | undefined {
  return type && OBJECT_TYPES[type]?.keyword;
}

/** Kinds whose objects are named relative to a table (`trg ON t`, `t.col`). */
const TABLE_BOUND = new Set<ObjectKind>(['column', 'constraint', 'trigger', 'policy', 'rule']);

/** An ObjectRef without undefined fields, so results compare and print cleanly. */
export function ref(kind: ObjectKind, name: string, schema?: string, table?: string): ObjectRef {
  const r: ObjectRef = { kind, name };
  if (schema !== undefined) r.schema = schema;
  if (table !== undefined) r.table = table;
  return r;
}

/** `[catalog.][schema.]name` -> name and schema. */
export function qualified(kind: ObjectKind, names: readonly string[]): ObjectRef | undefined {
  const name = names[names.length - 1];
  return name === undefined ? undefined : ref(kind, name, names[names.length - 2]);
}

/** `[schema.]table.name` -> name, table and the table's schema (for kinds named relative to a table). */
function tableBound(kind: ObjectKind, names: readonly string[]): ObjectRef | undefined {
  const name = names[names.length - 1];
  if (name === undefined) return undefined;
  return ref(kind, name, names[names.length - 3], names[names.length - 2]);
}

export function relationRef(kind: ObjectKind, rel: RangeVar | undefined): ObjectRef | undefined {
  return rel?.relname === undefined ? undefined : ref(kind, rel.relname, rel.schemaname);
}

/** An object on a relation: a column, constraint, trigger, policy or rule of `rel`. */
export function onRelation(kind: ObjectKind, name: string | undefined, rel: RangeVar | undefined): ObjectRef | undefined {
  return name === undefined ? undefined : ref(kind, name, rel?.schemaname, rel?.relname);
}

function typeNameRef(kind: ObjectKind, node: Node): ObjectRef | undefined {
  return qualified(kind, strings(asNode(node, 'TypeName')?.names));
}

/**
 * The object a DROP / COMMENT ON / ALTER ... OWNER / SET SCHEMA names: a String, a List of Strings,
 * a TypeName (types, domains) or an ObjectWithArgs (functions and the like).
 */
export function objectRef(type: ObjectType | undefined, node: Node | undefined): ObjectRef | undefined {
  if (!node) return undefined;
  const kind = kindOf(type);
  const s = asNode(node, 'String')?.sval;
  if (s !== undefined) return ref(kind, s);
  const list = asNode(node, 'List')?.items;
  if (list) {
    const names = strings(list);
    if (names.length === list.length) return TABLE_BOUND.has(kind) ? tableBound(kind, names) : qualified(kind, names);
    // DROP CAST (a AS b) and the like: a list of type names.
    const types = list.map((n) => typeNameRef(kind, n)?.name);
    return types.every((t) => t !== undefined) ? ref(kind, types.join(', ')) : undefined;
  }
  if (asNode(node, 'TypeName')) return typeNameRef(kind, node);
  const fn = asNode(node, 'ObjectWithArgs');
  if (fn) return qualified(kind, strings(fn.objname));
  return undefined;
}
