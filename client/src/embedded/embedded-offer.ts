// Which project the embedded database is offered for, once per workspace. Alembic runs a script location through its
// env.py: without one (a versions folder copied for review, a half-set-up project) there is nothing to run against
// a database, and the offer would start one for nothing.
import * as path from 'node:path';

export interface OfferCandidate {
  locations: readonly { path: string }[];
}

/** A script location Alembic can run: it holds env.py. */
export function canRunMigrations(project: OfferCandidate, exists: (file: string) => boolean): boolean {
  return project.locations.some((location) => exists(path.join(location.path, 'env.py')));
}

/** The first project without any database configured that can run migrations; undefined: no offer. */
export function projectToOffer<P extends OfferCandidate>(projects: readonly P[], unconfigured: (project: P) => boolean, exists: (file: string) => boolean): P | undefined {
  return projects.find((project) => unconfigured(project) && canRunMigrations(project, exists));
}
