// The `alembic/graph` request: the revision graph of every script location, for the client's sidebar.
import { graphToJson } from '../core/graph/json';
import type { RevisionGraph, ScriptLocation } from '../core/graph/types';
import type { GraphIni, GraphParams, GraphResult } from '../../../protocol';
import { allProjects } from './workspace-folders';
import type { ServerState } from './state';

export function graphRequest(state: ServerState, _params: GraphParams | undefined): GraphResult {
  if (!state.ready) return { locations: [], inis: [] };
  const seen = new Set<string>();
  // Nested workspace folders find the same location twice.
  const projects = allProjects(state);
  const graphs = projects
    .flatMap((project) => project.workspace.graphs())
    .filter((graph) => !seen.has(graph.location.path) && seen.add(graph.location.path));
  return graphResult(graphs, projects.flatMap((project) => project.workspace.scriptLocations()));
}

/**
 * The core's JSON with absolute paths, plus the alembic.ini of every script location found, those without a
 * revision yet included (a project just made by `alembic init`: its database is still the ini's).
 */
export function graphResult(graphs: readonly RevisionGraph[], found: readonly ScriptLocation[]): GraphResult {
  const inis = new Map<string, GraphIni>();
  for (const location of found) {
    if (location.alembicIni === undefined || inis.has(location.alembicIni)) continue;
    inis.set(location.alembicIni, { path: location.alembicIni, sqlalchemy_url: location.sqlalchemyUrl ?? null });
  }
  return { locations: graphToJson(graphs).locations, inis: [...inis.values()] };
}
