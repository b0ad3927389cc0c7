import { problemsOf } from '../graph/problems';
import { closestId } from '../graph/suggest';
import type { RevisionGraph } from '../graph/types';
import type { MigrationFile } from '../types';
import type { RuleDefinition } from './types';

export const unknownDownRevision: RuleDefinition = {
  meta: {
    id: 'unknown-down-revision',
    defaultSeverity: 'error',
    summary: '`down_revision` / `depends_on` naming a revision that does not exist in the script location',
    // Only when a revision id is close enough to the one written ("did you mean").
    fix: 'sometimes',
    scope: 'graph',
  },
  check({ file, graph, report }) {
    if (!graph) return;
    for (const { reference: ref } of problemsOf(graph, 'unknown-down-revision')) {
      if (ref.file !== file.path) continue;
      // The graph may predate the latest edit of this file (it is rebuilt only when ids change): take the range from the file.
      const assignment = ref.field === 'down_revision' ? file.downRevision : file.dependsOn;
      const range = assignment?.ids.find((s) => s.value === ref.id)?.range ?? ref.range;
      const suggestion = closestId(ref.id, candidateParents(file, graph));
      report({
        message:
          `${ref.field} names revision "${ref.id}", which does not exist in ${graph.location.path}` +
          (suggestion ? ` (did you mean "${suggestion}"?)` : ''),
        range,
        fixes: suggestion ? [{ title: `Change to "${suggestion}"`, edits: [{ range: inner(range), newText: suggestion }] }] : [],
      });
    }
  },
};

/** The literal's range includes its quotes; the fix replaces what is between them. */
function inner(range: { start: number; end: number }): { start: number; end: number } {
  return { start: range.start + 1, end: range.end - 1 };
}

/** Revisions the file may name as parent: not itself nor its descendants, which would make a cycle. */
function candidateParents(file: MigrationFile, graph: RevisionGraph): string[] {
  const own = file.revision?.ids[0]?.value;
  const excluded = new Set<string>();
  const queue = own === undefined ? [] : [own];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (excluded.has(id)) continue;
    excluded.add(id);
    queue.push(...(graph.nodes.get(id)?.children ?? []));
  }
  return [...graph.nodes.keys()].filter((id) => !excluded.has(id));
}
