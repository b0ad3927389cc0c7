// ALTER TABLE (and ALTER INDEX / VIEW / SEQUENCE ..., which share its parse node): one fact per sub-command.
import type { AlterTableCmd, AlterTableType, ObjectType, RangeVar } from 'libpg-query';
import type { ObjectRef, Range } from '../types';
import { commandRanges } from './commands';
import { afterKeywords, charAt, draft, type FactDraft, type Handlers, type StatementContext } from './draft';
import { keywordOf, kindOf, onRelation, relationRef } from './names';
import { asNode } from './nodes';

/** Sub-commands that change one column (and name it in `cmd.name`). */
const COLUMN_COMMANDS = new Set<AlterTableType>([
  'AT_AlterColumnType', 'AT_ColumnDefault', 'AT_CookedColumnDefault', 'AT_DropNotNull', 'AT_SetNotNull', 'AT_SetExpression',
  'AT_DropExpression', 'AT_SetStatistics', 'AT_SetOptions', 'AT_ResetOptions', 'AT_SetStorage', 'AT_SetCompression',
  'AT_AlterColumnGenericOptions', 'AT_AddIdentity', 'AT_SetIdentity', 'AT_DropIdentity',
]);

/** Labels the sub-command's name does not spell well ('AT_DropColumn' -> 'DROP COLUMN' needs none). */
const COMMAND_LABELS: Partial<Record<AlterTableType, string>> = {
  AT_ChangeOwner: 'OWNER TO', AT_SetTableSpace: 'SET TABLESPACE', AT_SetRelOptions: 'SET', AT_ResetRelOptions: 'RESET',
  AT_EnableTrig: 'ENABLE TRIGGER', AT_EnableAlwaysTrig: 'ENABLE ALWAYS TRIGGER', AT_EnableReplicaTrig: 'ENABLE REPLICA TRIGGER',
  AT_DisableTrig: 'DISABLE TRIGGER', AT_EnableTrigAll: 'ENABLE TRIGGER ALL', AT_DisableTrigAll: 'DISABLE TRIGGER ALL',
  AT_EnableTrigUser: 'ENABLE TRIGGER USER', AT_DisableTrigUser: 'DISABLE TRIGGER USER', AT_AddInherit: 'INHERIT',
  AT_DropInherit: 'NO INHERIT', AT_AddOf: 'OF', AT_DropOf: 'NOT OF', AT_SetUnLogged: 'SET UNLOGGED', AT_ClusterOn: 'CLUSTER ON',
  AT_DropCluster: 'SET WITHOUT CLUSTER', AT_DropOids: 'SET WITHOUT OIDS', AT_EnableRowSecurity: 'ENABLE ROW LEVEL SECURITY',
  AT_DisableRowSecurity: 'DISABLE ROW LEVEL SECURITY', AT_ForceRowSecurity: 'FORCE ROW LEVEL SECURITY',
  AT_NoForceRowSecurity: 'NO FORCE ROW LEVEL SECURITY', AT_GenericOptions: 'OPTIONS', AT_DetachPartitionFinalize: 'DETACH PARTITION',
};

