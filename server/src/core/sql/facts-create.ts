// CREATE statements -> 'create' facts, with where IF NOT EXISTS would go when PostgreSQL supports it.
import type { CreateStmt } from 'libpg-query';
import type { ObjectRef } from '../types';
import { afterKeywords, charAt, draft, type FactDraft, type Handlers, type StatementContext } from './draft';
import { defaultIndexName } from './index-name';
import { keywordOf, kindOf, onRelation, qualified, ref, relationRef } from './names';
import { asNode, strings } from './nodes';

function createTable(s: CreateStmt, ctx: StatementContext, statement: string): FactDraft[] {
  const columns: string[] = [];
  for (const e of s.tableElts ?? []) {
    const name = asNode(e, 'ColumnDef')?.colname;
    if (name !== undefined) columns.push(name);
  }
  return [
    draft(ctx, 'create', statement, relationRef('table', s.relation), {
      ifNotExists: !!s.if_not_exists,
      // IF NOT EXISTS goes right before the table name, in every CREATE TABLE form (TEMP, PARTITION OF, OF type).
      guardInsertAt: s.if_not_exists ? undefined : charAt(ctx, s.relation?.location),
      columns,
      temporary: s.relation?.relpersistence === 't' ? true : undefined,
    }),
  ];
}

/** One named object created by a statement with no IF NOT EXISTS form. */
function created(ctx: StatementContext, statement: string, object: ObjectRef | undefined, orReplace = false): FactDraft[] {
  return [draft(ctx, 'create', statement, object, { orReplace })];
}

export const createHandlers: Handlers = {
  CreateStmt: (s, ctx) => createTable(s, ctx, 'CREATE TABLE'),
  CreateForeignTableStmt: (s, ctx) => (s.base ? createTable(s.base, ctx, 'CREATE FOREIGN TABLE') : []),

  CreateTableAsStmt(s, ctx) {
    const matview = s.objtype === 'OBJECT_MATVIEW';
    const rel = s.into?.rel;
    const columns = strings(s.into?.colNames);
    return [
      draft(ctx, 'create', matview ? 'CREATE MATERIALIZED VIEW' : 'CREATE TABLE AS', relationRef(matview ? 'materialized view' : 'table', rel), {
        ifNotExists: !!s.if_not_exists,
        guardInsertAt: s.if_not_exists ? undefined : charAt(ctx, rel?.location),
        columns: columns.length > 0 ? columns : undefined,
        temporary: rel?.relpersistence === 't' ? true : undefined,
      }),
    ];
  },

  SelectStmt(s, ctx) {
    // SELECT ... INTO creates a table (and has no IF NOT EXISTS form).
    if (!s.intoClause) return [draft(ctx, 'other', 'SELECT')];
    return created(ctx, 'SELECT INTO', relationRef('table', s.intoClause.rel));
  },

  IndexStmt(s, ctx) {
    const name = s.idxname ?? defaultIndexName(s) ?? '';
    // An index without a written name cannot take IF NOT EXISTS: PostgreSQL requires the name with it.
    const guard = s.idxname !== undefined && !s.if_not_exists ? afterKeywords(ctx, ['CREATE', 'UNIQUE?', 'INDEX', 'CONCURRENTLY?']) : undefined;
    return [
      draft(ctx, 'create', 'CREATE INDEX', ref('index', name, s.relation?.schemaname, s.relation?.relname), {
        ifNotExists: !!s.if_not_exists,
        concurrently: !!s.concurrent,
        guardInsertAt: guard,
      }),
    ];
  },

  CreateSeqStmt: (s, ctx) => [
    draft(ctx, 'create', 'CREATE SEQUENCE', relationRef('sequence', s.sequence), {
      ifNotExists: !!s.if_not_exists,
      guardInsertAt: s.if_not_exists ? undefined : charAt(ctx, s.sequence?.location),
    }),
  ],

  CreateSchemaStmt(s, ctx) {
    // CREATE SCHEMA AUTHORIZATION joe creates schema joe. IF NOT EXISTS is refused with schema elements.
    const name = s.schemaname ?? s.authrole?.rolename;
    const guarded = !s.if_not_exists && !s.schemaElts?.length;
    return [
      draft(ctx, 'create', 'CREATE SCHEMA', name === undefined ? undefined : ref('schema', name), {
        ifNotExists: !!s.if_not_exists,
        guardInsertAt: guarded ? afterKeywords(ctx, ['CREATE', 'SCHEMA']) : undefined,
      }),
    ];
  },

  CreateExtensionStmt: (s, ctx) => [
    draft(ctx, 'create', 'CREATE EXTENSION', s.extname === undefined ? undefined : ref('extension', s.extname), {
      ifNotExists: !!s.if_not_exists,
      guardInsertAt: s.if_not_exists ? undefined : afterKeywords(ctx, ['CREATE', 'EXTENSION']),
    }),
  ],

  CreateStatsStmt(s, ctx) {
    const object = qualified('statistics', strings(s.defnames));
    // Unnamed statistics are named by PostgreSQL, and IF NOT EXISTS needs a name.
    const guarded = object !== undefined && !s.if_not_exists;
    return [
      draft(ctx, 'create', 'CREATE STATISTICS', object, {
        ifNotExists: !!s.if_not_exists,
        guardInsertAt: guarded ? afterKeywords(ctx, ['CREATE', 'STATISTICS']) : undefined,
      }),
    ];
  },

  ViewStmt: (s, ctx) => created(ctx, 'CREATE VIEW', relationRef('view', s.view), !!s.replace),
  CreateFunctionStmt: (s, ctx) =>
    s.is_procedure
      ? created(ctx, 'CREATE PROCEDURE', qualified('procedure', strings(s.funcname)), !!s.replace)
      : created(ctx, 'CREATE FUNCTION', qualified('function', strings(s.funcname)), !!s.replace),
  CreateTrigStmt: (s, ctx) => created(ctx, 'CREATE TRIGGER', onRelation('trigger', s.trigname, s.relation), !!s.replace),
  CreateEnumStmt: (s, ctx) => created(ctx, 'CREATE TYPE', qualified('type', strings(s.typeName))),
  CreateRangeStmt: (s, ctx) => created(ctx, 'CREATE TYPE', qualified('type', strings(s.typeName))),
  CompositeTypeStmt: (s, ctx) => created(ctx, 'CREATE TYPE', relationRef('type', s.typevar)),
  CreateDomainStmt: (s, ctx) => created(ctx, 'CREATE DOMAIN', qualified('type', strings(s.domainname))),
  CreatePolicyStmt: (s, ctx) => created(ctx, 'CREATE POLICY', onRelation('policy', s.policy_name, s.table)),
  RuleStmt: (s, ctx) => created(ctx, 'CREATE RULE', onRelation('rule', s.rulename, s.relation), !!s.replace),

  DefineStmt(s, ctx) {
    // CREATE TYPE name (shell or base type) is a type like the others; aggregates, operators, collations, ... are not tracked.
    if (s.kind === 'OBJECT_TYPE') return created(ctx, 'CREATE TYPE', qualified('type', strings(s.defnames)));
    const statement = `CREATE ${keywordOf(s.kind) ?? 'OBJECT'}`;
    return [draft(ctx, 'other', statement, qualified(kindOf(s.kind), strings(s.defnames)), { ifNotExists: !!s.if_not_exists, orReplace: !!s.replace })];
  },
};
