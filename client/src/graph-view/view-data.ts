// What the Graph view is sent and what it points at, from the projects the Ctx holds: one section per script
// location, coloured by the connected database (revisionStates, as the Migrations tree); and the way back from a
// revision to its file, from a file to its revision. Pure.
import type { GraphLocation } from '../../../common/graph-json';
import { projectSummary, revisionStates } from '../views/migrations-tree-model';
import type { GraphViewLocation, RevisionRef } from './messages';

export interface ProjectGraph {
  name: string;
  locations: readonly GraphLocation[];
  /** The database's current revisions when connected. */
  current: readonly string[] | undefined;
}

export function graphViewLocations(projects: readonly ProjectGraph[], relative: (path: string) => string): GraphViewLocation[] {
  return projects.flatMap((project) =>
    project.locations.map((location) => {
      const title = project.locations.length > 1 ? `${project.name} · ${lastSegment(location.path)}` : project.name;
      return {
        title,
        subtitle: `${relative(location.path)} · ${standing(location, project.current)}`,
        location,
        states: project.current ? [...revisionStates(location, project.current)] : null,
      };
    }),
  );
}

function standing(location: GraphLocation, current: readonly string[] | undefined): string {
  const count = `${location.revisions.length} ${location.revisions.length === 1 ? 'revision' : 'revisions'}`;
  if (!current) return `${count} · no database connected`;
  const pending = projectSummary([location], current).pending.length;
  const at = current.length === 0 ? 'empty database' : `database at ${current.join(', ')}`;
  return `${count} · ${at} · ${pending === 0 ? 'up to date' : `${pending} pending`}`;
}

function lastSegment(path: string): string {
  return path.split(/[\\/]/).filter((part) => part !== '').pop() ?? path;
}

/**
 * The file a click opens: the revision's own, or for a ghost (an id no file declares) the first revision that names
 * it as its down_revision, where the broken link can be fixed.
 */
export function fileToOpen(locations: readonly GraphLocation[], target: RevisionRef, ghost: boolean): string | undefined {
  const location = locations.find((l) => l.path === target.location);
  if (!location) return undefined;
  const revision = ghost
    ? location.revisions.find((r) => r.down_revisions.includes(target.revision))
    : location.revisions.find((r) => r.revision === target.revision);
  return revision?.file;
}

/** The revision a file declares, as the server's graph knows it. */
export function revisionOfFile(locations: readonly GraphLocation[], file: string): RevisionRef | undefined {
  for (const location of locations) {
    const revision = location.revisions.find((r) => r.file === file);
    if (revision) return { location: location.path, revision: revision.revision };
  }
  return undefined;
}
