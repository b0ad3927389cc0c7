// What Verify Migrations asks: with a database connected at one revision and migrations pending, the pending ones
// (the CLI upgrades to the database's revision unverified, then verifies what comes after) or the whole history.
// Otherwise there is nothing to choose: the whole history (an empty database has everything pending anyway; a
// database at several heads has no single revision to start from). Pure.
import type { GraphLocation } from '../../../common/graph-json';
import { projectSummary } from '../views/migrations-tree-model';
import type { VerifyScope } from './verify-invocation';

export interface ScopeChoice {
  label: string;
  description: string;
  scope: VerifyScope;
}

/** The quick pick's entries, or undefined when the whole history is the only sensible answer. */
export function verifyScopeChoices(locations: readonly GraphLocation[], current: readonly string[] | undefined, title: (revision: string) => string): ScopeChoice[] | undefined {
  const at = current?.length === 1 ? current[0] : undefined;
  if (at === undefined || !current) return undefined;
  const pending = projectSummary(locations, current).pending.length;
  if (pending === 0) return undefined;
  const total = locations.reduce((n, location) => n + location.revisions.length, 0);
  return [
    { label: `Pending migrations (${pending})`, description: `the ones after ${title(at)}, where the database is`, scope: { kind: 'from', revision: at } },
    { label: 'The whole history', description: `all ${total} migrations, from the first`, scope: { kind: 'all' } },
  ];
}
