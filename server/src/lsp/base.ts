// The git bases in the editor: the base branch (alembic.lint.baseRef or `base =`, else the CLI's choice: upstream, origin/HEAD,
// main, master) for applied-migration-modified and the `changed` scope; and the last commit, for the files of the
// revisions the connected database has applied (an edit of one is an edit of an applied migration).
import { severityOf } from '../core/lint';
import { ruleById } from '../core/rules';
import { appliedMigrationModified } from '../core/rules/applied-migration-modified';
import { readHeadTexts, readProjectBase } from '../host/git';
import type { Project } from '../host/project';
import { isApplied } from './scope';
import { guarded, type ServerState } from './state';
import { allProjects } from './workspace-folders';

const RULE = appliedMigrationModified.meta.id;

function ruleOn(project: Project): boolean {
  return severityOf(ruleById(RULE)!, project.config) !== undefined;
}

/** Reads both bases of every project again (after loading, a rescan, new settings); returns the files they change. */
export function refreshBases(state: ServerState): Set<string> {
  const changed = new Set<string>();
  for (const project of allProjects(state)) {
    for (const file of guarded(state, `Reading the git base of ${project.root}`, () => refreshBranchBase(state, project), [])) changed.add(file);
  }
  for (const file of refreshAppliedBases(state)) changed.add(file);
  return changed;
}

/** The paths whose findings the new base may change. */
function refreshBranchBase(state: ServerState, project: Project): string[] {
  const { workspace } = project;
  if (!ruleOn(project) && state.settings.lint.scope !== 'changed') return workspace.setBase(undefined);
  // alembic.lint.baseRef, else `base =` in pyproject.toml: the configuration resolver has chosen.
  const ref = project.config.base;
  const result = readProjectBase(project.root, workspace.paths(), ref);
  if ('problem' in result) {
    // Said only when asked for: a folder outside git simply goes without the rule.
    if (ref !== undefined || state.settings.lint.scope === 'changed') state.sink.error(`${project.root}: no git base (${result.problem}); ${RULE} is skipped and every file is in scope`);
    return workspace.setBase(undefined);
  }
  return workspace.setBase(result.base);
}

/** The last commit's texts of the files the connected databases have applied (after the databases change); returns the files they change. */
export function refreshAppliedBases(state: ServerState): string[] {
  return allProjects(state).flatMap((project) =>
    guarded(
      state,
      `Reading the last commit of ${project.root}`,
      () => {
        const { workspace } = project;
        const applied = ruleOn(project) ? workspace.paths().filter((file) => isApplied(state, workspace, file) === true) : [];
        const head = applied.length === 0 ? undefined : readHeadTexts(project.root, applied);
        return workspace.setAppliedBase(head === undefined || 'problem' in head ? undefined : head);
      },
      [],
    ),
  );
}