function commandLabel(subtype: AlterTableType): string {
  if (COLUMN_COMMANDS.has(subtype)) return 'ALTER COLUMN';
  return COMMAND_LABELS[subtype] ?? subtype.replace(/^AT_/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

interface Target {
  ctx: StatementContext;
  /** 'ALTER TABLE', 'ALTER INDEX', ... */
  prefix: string;
  relation: RangeVar | undefined;
  /** The relation itself, as the kind of object the statement alters. */
  object: ObjectRef | undefined;
  /** ADD/DROP COLUMN apply to tables; ALTER TYPE ... ADD ATTRIBUTE shares the node but not the guards. */
  isTable: boolean;
  isType: boolean;
}

function commandFacts(t: Target, cmd: AlterTableCmd, range: Range | undefined): FactDraft[] {
  const { ctx, prefix, relation } = t;
  const subtype = cmd.subtype ?? 'AT_AddColumn';
  const command = commandLabel(subtype);
  // Composite types have attributes where tables have columns.
  const label = `${prefix} ... ${t.isType ? command.replace('COLUMN', 'ATTRIBUTE') : command}`;
  const sqlRange = range ?? ctx.range;
  const dropGuard = (words: string[]) => (!cmd.missing_ok && range ? afterKeywords(ctx, words, range.start) : undefined);
  switch (subtype) {
    case 'AT_AddColumn': {
      const column = asNode(cmd.def, 'ColumnDef');
      if (!t.isTable || column?.colname === undefined) break;
      return [
        draft(ctx, 'create', label, onRelation('column', column.colname, relation), {
          sqlRange,
          ifNotExists: !!cmd.missing_ok,
          // ADD [COLUMN] IF NOT EXISTS name: the guard goes right before the column name.
          guardInsertAt: cmd.missing_ok ? undefined : charAt(ctx, column.location),
        }),
      ];
    }
    case 'AT_DropColumn':
      if (!t.isTable || cmd.name === undefined) break;
      return [draft(ctx, 'drop', label, onRelation('column', cmd.name, relation), { sqlRange, ifExists: !!cmd.missing_ok, guardInsertAt: dropGuard(['DROP', 'COLUMN?']) })];
    case 'AT_AddConstraint': {
      const name = asNode(cmd.def, 'Constraint')?.conname;
      // PostgreSQL names an unnamed constraint itself; we cannot know that name, so only the table changes.
      if (name === undefined) break;
      return [draft(ctx, 'create', label, onRelation('constraint', name, relation), { sqlRange })];
    }
    case 'AT_DropConstraint':
      if (cmd.name === undefined) break;
      return [draft(ctx, 'drop', label, onRelation('constraint', cmd.name, relation), { sqlRange, ifExists: !!cmd.missing_ok, guardInsertAt: dropGuard(['DROP', 'CONSTRAINT']) })];
    case 'AT_ValidateConstraint':
    case 'AT_AlterConstraint': {
      const name = cmd.name ?? asNode(cmd.def, 'ATAlterConstraint')?.conname ?? asNode(cmd.def, 'Constraint')?.conname;
      if (name === undefined) break;
      return [draft(ctx, 'alter', label, onRelation('constraint', name, relation), { sqlRange })];
    }
    case 'AT_DetachPartition':
      // DETACH PARTITION ... CONCURRENTLY cannot run inside a transaction block.
      return [draft(ctx, 'alter', label, t.object, { sqlRange, concurrently: !!asNode(cmd.def, 'PartitionCmd')?.concurrent })];
    default:
      if (COLUMN_COMMANDS.has(subtype) && cmd.name !== undefined) {
        return [draft(ctx, 'alter', label, onRelation('column', cmd.name, relation), { sqlRange, ...(subtype === 'AT_AlterColumnType' ? { changesType: true } : {}) })];
      }
  }
  return [draft(ctx, 'alter', label, t.object, { sqlRange })];
}

const TABLE_TYPES = new Set<ObjectType>(['OBJECT_TABLE', 'OBJECT_FOREIGN_TABLE']);

export const alterTableHandlers: Handlers = {
  AlterTableStmt(s, ctx) {
    const objtype = s.objtype ?? 'OBJECT_TABLE';
    const target: Target = {
      ctx,
      prefix: `ALTER ${keywordOf(objtype) ?? 'TABLE'}`,
      relation: s.relation,
      object: relationRef(kindOf(objtype), s.relation),
      isTable: TABLE_TYPES.has(objtype),
      isType: objtype === 'OBJECT_TYPE',
    };
    const cmds: AlterTableCmd[] = [];
    for (const c of s.cmds ?? []) {
      const cmd = asNode(c, 'AlterTableCmd');
      if (cmd) cmds.push(cmd);
    }
    const ranges = commandRanges(ctx, s.relation, cmds.length);
    return cmds.flatMap((cmd, i) => commandFacts(target, cmd, ranges?.[i]));
  },
};
