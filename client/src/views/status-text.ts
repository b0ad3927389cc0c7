// The status bar item's text: `current -> head (N pending)` when connected, else what stands in the way.
import type { GraphLocation } from '../../../protocol';
import { projectSummary } from './migrations-tree-model';
import { failureTitle, type DbState } from '../database/db-state';

export interface StatusText {
  /** With codicons ($(name)), as vscode.StatusBarItem.text takes them. */
  text: string;
  tooltip: string;
  /** Shown with the warning background: behind, unreachable, or at a revision no file declares. */
  warning: boolean;
}

export interface StatusProject {
  name: string;
  locations: readonly GraphLocation[];
}

/** Revision lists as `0005` or `0005, 0006`; `base` for an empty database. */
function ids(list: readonly string[]): string {
  return list.length === 0 ? 'base' : list.join(', ');
}

export function statusText(project: StatusProject, db: DbState): StatusText {
  const heads = project.locations.flatMap((l) => l.heads);
  const header = `Alembic: ${project.name}`;
  const tip = (...lines: string[]): string => [header, ...lines, 'Click to show the Migrations view.'].join('\n');
  switch (db.kind) {
    case 'untrusted':
      return { text: '$(shield) Alembic', tooltip: tip('The workspace is not trusted: migrations are shown, nothing runs or connects.'), warning: false };
    case 'unconfigured':
      return { text: '$(database) no database', tooltip: tip(db.problem, `Head: ${ids(heads)}`), warning: false };
    case 'needs-password':
      return { text: '$(key) password needed', tooltip: tip(`${db.display} (${db.source}) needs a password: run Alembic: Connect.`), warning: true };
    case 'needs-agreement':
      return { text: '$(shield) not connected', tooltip: tip(`${db.display} (${db.source})`, db.reason), warning: true };
    case 'disconnected':
      return { text: `$(debug-disconnect) head ${ids(heads)}`, tooltip: tip(`Disconnected from ${db.display} (${db.source}).`), warning: false };
    case 'connecting':
      return { text: '$(sync~spin) Alembic', tooltip: tip(`Connecting to ${db.display} (${db.source})...`), warning: false };
    case 'failed':
      return { text: `$(warning) ${failureTitle(db.failure)}`, tooltip: tip(`${db.display} (${db.source})`, db.message), warning: true };
    case 'connected':
      return connectedText(project, db.current, heads, db.display, tip);
  }
}

function connectedText(project: StatusProject, current: readonly string[], heads: readonly string[], display: string, tip: (...lines: string[]) => string): StatusText {
  const summary = projectSummary(project.locations, current);
  const where = `${display}: at ${ids(current)}, head ${ids(heads)}.`;
  if (summary.unknownCurrent.length > 0) {
    return {
      text: `$(warning) ${ids(summary.unknownCurrent)} unknown -> ${ids(heads)}`,
      tooltip: tip(where, `No migration file declares ${ids(summary.unknownCurrent)}: the database is ahead of this checkout or on another branch.`),
      warning: true,
    };
  }
  const pending = summary.pending.length;
  if (pending === 0) return { text: `$(check) ${ids(current)} (up to date)`, tooltip: tip(where, 'Every migration is applied.'), warning: false };
  return {
    text: `$(warning) ${ids(current)} -> ${ids(heads)} (${pending} pending)`,
    tooltip: tip(where, `${pending} ${pending === 1 ? 'migration is' : 'migrations are'} not applied: ${summary.pending.join(', ')}.`),
    warning: true,
  };
}
