// What a downgrade will revert, computed as Alembic does (revision.py, _collect_downgrade_revisions): the
// target's descendants that the database currently holds; for the confirmation shown before running it.
import type { GraphLocation } from '../../../protocol';
import { ancestorsInclusive, descendantsInclusive, indexRevisions, locationOfRevision, revisionTitle } from './revision-walk';

export type DowngradeTarget = { kind: 'revision'; revision: string } | { kind: 'base' } | { kind: 'one' };

export interface DowngradeStep {
  revision: string;
  message: string;
  file: string;
  /** What the revision's downgrade destroys: data ("drop table orders", "DELETE FROM audit"), from the graph. */
  destructive: string[];
  /** What it drops that holds no data ("drop index ix_orders_status"): listed, not called data loss. */
  dropsWithoutData: string[];
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
    steps.push({ revision: revision.revision, message: revision.message, file: revision.file, destructive: revision.downgrade_destructive, dropsWithoutData: revision.downgrade_drops_without_data, unanalysed: revision.downgrade_unanalysed });
  }
  return { ok: true, steps, cliTarget };
}

export interface Confirmation {
  message: string;
  detail: string;
}

/**
 * The modal's text: which revisions, under each what its downgrade drops or deletes and what could not be analysed.
 * Only what holds data (tables, columns, rows) is called data loss; an index or a constraint is listed without that
 * word, since upgrading again builds it back: a dialog that cries wolf over every index teaches users to click through.
 */
export function downgradeConfirmation(steps: readonly DowngradeStep[], targetLabel: string): Confirmation {
  const count = steps.length === 1 ? '1 revision' : `${steps.length} revisions`;
  const total = (list: (step: DowngradeStep) => readonly string[]): number => steps.reduce((sum, step) => sum + list(step).length, 0);
  const destructive = total((step) => step.destructive);
  const drops = total((step) => step.dropsWithoutData);
  const unanalysed = total((step) => step.unanalysed);
  const lines: string[] = [];
  for (const step of steps) {
    lines.push(step.message ? `${step.revision} ${step.message}` : step.revision);
    for (const statement of step.destructive) lines.push(`  • data loss: ${statement}`);
    for (const statement of step.dropsWithoutData) lines.push(`  • ${statement}`);
    for (const what of step.unanalysed) lines.push(`  ? could not be analysed: ${what}`);
  }
  lines.push('');
  if (destructive > 0) lines.push(`${destructive} ${destructive === 1 ? 'statement loses' : 'statements lose'} data: the tables, columns or rows ${destructive === 1 ? 'it removes are' : 'they remove are'} gone.`);
  if (drops > 0) lines.push(`${drops} ${drops === 1 ? 'object' : 'objects'} without data ${drops === 1 ? 'is' : 'are'} dropped (indexes, constraints and the like): upgrading again builds ${drops === 1 ? 'it' : 'them'} back.`);
  if (unanalysed > 0) {
    lines.push(`${unanalysed} ${unanalysed === 1 ? 'part' : 'parts'} of these downgrades could not be analysed (marked ?): ${unanalysed === 1 ? 'it' : 'they'} may destroy data too. Read the downgrade before going on.`);
  }
  if (destructive === 0 && unanalysed === 0) lines.push(drops > 0 ? 'No data is lost.' : 'No destructive statement was found in these downgrades.');
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
  const label = target.kind === 'revision' ? revisionTitle(locations, target.revision) : target.kind === 'base' ? 'base' : parentsTitle(location, locations, current);
  return { ok: true, ...downgradeConfirmation(plan.steps, label), plan: { cliTarget: plan.cliTarget, label } };
}

/** Where one step down from `current` lands: its parents (both, below a merge), or base. */
function parentsTitle(location: GraphLocation, locations: readonly GraphLocation[], current: readonly string[]): string {
  const parents = (current.length === 1 ? location.revisions.find((r) => r.revision === current[0])?.down_revisions : undefined) ?? [];
  return parents.length === 0 ? 'base' : parents.map((id) => revisionTitle(locations, id)).join(' and ');
}
