// ALTER ... RENAME [COLUMN | CONSTRAINT] ... TO -> a 'rename' fact with the new name.
import type { ObjectType, RenameStmt } from 'libpg-query';
import type { ObjectRef } from '../types';
import { draft, type Handlers } from './draft';
import { keywordOf, kindOf, objectRef, onRelation, ref, relationRef } from './names';

/** Renames of something that lives on a relation and is named by `subname`. */
const ON_RELATION = new Set<ObjectType>(['OBJECT_COLUMN', 'OBJECT_ATTRIBUTE', 'OBJECT_TABCONSTRAINT', 'OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE']);

function renamed(s: RenameStmt): ObjectRef | undefined {
  const kind = kindOf(s.renameType);
  if (s.renameType && ON_RELATION.has(s.renameType)) return onRelation(kind, s.subname, s.relation);
  // The object is the domain; the constraint is subname.
  if (s.renameType === 'OBJECT_DOMCONSTRAINT') return s.subname === undefined ? undefined : ref('constraint', s.subname);
  if (s.relation) return relationRef(kind, s.relation);
  if (s.object) return objectRef(s.renameType, s.object);
  // Schemas, databases, roles, ...: named by subname alone.
  return s.subname === undefined ? undefined : ref(kind, s.subname);
}

function label(s: RenameStmt): string {
  switch (s.renameType) {
    case 'OBJECT_COLUMN':
      return `ALTER ${keywordOf(s.relationType) ?? 'TABLE'} ... RENAME COLUMN`;
    case 'OBJECT_ATTRIBUTE':
      return 'ALTER TYPE ... RENAME ATTRIBUTE';
    case 'OBJECT_TABCONSTRAINT':
      return 'ALTER TABLE ... RENAME CONSTRAINT';
    case 'OBJECT_DOMCONSTRAINT':
      return 'ALTER DOMAIN ... RENAME CONSTRAINT';
    default:
      return `ALTER ${keywordOf(s.renameType) ?? 'OBJECT'} ... RENAME`;
  }
}

export const renameHandlers: Handlers = {
  RenameStmt: (s, ctx) => [draft(ctx, 'rename', label(s), renamed(s), { newName: s.newname, ifExists: !!s.missing_ok })],
};
