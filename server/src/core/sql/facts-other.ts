// Statements that alter an object without creating or dropping it, and everything else (DML, SET, DO,
// GRANT, ...): one fact each, naming the object when the statement names one.
import type { DefElem, Node, RangeVar } from 'libpg-query';
import { afterKeywords, draft, type FactDraft, type Handlers, type StatementContext } from './draft';
import { keywordOf, kindOf, objectRef, onRelation, qualified, ref, relationRef } from './names';
import { asNode, strings } from './nodes';
import { skipName } from './trivia';

const LABELS: Record<string, string> = {
  InsertStmt: 'INSERT', UpdateStmt: 'UPDATE', DeleteStmt: 'DELETE', MergeStmt: 'MERGE', DoStmt: 'DO', VariableShowStmt: 'SHOW',
  TruncateStmt: 'TRUNCATE', CopyStmt: 'COPY', LockStmt: 'LOCK', ReindexStmt: 'REINDEX', VacuumStmt: 'VACUUM',
  RefreshMatViewStmt: 'REFRESH MATERIALIZED VIEW', ClusterStmt: 'CLUSTER', ExplainStmt: 'EXPLAIN', CallStmt: 'CALL',
  NotifyStmt: 'NOTIFY', GrantRoleStmt: 'GRANT', CreatedbStmt: 'CREATE DATABASE', CheckPointStmt: 'CHECKPOINT',
  AlterSeqStmt: 'ALTER SEQUENCE', AlterDomainStmt: 'ALTER DOMAIN', AlterExtensionStmt: 'ALTER EXTENSION',
  AlterStatsStmt: 'ALTER STATISTICS', AlterPolicyStmt: 'ALTER POLICY', ConstraintsSetStmt: 'SET CONSTRAINTS',
  VariableSetStmt: 'SET',
};

