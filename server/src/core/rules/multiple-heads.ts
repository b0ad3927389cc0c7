import type { RuleDefinition } from './types';

export const multipleHeads: RuleDefinition = {
  meta: {
    id: 'multiple-heads',
    defaultSeverity: 'warning',
    summary: 'More than one head in a script location',
    fixable: false,
    scope: 'graph',
  },
  check({ file, graph, report }) {
    const revision = file.revision;
    if (!graph || graph.heads.length < 2 || !revision || revision.unknown) return;
    // A down_revision we cannot read (a name, a call) hides an edge: its parent would look like a head.
    for (const node of graph.nodes.values()) if (node.unknownParents) return;
    const id = revision.ids[0];
    if (!id || !graph.heads.includes(id.value) || graph.nodes.get(id.value)?.file !== file.path) return;
    report({
      message:
        `${graph.heads.length} heads in this script location (${graph.heads.join(', ')}): \`alembic upgrade head\` will refuse to run. ` +
        'Create a merge revision: `alembic merge -m "merge heads" heads`',
      range: id.range,
    });
  },
};
