// DROP statements -> one 'drop' fact per object, with where IF EXISTS would go when it is missing.
import type { ObjectKind } from '../types';
import { afterKeywords, draft, type FactDraft, type Handlers, type StatementContext } from './draft';
import { keywordOf, objectRef, ref } from './names';
import { asNode } from './nodes';

/** Drops of objects outside the schema (roles, databases, ...): each its own node type, all with IF EXISTS. */
function dropNamed(ctx: StatementContext, keyword: string, spelled: string, names: readonly (string | undefined)[], missingOk: boolean | undefined, kind: ObjectKind = 'other'): FactDraft[] {
  const guard = missingOk ? undefined : afterKeywords(ctx, ['DROP', spelled]);
  return names.map((name) =>
    draft(ctx, 'drop', `DROP ${keyword}`, name === undefined ? undefined : ref(kind, name), { ifExists: !!missingOk, guardInsertAt: guard }),
  );
}

export const dropHandlers: Handlers = {
  DropStmt(s, ctx) {
    const keyword = keywordOf(s.removeType);
    // DROP <type words> [CONCURRENTLY] IF EXISTS names: every DropStmt form takes IF EXISTS right before the first name.
    const words = ['DROP', ...(s.removeType === 'OBJECT_LANGUAGE' ? ['PROCEDURAL?'] : []), ...(keyword?.split(' ') ?? []), 'CONCURRENTLY?'];
    const guard = s.missing_ok || keyword === undefined ? undefined : afterKeywords(ctx, words);
    const statement = `DROP ${keyword ?? 'OBJECT'}`;
    return (s.objects ?? []).map((o) =>
      draft(ctx, 'drop', statement, objectRef(s.removeType, o), { ifExists: !!s.missing_ok, concurrently: !!s.concurrent, guardInsertAt: guard }),
    );
  },
  DropRoleStmt: (s, ctx) => dropNamed(ctx, 'ROLE', 'ROLE|USER|GROUP', (s.roles ?? []).map((r) => asNode(r, 'RoleSpec')?.rolename), s.missing_ok),
  DropdbStmt: (s, ctx) => dropNamed(ctx, 'DATABASE', 'DATABASE', [s.dbname], s.missing_ok),
  DropTableSpaceStmt: (s, ctx) => dropNamed(ctx, 'TABLESPACE', 'TABLESPACE', [s.tablespacename], s.missing_ok),
  DropSubscriptionStmt: (s, ctx) => dropNamed(ctx, 'SUBSCRIPTION', 'SUBSCRIPTION', [s.subname], s.missing_ok),
};
