// The `alembic/graph` request: the revision graph of every script location, for the client's sidebar.
import { graphToJson, type GraphJson } from '../core/graph/json';
import type { RevisionGraph } from '../core/graph/types';
import type { GraphLocation, GraphParams, GraphResult } from '../../../protocol';
import { allProjects } from './projects';
import type { ServerState } from './state';

// The client reads the graph through protocol/graph.ts, which it can import where the core is out of reach. The
// core's graphToJson must return exactly that type, less what only this answer adds, or this fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
/** Not in the core's JSON: `alembic-lint graph --format json` prints that to CI logs, and the URL may hold a password. */
type ServerOnly = Pick<GraphLocation, 'sqlalchemy_url'>;
const locationShapesAgree: Same<GraphJson['locations'][number] & ServerOnly, GraphLocation> = true;
const graphShapesAgree: Same<Omit<GraphJson, 'locations'>, Omit<GraphResult, 'locations'>> = true;
void locationShapesAgree;
void graphShapesAgree;

export function graphRequest(state: ServerState, _params: GraphParams | undefined): GraphResult {
  if (!state.ready) return { locations: [] };
  const seen = new Set<string>();
  // Nested workspace folders find the same location twice.
  const graphs = allProjects(state)
    .flatMap((project) => project.workspace.graphs())
    .filter((graph) => !seen.has(graph.location.path) && seen.add(graph.location.path));
  return graphResult(graphs);
}

/** The core's JSON with absolute paths, plus each location's sqlalchemy.url. */
export function graphResult(graphs: readonly RevisionGraph[]): GraphResult {
  const { locations } = graphToJson(graphs);
  return { locations: locations.map((location, i) => ({ ...location, sqlalchemy_url: graphs[i]?.location.sqlalchemyUrl ?? null })) };
}
