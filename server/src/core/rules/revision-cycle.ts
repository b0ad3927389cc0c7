import { problemsOf } from '../graph/problems';
import type { RuleDefinition } from './types';

export const revisionCycle: RuleDefinition = {
  meta: {
    id: 'revision-cycle',
    defaultSeverity: 'error',
    summary: 'A cycle in the revision graph',
    fix: 'never',
    scope: 'graph',
  },
  check({ file, graph, report }) {
    const revision = file.revision;
    if (!graph || !revision || revision.unknown) return;
    const id = revision.ids[0]?.value;
    if (id === undefined || graph.nodes.get(id)?.file !== file.path) return;
    for (const { cycle } of problemsOf(graph, 'revision-cycle')) {
      if (!cycle.includes(id)) continue;
      const range = file.downRevision?.valueRange ?? revision.valueRange;
      report({ message: `Revision cycle: ${[...cycle, cycle[0]].join(' -> ')}`, range });
    }
  },
};
