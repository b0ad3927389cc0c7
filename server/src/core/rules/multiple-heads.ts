import type { Rule } from './types';

export const multipleHeads: Rule = {
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
