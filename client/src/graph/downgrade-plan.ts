// What a downgrade will revert, computed as Alembic does (revision.py, _collect_downgrade_revisions): the
// target's descendants that the database currently holds; for the confirmation shown before running it.
import type { GraphLocation } from '../../../protocol';
import { ancestorsInclusive, descendantsInclusive, indexRevisions, locationOfRevision } from './revision-walk';

export type DowngradeTarget = { kind: 'revision'; revision: string } | { kind: 'base' } | { kind: 'one' };

export interface DowngradeStep {
  revision: string;
  message: string;
  file: string;
  /** What the revision's downgrade destroys ("drop table orders"), from the graph. */
  destructive: string[];
  /** What the analysis of its downgrade could not judge: it may destroy data too. */
  unanalysed: string[];
}

export type DowngradePlan =
  | { ok: true; steps: DowngradeStep[]; /** The argument for `downgrade`. */ cliTarget: string }
  | { ok: false; problem: string };

/** `current` is what the version table holds. Steps come newest first: the order Alembic reverts them in. */
export function planDowngrade(location: GraphLocation, current: readonly string[], target: DowngradeTarget): DowngradePlan {
  const index = indexRevisions(location);
  if (current.length === 0) return { ok: false, problem: 'The database has no revision applied: there is nothing to downgrade.' };
  const unknown = current.filter((id) => !index.byId.has(id));
  if (unknown.length > 0) return { ok: false, problem: `The database is at ${unknown.join(', ')}, which no migration file declares: Alembic cannot downgrade from it.` };
  const applied = ancestorsInclusive(index, current);

  let reverted: Set<string>;
  let cliTarget: string;
  if (target.kind === 'one') {
    if (current.length > 1) {
      return { ok: false, problem: `The database has several current revisions (${current.join(', ')}): choose the revision to go back to with Downgrade to Revision.` };
    }
    reverted = new Set(current);
    cliTarget = '-1';
  } else if (target.kind === 'base') {
    reverted = applied;
    cliTarget = 'base';
  } else {
    if (!index.byId.has(target.revision)) return { ok: false, problem: `No migration file declares revision ${target.revision}.` };
    if (!applied.has(target.revision)) return { ok: false, problem: `${target.revision} is not applied: upgrade to it instead.` };
    const below = descendantsInclusive(index, index.children(target.revision));
    reverted = new Set([...below].filter((id) => applied.has(id)));
    if (reverted.size === 0) return { ok: false, problem: `The database is already at ${target.revision}: there is nothing to revert.` };
    cliTarget = target.revision;
  }

  const steps: DowngradeStep[] = [];
  for (const revision of location.revisions) {
    if (!reverted.has(revision.revision) || steps.some((s) => s.revision === revision.revision)) continue;
    steps.push({ revision: revision.revision, message: revision.message, file: revision.file, destructive: revision.downgrade_destructive, unanalysed: revision.downgrade_unanalysed });
  }
  return { ok: true, steps, cliTarget };
}

export interface Confirmation {
  message: string;
  detail: string;
}

/** The modal's text: which revisions, under each the statements that lose data and what could not be analysed. */
export function downgradeConfirmation(steps: readonly DowngradeStep[], targetLabel: string): Confirmation {
  const count = steps.length === 1 ? '1 revision' : `${steps.length} revisions`;
  const destructive = steps.reduce((sum, step) => sum + step.destructive.length, 0);
  const unanalysed = steps.reduce((sum, step) => sum + step.unanalysed.length, 0);
  const lines: string[] = [];
  for (const step of steps) {
    lines.push(step.message ? `${step.revision} ${step.message}` : step.revision);
    for (const statement of step.destructive) lines.push(`  • ${statement}`);
    for (const what of step.unanalysed) lines.push(`  ? could not be analysed: ${what}`);
  }
  lines.push('');
  if (destructive > 0) lines.push(`${destructive} destructive ${destructive === 1 ? 'statement' : 'statements'}: the data they hold is lost.`);
  if (unanalysed > 0) {
    lines.push(`${unanalysed} ${unanalysed === 1 ? 'part' : 'parts'} of these downgrades could not be analysed (marked ?): ${unanalysed === 1 ? 'it' : 'they'} may destroy data too. Read the downgrade before going on.`);
  }
  if (destructive === 0 && unanalysed === 0) lines.push('No destructive statement was found in these downgrades.');
  return { message: `Downgrade to ${targetLabel}? This reverts ${count}.`, detail: lines.join('\n') };
}

export type DowngradeDialog =
  | { ok: true; message: string; detail: string; plan: { cliTarget: string; label: string } }
  | { ok: false; problem: string };

/** The confirmation for `target` when the database is at `current`: the plan, its label and the modal's text. */
export function downgradeDialog(project: string, locations: readonly GraphLocation[], current: readonly string[], target: DowngradeTarget): DowngradeDialog {
  const anchor = target.kind === 'revision' ? target.revision : current[0];
  const location = (anchor ? locationOfRevision(locations, anchor) : undefined) ?? locations[0];
  if (!location) return { ok: false, problem: `${project} has no migrations to downgrade.` };
  const plan = planDowngrade(location, current, target);
  if (!plan.ok) return plan;
  const label = target.kind === 'revision' ? target.revision : target.kind === 'base' ? 'base' : `the revision before ${current.join(', ')}`;
  return { ok: true, ...downgradeConfirmation(plan.steps, label), plan: { cliTarget: plan.cliTarget, label } };
}
