import * as path from 'node:path';
import { filesDeclaring, listIds, MAX_LISTED_IDS } from '../graph/problems';
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
      const files = filesDeclaring(graph, id.value);
      if (!files?.has(file.path)) continue;
      // Only the files the message names: thousands of files may declare the same id.
      const others: string[] = [];
      for (const f of files) {
        if (others.length === MAX_LISTED_IDS) break;
        if (f !== file.path) others.push(path.basename(f));
      }
      report({ message: `Revision id "${id.value}" is also declared in ${listIds(others, files.size - 1)}`, range: id.range });
    }
  },
};
