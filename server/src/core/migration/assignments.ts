// Module-level `revision = ...`, `down_revision = ...`, `branch_labels = ...`, `depends_on = ...`.
import { nodeRange, unwrapped, type Node } from '../python/syntax-tree';
import type { RevisionAssignment } from '../types';
import { plainString } from './literals';

/** Python variable -> MigrationFile field. */
export const REVISION_VARIABLES: Readonly<Record<string, 'revision' | 'downRevision' | 'branchLabels' | 'dependsOn'>> = {
  revision: 'revision',
  down_revision: 'downRevision',
  branch_labels: 'branchLabels',
  depends_on: 'dependsOn',
};

/** One assignment statement; `value` is its right-hand side (annotated or not). */
export function revisionAssignment(statement: Node, value: Node, text: string): RevisionAssignment {
  const result: RevisionAssignment = { range: nodeRange(statement), valueRange: nodeRange(value), ids: [], unknown: false, isSequence: false };
  const { node: inner, type } = unwrapped(value);
  switch (type) {
    case 'none':
      break;
    case 'tuple':
    case 'list':
    case 'set':
      result.isSequence = true;
      for (const element of inner.namedChildren) {
        if (element.type === 'comment') continue;
        const literal = unwrapped(element);
        const field = plainString(literal.node, text, literal.type);
        if (field) result.ids.push(field);
        else result.unknown = true;
      }
      break;
    default: {
      const field = plainString(inner, text, type);
      if (field) result.ids.push(field);
      else result.unknown = true;
    }
  }
  return result;
}
