// `alembic-lint graph`: the history of each script location, as text (like `alembic history`) or JSON.
import type { FileSystem } from '../core/fs';
import { formatHistory } from '../core/graph/history';
import { graphToJson } from '../core/graph/json';
import type { RevisionGraph } from '../core/graph/types';
import type { GraphCommand } from './args';
import type { ProjectNotice } from '../core/types';
import { dedupeNotices, displayPath } from './report';
import { loadTargets, resolveTargets } from './targets';

function graphsOf(fs: FileSystem, command: GraphCommand, cwd: string): { graphs: RevisionGraph[]; notices: ProjectNotice[] } {
  const { loaded } = loadTargets(fs, resolveTargets(fs, command.paths, cwd), {});
  const seen = new Set<string>();
  const graphs = loaded
    .flatMap(({ project }) => project.workspace.graphs())
    .filter((graph) => !seen.has(graph.location.path) && seen.add(graph.location.path));
  return { graphs, notices: dedupeNotices(loaded.flatMap(({ project }) => project.workspace.notices())) };
}

/** The history to print, and what the scan did not read or would fail on (printed on stderr). */
export function runGraph(fs: FileSystem, command: GraphCommand, cwd: string): { output: string; notices: ProjectNotice[] } {
  const { graphs, notices } = graphsOf(fs, command, cwd);
  if (command.format === 'json') return { output: `${JSON.stringify(graphToJson(graphs, cwd), null, 2)}\n`, notices };
  const output = graphs
    .map((graph) => {
      const history = formatHistory(graph);
      return `${displayPath(graph.location.path, cwd)}\n${history === '' ? '(no revisions)' : history}\n`;
    })
    .join('\n');
  return { output, notices };
}
