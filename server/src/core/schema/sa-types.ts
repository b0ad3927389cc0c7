// SQLAlchemy's column types as PostgreSQL names them once created (the DDL SQLAlchemy's PostgreSQL dialect emits,
// read back through format_type). A type not listed here is unknown, never guessed.
import { literalString, literalName } from '../migration/literals';
import { argument, callArguments, dottedName, keywordValue, unwrapParens, type Node } from '../python/syntax-tree';

export interface SaType {
  type: string;
  unknown?: boolean;
  /** Integer types: SQLAlchemy makes a lone integer primary key SERIAL / BIGSERIAL. */
  integer?: boolean;
  /** sa.Enum / postgresql.ENUM: the type it names, and whether creating the table creates it. */
  enum?: { name: string; schema?: string; labels: string[]; create: boolean };
}

const PLAIN: Record<string, string> = {
  Integer: 'integer',
  INTEGER: 'integer',
  INT: 'integer',
  BigInteger: 'bigint',
  BIGINT: 'bigint',
  SmallInteger: 'smallint',
  SMALLINT: 'smallint',
  Text: 'text',
  TEXT: 'text',
  UnicodeText: 'text',
  Boolean: 'boolean',
  BOOLEAN: 'boolean',
  Date: 'date',
  DATE: 'date',
  Float: 'double precision',
  FLOAT: 'double precision',
  DOUBLE_PRECISION: 'double precision',
  Double: 'double precision',
  REAL: 'real',
  LargeBinary: 'bytea',
  BYTEA: 'bytea',
  LargeBinaryType: 'bytea',
  Interval: 'interval',
  INTERVAL: 'interval',
  JSON: 'json',
  JSONB: 'jsonb',
  UUID: 'uuid',
  Uuid: 'uuid',
  INET: 'inet',
  CIDR: 'cidr',
  MACADDR: 'macaddr',
  TSVECTOR: 'tsvector',
  MONEY: 'money',
  OID: 'oid',
  CITEXT: 'citext',
  HSTORE: 'hstore',
  Time: 'time without time zone',
  TIME: 'time without time zone',
};

const INTEGERS = new Set(['integer', 'bigint', 'smallint']);

function intArgument(node: Node | undefined): number | undefined {
  if (!node) return undefined;
  const value = unwrapParens(node);
  return value.type === 'integer' ? Number(value.text) : undefined;
}

/** The PostgreSQL type of a SQLAlchemy type expression (`sa.String(20)`, `postgresql.JSONB`, `sa.ARRAY(sa.Integer)`). */
export function saType(raw: Node | undefined, text: string): SaType {
  if (!raw) return { type: '?', unknown: true };
  const node = unwrapParens(raw);
  const isCall = node.type === 'call';
  const callee = isCall ? node.childForFieldName('function') : node;
  const name = callee ? dottedName(callee)?.split('.').pop() : undefined;
  if (name === undefined) return { type: '?', unknown: true };
  const args = isCall ? callArguments(node) : undefined;
  const arg = (i: number, keyword?: string): Node | undefined => (args ? argument(args, i, keyword) : undefined);
  const timezone = args !== undefined && keywordValue(args, 'timezone') !== undefined && unwrapParens(keywordValue(args, 'timezone')!).type === 'true';
  switch (name) {
    case 'String':
    case 'Unicode':
    case 'VARCHAR':
    case 'NVARCHAR': {
      const length = intArgument(arg(0, 'length'));
      return { type: length === undefined ? 'character varying' : `character varying(${length})` };
    }
    case 'CHAR':
    case 'NCHAR': {
      const length = intArgument(arg(0, 'length'));
      return { type: `character(${length ?? 1})` };
    }
    case 'Numeric':
    case 'NUMERIC':
    case 'DECIMAL': {
      const precision = intArgument(arg(0, 'precision'));
      const scale = intArgument(arg(1, 'scale'));
      if (precision === undefined) return { type: 'numeric' };
      return { type: scale === undefined ? `numeric(${precision})` : `numeric(${precision},${scale})` };
    }
    case 'DateTime':
    case 'TIMESTAMP':
      return { type: timezone ? 'timestamp with time zone' : 'timestamp without time zone' };
    case 'ARRAY': {
      const item = saType(arg(0, 'item_type'), text);
      return item.unknown || item.enum ? { type: `${item.type}[]`, unknown: true } : { type: `${item.type}[]` };
    }
    case 'Enum':
    case 'ENUM':
      return enumType(args, text);
    default: {
      const plain = PLAIN[name];
      if (plain === undefined) return { type: name, unknown: true };
      return INTEGERS.has(plain) ? { type: plain, integer: true } : { type: plain };
    }
  }
}

/** `sa.Enum("a", "b", name="mood")`, `postgresql.ENUM(..., name=, create_type=False)`. */
function enumType(args: ReturnType<typeof callArguments> | undefined, text: string): SaType {
  if (!args) return { type: '?', unknown: true };
  const name = literalName(keywordValue(args, 'name'), text);
  if (typeof name !== 'string') return { type: '?', unknown: true };
  const labels: string[] = [];
  let known = true;
  for (const node of args.positional) {
    const label = literalString(node, text);
    if (label === undefined) known = false;
    else labels.push(label);
  }
  const schemaNode = keywordValue(args, 'schema');
  const schema = schemaNode ? literalString(schemaNode, text) : undefined;
  const createType = keywordValue(args, 'create_type');
  const create = !(createType && unwrapParens(createType).type === 'false');
  const type = schema === undefined || schema === 'public' ? name : `${schema}.${name}`;
  return { type, ...(known ? {} : { unknown: true }), enum: { name, ...(schema ? { schema } : {}), labels, create: create && known } };
}