/** 'CreateCastStmt' -> 'CREATE CAST', unless the table above spells it better. */
export function labelOf(nodeType: string): string {
  return LABELS[nodeType] ?? nodeType.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

function other(ctx: StatementContext, nodeType: string, table: RangeVar | undefined): FactDraft[] {
  return [draft(ctx, 'other', labelOf(nodeType), relationRef('table', table))];
}

/** One fact per relation in a list of RangeVar nodes (TRUNCATE a, b). */
function perRelation(ctx: StatementContext, nodeType: string, relations: readonly Node[] | undefined): FactDraft[] {
  return (relations ?? []).flatMap((n) => other(ctx, nodeType, asNode(n, 'RangeVar')));
}

/** A DefElem option switched on: present without a value, or with a value that is not false/off/0. */
function optionOn(options: readonly Node[] | undefined, name: string): boolean {
  for (const n of options ?? []) {
    const opt: DefElem | undefined = asNode(n, 'DefElem');
    if (opt?.defname !== name) continue;
    if (!opt.arg) return true;
    const b = asNode(opt.arg, 'Boolean');
    if (b) return !!b.boolval;
    const s = asNode(opt.arg, 'String')?.sval?.toLowerCase();
    const i = asNode(opt.arg, 'Integer');
    return !(s === 'false' || s === 'off' || s === '0' || (i && !i.ival));
  }
  return false;
}

export const otherHandlers: Handlers = {
  AlterEnumStmt(s, ctx) {
    const type = qualified('type', strings(s.typeName));
    if (s.oldVal !== undefined) return [draft(ctx, 'alter', 'ALTER TYPE ... RENAME VALUE', type)];
    // ALTER TYPE name ADD VALUE IF NOT EXISTS 'v': the guard follows ADD VALUE, after a name that may be quoted.
    const afterType = s.skipIfNewValExists ? undefined : afterKeywords(ctx, ['ALTER', 'TYPE']);
    const afterName = afterType === undefined ? undefined : skipName(ctx.text, afterType, ctx.range.end);
    const guard = afterName === undefined ? undefined : afterKeywords(ctx, ['ADD', 'VALUE'], afterName);
    return [draft(ctx, 'alter', 'ALTER TYPE ... ADD VALUE', type, { ifNotExists: !!s.skipIfNewValExists, guardInsertAt: guard })];
  },
  CommentStmt: (s, ctx) => [draft(ctx, 'alter', `COMMENT ON ${keywordOf(s.objtype) ?? 'OBJECT'}`, objectRef(s.objtype, s.object))],
  AlterObjectSchemaStmt: (s, ctx) => [
    draft(ctx, 'alter', `ALTER ${keywordOf(s.objectType) ?? 'OBJECT'} ... SET SCHEMA`, s.relation ? relationRef(kindOf(s.objectType), s.relation) : objectRef(s.objectType, s.object), {
      ifExists: !!s.missing_ok,
    }),
  ],
  AlterOwnerStmt: (s, ctx) => [
    draft(ctx, 'alter', `ALTER ${keywordOf(s.objectType) ?? 'OBJECT'} ... OWNER TO`, s.relation ? relationRef(kindOf(s.objectType), s.relation) : objectRef(s.objectType, s.object)),
  ],
  AlterSeqStmt: (s, ctx) => [draft(ctx, 'alter', labelOf('AlterSeqStmt'), relationRef('sequence', s.sequence), { ifExists: !!s.missing_ok })],
  AlterDomainStmt: (s, ctx) => [draft(ctx, 'alter', labelOf('AlterDomainStmt'), qualified('type', strings(s.typeName)))],
  AlterFunctionStmt: (s, ctx) => [draft(ctx, 'alter', `ALTER ${keywordOf(s.objtype) ?? 'FUNCTION'}`, qualified(kindOf(s.objtype), strings(s.func?.objname)))],
  AlterExtensionStmt: (s, ctx) => [draft(ctx, 'alter', labelOf('AlterExtensionStmt'), s.extname === undefined ? undefined : ref('extension', s.extname))],
  AlterStatsStmt: (s, ctx) => [draft(ctx, 'alter', labelOf('AlterStatsStmt'), qualified('statistics', strings(s.defnames)), { ifExists: !!s.missing_ok })],
  AlterPolicyStmt: (s, ctx) => [draft(ctx, 'alter', labelOf('AlterPolicyStmt'), onRelation('policy', s.policy_name, s.table))],

  InsertStmt: (s, ctx) => other(ctx, 'InsertStmt', s.relation),
  UpdateStmt: (s, ctx) => other(ctx, 'UpdateStmt', s.relation),
  DeleteStmt: (s, ctx) => other(ctx, 'DeleteStmt', s.relation),
  MergeStmt: (s, ctx) => other(ctx, 'MergeStmt', s.relation),
  CopyStmt: (s, ctx) => other(ctx, 'CopyStmt', s.relation),
  TruncateStmt: (s, ctx) => perRelation(ctx, 'TruncateStmt', s.relations),
  LockStmt: (s, ctx) => perRelation(ctx, 'LockStmt', s.relations),
  // REFRESH ... CONCURRENTLY runs fine inside a transaction: `concurrently` is only for what a transaction refuses.
  RefreshMatViewStmt: (s, ctx) => [draft(ctx, 'other', labelOf('RefreshMatViewStmt'), relationRef('materialized view', s.relation))],

  ReindexStmt(s, ctx) {
    const object =
      s.kind === 'REINDEX_OBJECT_INDEX'
        ? relationRef('index', s.relation)
        : s.kind === 'REINDEX_OBJECT_TABLE'
          ? relationRef('table', s.relation)
          : s.kind === 'REINDEX_OBJECT_SCHEMA' && s.name !== undefined
            ? ref('schema', s.name)
            : undefined;
    return [draft(ctx, 'other', 'REINDEX', object, { concurrently: optionOn(s.params, 'concurrently') })];
  },
  GrantStmt: (s, ctx) => [draft(ctx, 'other', s.is_grant ? 'GRANT' : 'REVOKE')],
  VariableSetStmt: (s, ctx) => [draft(ctx, 'other', s.kind === 'VAR_RESET' || s.kind === 'VAR_RESET_ALL' ? 'RESET' : 'SET')],
  TransactionStmt: (s, ctx) => [draft(ctx, 'other', (s.kind ?? 'TRANS_STMT_BEGIN').replace(/^TRANS_STMT_/, '').replace(/_/g, ' '))],
};
