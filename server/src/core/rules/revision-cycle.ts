import { cyclePath, cyclesThrough } from '../graph/problems';
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
    for (const cycle of cyclesThrough(graph, id)) {
      const range = file.downRevision?.valueRange ?? revision.valueRange;
      report({ message: `Revision cycle: ${cyclePath(cycle)}`, range });
    }
  },
};
