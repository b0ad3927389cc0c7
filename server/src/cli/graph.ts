// `alembic-lint graph`: the history of each script location, as text (like `alembic history`) or JSON.
import type { FileSystem } from '../core/fs';
import { formatHistory } from '../core/graph/history';
import { graphToJson } from '../core/graph/json';
import type { RevisionGraph } from '../core/graph/types';
import type { GraphCommand } from './args';
import type { ProjectNotice } from '../core/types';
import type { ParseAheadOptions } from '../host/parse/parse-pool';
import { dedupeNotices, displayPath } from './report';
import { loadTargets, resolveTargets } from './targets';

async function graphsOf(fs: FileSystem, command: GraphCommand, cwd: string, parsing: ParseAheadOptions): Promise<{ graphs: RevisionGraph[]; notices: ProjectNotice[] }> {
  const { loaded } = await loadTargets(fs, resolveTargets(fs, command.paths, cwd), {}, parsing);
  const seen = new Set<string>();
  const graphs = loaded
    .flatMap(({ project }) => project.workspace.graphs())
    .filter((graph) => !seen.has(graph.location.path) && seen.add(graph.location.path));
  return { graphs, notices: dedupeNotices(loaded.flatMap(({ project }) => project.workspace.notices())) };
}

/** The history to print, and what the scan did not read or would fail on (printed on stderr). */
export async function runGraph(fs: FileSystem, command: GraphCommand, cwd: string, parsing: ParseAheadOptions = {}): Promise<{ output: string; notices: ProjectNotice[] }> {
  const { graphs, notices } = await graphsOf(fs, command, cwd, parsing);
  if (command.format === 'json') return { output: `${JSON.stringify(graphToJson(graphs, cwd), null, 2)}\n`, notices };
  const output = graphs
    .map((graph) => {
      const history = formatHistory(graph);
      return `${displayPath(graph.location.path, cwd)}\n${history === '' ? '(no revisions)' : history}\n`;
    })
    .join('\n');
  return { output, notices };
}
