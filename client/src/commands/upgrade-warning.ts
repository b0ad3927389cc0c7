// The question before Upgrade when the revisions it would apply have error-level findings: a migration the linter
// calls broken fails half-way more often than not, and on a shared database that is an incident, not a retry.
import type { Confirmation } from '../graph/downgrade-plan';

export interface RevisionErrors {
  /** `0006 (add orders)`: revisionTitle. */
  title: string;
  errors: number;
}

/** How many revisions the detail names before "and N more": the modal stays readable. */
const LISTED = 5;

function errorCount(n: number): string {
  return n === 1 ? '1 error' : `${n} errors`;
}

/** undefined when none of the revisions has an error: the upgrade runs without asking. */
export function upgradeWarning(revisions: readonly RevisionErrors[]): Confirmation | undefined {
  const failing = revisions.filter((r) => r.errors > 0);
  const [first] = failing;
  if (!first) return undefined;
  const next = 'Show Problems lists them; Upgrade Anyway runs the migrations as they are.';
  if (failing.length === 1) return { message: `${first.title} has ${errorCount(first.errors)}: upgrade anyway?`, detail: next };
  const total = failing.reduce((sum, r) => sum + r.errors, 0);
  const lines = failing.slice(0, LISTED).map((r) => `${r.title}: ${errorCount(r.errors)}`);
  if (failing.length > LISTED) lines.push(`and ${failing.length - LISTED} more`);
  return {
    message: `${failing.length} of the migrations to apply have ${errorCount(total)}: upgrade anyway?`,
    detail: [...lines, '', next].join('\n'),
  };
}
