// SQLAlchemy's naming convention (`MetaData(naming_convention={...})`), when env.py states it as a literal: the
// names SQLAlchemy gives constraints and indexes an op.* call leaves unnamed. Alembic's op.* calls use the
// convention of env.py's target_metadata; without one, PostgreSQL names them (and index=True is `ix_<table>_<col>`).
import { literalString } from '../migration/literals';
import { pythonParser } from '../parsers';
import { dottedName, unwrapParens, type Node } from '../python/syntax-tree';
import type { ConstraintKind } from './model';

export type ConventionKey = 'ix' | 'uq' | 'ck' | 'fk' | 'pk';
export type NamingConvention = Partial<Record<ConventionKey, string>>;

const CLASS_KEYS: Record<string, ConventionKey> = { Index: 'ix', UniqueConstraint: 'uq', CheckConstraint: 'ck', ForeignKeyConstraint: 'fk', PrimaryKeyConstraint: 'pk' };
const KIND_KEYS: Partial<Record<ConstraintKind, ConventionKey>> = { unique: 'uq', check: 'ck', 'foreign key': 'fk', 'primary key': 'pk' };

/** The first dict literal in `text` that maps convention keys to string templates; undefined when there is none. */
export function readNamingConvention(text: string): NamingConvention | undefined {
  if (!text.includes('naming_convention')) return undefined;
  let tree;
  try {
    tree = pythonParser().parse(text);
  } catch {
    return undefined;
  }
  if (!tree) return undefined;
  try {
    for (const dict of tree.rootNode.descendantsOfType('dictionary')) {
      if (!dict) continue;
      const convention = conventionOf(dict, text);
      if (convention) return convention;
    }
    return undefined;
  } finally {
    tree.delete();
  }
}

function conventionOf(dict: Node, text: string): NamingConvention | undefined {
  const out: NamingConvention = {};
  for (const pair of dict.namedChildren) {
    if (pair.type !== 'pair') continue;
    const keyNode = pair.childForFieldName('key');
    const valueNode = pair.childForFieldName('value');
    if (!keyNode || !valueNode) continue;
    const literal = literalString(keyNode, text);
    const key = literal !== undefined ? literal : CLASS_KEYS[dottedName(unwrapParens(keyNode))?.split('.').pop() ?? ''];
    const template = literalString(valueNode, text);
    if (key && ['ix', 'uq', 'ck', 'fk', 'pk'].includes(key) && template !== undefined) out[key as ConventionKey] = template;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export interface NameParts {
  table: string;
  columns: readonly string[];
  referredTable?: string;
  referredColumns?: readonly string[];
}

/**
 * The name the convention gives, or undefined when it gives none (no template for the kind, a token it cannot fill
 * such as %(constraint_name)s on an unnamed constraint, or a name past 63 bytes, which SQLAlchemy shortens its own way).
 */
export function conventionName(convention: NamingConvention | undefined, key: ConventionKey, parts: NameParts): string | undefined {
  const template = convention?.[key];
  if (template === undefined) return undefined;
  let unknown = false;
  const name = template.replace(/%\((\w+)\)s/g, (_, token: string) => {
    const value = tokenValue(token, parts);
    if (value === undefined) unknown = true;
    return value ?? '';
  });
  return unknown || new TextEncoder().encode(name).length > 63 ? undefined : name;
}

export function conventionKeyOf(kind: ConstraintKind): ConventionKey | undefined {
  return KIND_KEYS[kind];
}

function tokenValue(token: string, parts: NameParts): string | undefined {
  if (token === 'table_name') return parts.table;
  if (token === 'referred_table_name') return parts.referredTable;
  const match = /^(referred_)?column_0(_N|N)?_(name|label|key)$/.exec(token);
  if (!match) return undefined;
  const columns = match[1] ? parts.referredColumns : parts.columns;
  if (!columns || columns.length === 0) return undefined;
  const table = match[1] ? parts.referredTable : parts.table;
  const one = (c: string): string => (match[3] === 'label' ? `${table}_${c}` : c);
  if (match[2] === undefined) return one(columns[0]!);
  return columns.map(one).join(match[2] === '_N' ? '_' : '');
}
