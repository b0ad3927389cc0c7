// The Migrations tree as plain data: one node per revision (newest first) and one per graph problem.
// views/migrations-tree.ts only turns these into vscode.TreeItems.
import type { GraphLocation, GraphProblem, GraphRevision } from '../../../protocol';
import { ancestorsInclusive, indexRevisions } from '../graph/revision-walk';
import type { VerifyResult } from '../verify/verify-results';

/** Against the connected database: applied (and below the current revision), current, or not yet applied. */
export type RevisionState = 'applied' | 'current' | 'pending';

export interface TreeNodeModel {
  /** Unique in the whole tree: the location's path, then the revision id or the problem's index. */
  id: string;
  kind: 'revision' | 'problem';
  label: string;
  description: string;
  tooltip: string;
  /** A codicon id (ThemeIcon). */
  icon: string;
  /** A theme color id for the icon. */
  iconColor?: string;
  /** `revision:<applied|current|pending|unknown>` or `problem`: the package.json menus match on it. */
  contextValue: string;
  revision?: string;
  file?: string;
  state?: RevisionState;
}

const STATE_ICONS: Record<RevisionState, { icon: string; color: string }> = {
  applied: { icon: 'check', color: 'testing.iconPassed' },
  current: { icon: 'arrow-right', color: 'charts.blue' },
  pending: { icon: 'circle-outline', color: 'disabledForeground' },
};

/**
 * Each revision's state when the database's version table holds `current`; every revision pending when it is empty.
 * Ids in `current` that no file declares are ignored here (projectSummary reports them).
 */
export function revisionStates(location: GraphLocation, current: readonly string[]): Map<string, RevisionState> {
  const index = indexRevisions(location);
  const applied = ancestorsInclusive(index, current);
  const states = new Map<string, RevisionState>();
  for (const id of index.byId.keys()) states.set(id, current.includes(id) ? 'current' : applied.has(id) ? 'applied' : 'pending');
  return states;
}

/** The last verify of a revision file, until the file changes. */
export type VerifiedLookup = (file: string) => VerifyResult | undefined;

export function buildMigrationTree(location: GraphLocation, current: readonly string[] | undefined, verified: VerifiedLookup = () => undefined): TreeNodeModel[] {
  const problems = location.problems.map((problem, i) => problemNode(location, problem, i));
  const states = current ? revisionStates(location, current) : undefined;
  const seen = new Set<string>();
  const revisions: TreeNodeModel[] = [];
  for (const revision of location.revisions) {
    // A duplicated id shows once per file: the tree ids must stay unique, so the later files get their path in it.
    const id = seen.has(revision.revision) ? `${location.path}#${revision.revision}@${revision.file}` : `${location.path}#${revision.revision}`;
    seen.add(revision.revision);
    revisions.push(revisionNode(location, revision, id, states?.get(revision.revision), verified(revision.file)));
  }
  return [...problems, ...revisions];
}

function revisionNode(location: GraphLocation, revision: GraphRevision, id: string, state: RevisionState | undefined, verified: VerifyResult | undefined): TreeNodeModel {
  const markers = revisionMarkers(location, revision.revision);
  const badge = verified ? verifyBadge(verified) : undefined;
  const date = shortDate(revision.create_date);
  // Unconnected there is no state to show: the icon shows a merge instead (the description says it too).
  const look = state ? STATE_ICONS[state] : { icon: markers.includes('merge') ? 'git-merge' : 'git-commit', color: undefined };
  const tooltipLines = [
    `${revision.revision}${revision.message ? ` ${revision.message}` : ''}`,
    revision.down_revisions.length > 0 ? `Revises: ${revision.down_revisions.join(', ')}` : 'Revises: (base)',
    ...(revision.depends_on.length > 0 ? [`Depends on: ${revision.depends_on.join(', ')}`] : []),
    ...(revision.branch_labels.length > 0 ? [`Branch labels: ${revision.branch_labels.join(', ')}`] : []),
    ...(revision.create_date ? [`Created: ${revision.create_date}`] : []),
    ...(markers.length > 0 ? [`Marked: ${markers.join(', ')}`] : []),
    ...(state ? [`Database: ${state}`] : []),
    ...(badge ? [badge.tooltip] : []),
    revision.file,
  ];
  return {
    id,
    kind: 'revision',
    // The message first, as GitLens shows commits: a narrow side bar still shows what each migration does, and
    // type-to-find matches it. The id leads the description (unless it is the label already).
    label: revision.message || revision.revision,
    // The verify badge leads: the id and date stay where they were, and a narrow side bar still shows it.
    description: [badge?.mark ?? '', revision.message ? shortId(revision.revision) : '', date, ...markers].filter((part) => part !== '').join(' · '),
    tooltip: tooltipLines.join('\n'),
    icon: look.icon,
    ...(look.color ? { iconColor: look.color } : {}),
    contextValue: `revision:${state ?? 'unknown'}`,
    revision: revision.revision,
    file: revision.file,
    ...(state ? { state } : {}),
  };
}

