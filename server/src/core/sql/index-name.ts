// The name PostgreSQL gives `CREATE INDEX ON t (...)` when no name is written (ChooseIndexName in
// indexcmds.c), so that a downgrade's `DROP INDEX t_col_idx` can be matched to it. PostgreSQL appends
// a number when that name is taken; we cannot see the catalog, so this is the name it picks when it is free.
import type { IndexStmt, Node } from 'libpg-query';
import { asNode, nodeTypeOf, strings } from './nodes';
import { utf8ByteLength } from './positions';

const NAMEDATALEN = 64;

/** The longest prefix of `s` of at most `maxBytes` UTF-8 bytes that does not split a character. */
function clipBytes(s: string, maxBytes: number): string {
  let bytes = 0;
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    const n = cp <= 0x7f ? 1 : cp <= 0x7ff ? 2 : cp <= 0xffff ? 3 : 4;
    if (bytes + n > maxBytes) break;
    bytes += n;
    i += n === 4 ? 2 : 1;
  }
  return s.slice(0, i);
}

// Expression forms whose column name FigureColnameInternal derives in ways not modelled here.
const UNMODELLED = /^(A_Indirection|GroupingFunc|SubLink|SQLValueFunction|Xml|Json|MergeSupportFunc)/;

/** FigureColnameInternal: [name, strength], name '' when PostgreSQL finds none; undefined when unmodelled. */
function figureName(node: Node | undefined): [string, number] | undefined {
  const type = nodeTypeOf(node);
  if (UNMODELLED.test(type)) return undefined;
  const fields = asNode(node, 'ColumnRef')?.fields;
  if (fields) {
    const last = asNode(fields[fields.length - 1], 'String')?.sval;
    return last === undefined ? ['', 0] : [last, 2];
  }
  const fn = asNode(node, 'FuncCall');
  if (fn) return [strings(fn.funcname).pop() ?? '', 2];
  const cast = asNode(node, 'TypeCast');
  if (cast) {
    const inner = figureName(cast.arg);
    if (!inner || inner[1] > 1) return inner;
    const typeName = strings(cast.typeName?.names).pop();
    return typeName === undefined ? inner : [typeName, 1];
  }
  const collate = asNode(node, 'CollateClause');
  if (collate) return figureName(collate.arg);
  if (asNode(node, 'A_Expr')?.kind === 'AEXPR_NULLIF') return ['nullif', 2];
  if (asNode(node, 'CaseExpr')) return ['case', 1];
  if (asNode(node, 'A_ArrayExpr')) return ['array', 2];
  if (asNode(node, 'RowExpr')) return ['row', 2];
  if (asNode(node, 'CoalesceExpr')) return ['coalesce', 2];
  const minmax = asNode(node, 'MinMaxExpr');
  if (minmax) return [minmax.op === 'IS_GREATEST' ? 'greatest' : 'least', 2];
  return ['', 0];
}

/** ChooseIndexColumnNames: one name per element, numbered when repeated. */
function columnNames(params: readonly Node[]): string[] | undefined {
  const result: string[] = [];
  for (const param of params) {
    const elem = asNode(param, 'IndexElem');
    if (!elem) return undefined;
    let orig = elem.indexcolname ?? elem.name;
    if (orig === undefined) {
      const figured = figureName(elem.expr);
      if (!figured) return undefined;
      orig = figured[0] || 'expr';
    }
    let name = orig;
    for (let i = 1; result.includes(name); i++) name = clipBytes(orig, NAMEDATALEN - 1 - String(i).length) + String(i);
    result.push(name);
  }
  return result;
}

/** makeObjectName: `name1_name2_label`, shortening the longer part until it fits NAMEDATALEN - 1 bytes. */
function makeObjectName(name1: string, name2: string, label: string): string {
  let n1 = utf8ByteLength(name1);
  let n2 = utf8ByteLength(name2);
  const available = NAMEDATALEN - 1 - (label.length + 2);
  while (n1 + n2 > available) {
    if (n1 > n2) n1--;
    else n2--;
  }
  return `${clipBytes(name1, n1)}_${clipBytes(name2, n2)}_${label}`;
}

export function defaultIndexName(stmt: IndexStmt): string | undefined {
  const table = stmt.relation?.relname;
  const names = columnNames(stmt.indexParams ?? []);
  if (table === undefined || !names || names.length === 0) return undefined;
  // ChooseIndexNameAddition: join with '_', stopping once NAMEDATALEN bytes are reached.
  let addition = '';
  for (const name of names) {
    addition = addition ? `${addition}_${name}` : name;
    if (utf8ByteLength(addition) >= NAMEDATALEN) break;
  }
  return makeObjectName(table, addition, 'idx');
}
