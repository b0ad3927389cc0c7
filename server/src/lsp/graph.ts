// The `alembic/graph` request: the revision graph of every script location, for the client's sidebar.
import { graphToJson, type GraphJson } from '../core/graph/json';
import type { GraphParams, GraphResult } from '../protocol';
import { allProjects } from './workspace-folders';
import type { ServerState } from './state';

// The protocol module restates the core's JSON for the client; these fail to compile when the two drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const graphShapesAgree: Same<GraphJson, GraphResult> = true;
void graphShapesAgree;

export function graphRequest(state: ServerState, _params: GraphParams | undefined): GraphResult {
  if (!state.ready) return { locations: [] };
  const seen = new Set<string>();
  // Nested workspace folders find the same location twice.
  const graphs = allProjects(state)
    .flatMap((project) => project.workspace.graphs())
    .filter((graph) => !seen.has(graph.location.path) && seen.add(graph.location.path));
  return graphToJson(graphs);
}
