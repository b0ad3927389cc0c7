// `alembic.lint.scope`: which migration files show their findings. The rules still read every file (the graph and
// the schema need them all); only what is published is narrowed.
import { ancestorsOf } from '../core/graph/ancestry';
import { appliedMigrationModified } from '../core/rules/applied-migration-modified';
import type { RevisionGraph } from '../core/graph/types';
import type { Workspace } from '../core/workspace';
import type { Finding } from '../core/types';
import type { ServerState } from './state';

/** Always shown: an edit of an applied migration is news about an old file. */
const ALWAYS_SHOWN: ReadonlySet<string> = new Set([appliedMigrationModified.meta.id]);

/** The findings of `file` that its scope lets through. */
export function inScope(state: ServerState, workspace: Workspace, file: string, findings: Finding[]): Finding[] {
  const scope = state.settings.lint.scope;
  if (scope === 'all' || findings.length === 0 || inScopeFile(state, workspace, file)) return findings;
  return findings.filter((f) => ALWAYS_SHOWN.has(f.rule));
}

/**
 * `changed`: added or changed since the base (every file while git gives none). `pending`: not applied in the
 * connected database; a file whose location has no connected database, or that declares no revision of the graph,
 * counts as pending: what is not known is shown.
 */
function inScopeFile(state: ServerState, workspace: Workspace, file: string): boolean {
  if (state.settings.lint.scope === 'changed') return workspace.changedSinceBase(file);
  return isApplied(state, workspace, file) !== true;
}

/** Has the connected database applied the file's revision? Undefined when that is not known (no database, no id). */
export function isApplied(state: ServerState, workspace: Workspace, file: string): boolean | undefined {
  const revision = workspace.revisionOf(file);
  const current = revision && state.databaseRevisions.get(revision.graph.location.path);
  if (!revision || revision.id === undefined || current === undefined) return undefined;
  return appliedIn(state, revision.graph, current).has(revision.id);
}

/** The applied revisions of a graph: kept while the graph and the database's current revisions are the same. */
function appliedIn(state: ServerState, graph: RevisionGraph, current: readonly string[]): ReadonlySet<string> {
  const key = current.join(' ');
  const known = state.appliedSets.get(graph);
  if (known?.key === key) return known.applied;
  const applied = ancestorsOf(graph, current, true);
  state.appliedSets.set(graph, { key, applied });
  return applied;
}
