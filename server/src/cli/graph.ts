// `alembic-lint graph`: the history of each script location, as text (like `alembic history`) or JSON.
import type { FileSystem } from '../core/fs';
import { formatHistory } from '../core/graph/history';
import { graphToJson } from '../core/graph/json';
import type { RevisionGraph } from '../core/graph/types';
import type { GraphCommand } from './args';
import { displayPath } from './report';
import { loadTargets, resolveTargets } from './targets';

function graphsOf(fs: FileSystem, command: GraphCommand, cwd: string): RevisionGraph[] {
  const { loaded } = loadTargets(fs, resolveTargets(fs, command.paths, cwd), {});
  const seen = new Set<string>();
  return loaded
    .flatMap(({ project }) => project.workspace.graphs())
    .filter((graph) => !seen.has(graph.location.path) && seen.add(graph.location.path));
}

export function runGraph(fs: FileSystem, command: GraphCommand, cwd: string): string {
  const graphs = graphsOf(fs, command, cwd);
  if (command.format === 'json') return `${JSON.stringify(graphToJson(graphs, cwd), null, 2)}\n`;
  return graphs
    .map((graph) => {
      const history = formatHistory(graph);
      return `${displayPath(graph.location.path, cwd)}\n${history === '' ? '(no revisions)' : history}\n`;
    })
    .join('\n');
}
