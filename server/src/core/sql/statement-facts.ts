// One parsed statement -> its facts.
import type { Node } from 'libpg-query';
import { draft, type FactDraft, type Handlers, type StatementContext } from './draft';
import { alterTableHandlers } from './facts-alter-table';
import { createHandlers } from './facts-create';
import { dropHandlers } from './facts-drop';
import { labelOf, otherHandlers } from './facts-other';
import { renameHandlers } from './facts-rename';
import { asNode, nodeTypeOf, type NodeType } from './nodes';

const HANDLERS: Handlers = { ...createHandlers, ...alterTableHandlers, ...dropHandlers, ...renameHandlers, ...otherHandlers };

export function statementFacts(stmt: Node, ctx: StatementContext): FactDraft[] {
  const type = nodeTypeOf(stmt) as NodeType;
  const handler = HANDLERS[type] as ((body: unknown, ctx: StatementContext) => FactDraft[]) | undefined;
  const body = asNode(stmt, type);
  let facts = handler && body ? handler(body, ctx) : [];
  // Every statement is recorded, even one we have nothing to say about.
  if (facts.length === 0) facts = [draft(ctx, 'other', labelOf(type))];
  if (facts.length > 1) for (const f of facts) f.partOfStatement = true;
  return facts;
}
