import * as path from 'node:path';
import { problemsOf } from '../graph/problems';
import type { RuleDefinition } from './types';

export const duplicateRevision: RuleDefinition = {
  meta: {
    id: 'duplicate-revision',
    defaultSeverity: 'error',
    summary: 'Two files with the same revision id',
    fix: 'never',
    scope: 'graph',
  },
  check({ file, graph, report }) {
    const revision = file.revision;
    if (!graph || !revision || revision.unknown) return;
    for (const id of revision.ids) {
      const files = problemsOf(graph, 'duplicate-revision').find((p) => p.id === id.value)?.files;
      if (!files?.includes(file.path)) continue;
      const others = files.filter((f) => f !== file.path).map((f) => path.basename(f));
      report({ message: `Revision id "${id.value}" is also declared in ${others.join(', ')}`, range: id.range });
    }
  },
};