/**
 * ✓ or ✗ before the description, until the file changes: the icon already says applied / current / pending, and a
 * second icon per row does not exist in a tree. An irreversible revision (its downgrade raises on purpose) is not a
 * problem: ✓, and the tooltip says it.
 */
export function verifyBadge(result: VerifyResult): { mark: '✓' | '✗'; tooltip: string } {
  const failed = result.status === 'failed' || result.errors + result.warnings > 0;
  if (!failed) return { mark: '✓', tooltip: result.status === 'irreversible' ? 'Verified: ok, irreversible (its downgrade raises on purpose)' : 'Verified: ok (upgrade, downgrade, upgrade again, re-run)' };
  const counts = [plural(result.errors, 'error'), plural(result.warnings, 'warning')].filter((part) => part !== '');
  return { mark: '✗', tooltip: `Verified: failed${counts.length > 0 ? `, ${counts.join(', ')} (in the Problems panel)` : ''}` };
}

function plural(n: number, word: string): string {
  return n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** head, merge, branch point, base: in the order `alembic history` would mention them. */
export function revisionMarkers(location: GraphLocation, id: string): string[] {
  return markerLookup(location)(id);
}

/** revisionMarkers for many revisions of a location: the lists are read once (a merge every 10 of 5,000 is 500). */
export function markerLookup(location: GraphLocation): (id: string) => string[] {
  const sets: [string, ReadonlySet<string>][] = [
    ['head', new Set(location.heads)],
    ['merge', new Set(location.merges)],
    ['branch point', new Set(location.branch_points)],
    ['base', new Set(location.bases)],
  ];
  return (id) => sets.filter(([, ids]) => ids.has(id)).map(([marker]) => marker);
}

function problemNode(location: GraphLocation, problem: GraphProblem, index: number): TreeNodeModel {
  // Several heads is a normal state between two merges; the other kinds break `alembic upgrade`.
  const warning = problem.kind === 'multiple-heads';
  return {
    id: `${location.path}#problem:${index}`,
    kind: 'problem',
    label: problem.message,
    description: problem.revisions.join(', '),
    tooltip: `${problem.kind}: ${problem.message}`,
    icon: warning ? 'warning' : 'error',
    iconColor: warning ? 'problemsWarningIcon.foreground' : 'problemsErrorIcon.foreground',
    contextValue: 'problem',
  };
}

/** Alembic's own ids are 12 hex digits; a longer hand-written `--rev-id` is cut (the tooltip has it whole). */
const SHORT_ID_LENGTH = 12;

export function shortId(id: string): string {
  return id.length <= SHORT_ID_LENGTH + 1 ? id : `${id.slice(0, SHORT_ID_LENGTH)}…`;
}

/** `2026-02-09 16:20:00.123456` -> `2026-02-09 16:20`; anything else unchanged. */
export function shortDate(date: string | null): string {
  if (!date) return '';
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(date.trim());
  return match ? `${match[1]} ${match[2]}` : date.trim();
}

export interface ProjectSummary {
  heads: string[];
  /** Not yet applied, newest first (location by location). */
  pending: string[];
  /** Revisions in the version table that no file of the project declares (a branch not checked out, a deleted file). */
  unknownCurrent: string[];
}

/** Where a database stands against a project's locations. */
export function projectSummary(locations: readonly GraphLocation[], current: readonly string[]): ProjectSummary {
  const heads: string[] = [];
  const pending: string[] = [];
  const known = new Set<string>();
  for (const location of locations) {
    heads.push(...location.heads);
    const states = revisionStates(location, current);
    for (const revision of location.revisions) {
      known.add(revision.revision);
      if (states.get(revision.revision) === 'pending' && !pending.includes(revision.revision)) pending.push(revision.revision);
    }
  }
  return { heads, pending, unknownCurrent: current.filter((id) => !known.has(id)) };
}
