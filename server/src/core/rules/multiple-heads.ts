import { isOneOfHeads, listIds, problemsOf } from '../graph/problems';
import type { RuleDefinition } from './types';

export const multipleHeads: RuleDefinition = {
  meta: {
    id: 'multiple-heads',
    defaultSeverity: 'warning',
    summary: 'More than one head in a script location',
    fix: 'never',
    scope: 'graph',
  },
  check({ file, graph, report }) {
    const revision = file.revision;
    if (!graph || !revision || revision.unknown) return;
    const heads = problemsOf(graph, 'multiple-heads')[0]?.heads;
    const id = revision.ids[0];
    if (!heads || !id || !isOneOfHeads(graph, id.value) || graph.nodes.get(id.value)?.file !== file.path) return;
    report({
      message:
        `${heads.length.toLocaleString('en-US')} heads in this script location (${listIds(heads)}): \`alembic upgrade head\` will refuse to run. ` +
        'Create a merge revision: `alembic merge -m "merge heads" heads`',
      range: id.range,
    });
  },
};
