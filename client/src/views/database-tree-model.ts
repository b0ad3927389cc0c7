// The Database view as plain data: per project, one node naming the database (never its password) with its
// state, and below it the current revision, head, pending count, or what to do next.
import { projectSummary } from './migrations-tree-model';
import { failureTitle, type DbState } from '../database/db-state';
import type { StatusProject } from './status-text';
import { choiceDescription, choiceReason, problemSentence, type InterpreterChoice } from '../../../common/interpreter-search';

export interface NodeCommand {
  command: string;
  title: string;
  arguments?: unknown[];
}

export interface DatabaseNodeModel {
  id: string;
  /** The project the node belongs to: commands run from its menus act on it. */
  projectKey: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon: string;
  iconColor?: string;
  /** `database:<state kind>` on the project's node (the inline Connect / Disconnect buttons match on it). */
  contextValue: string;
  command?: NodeCommand;
  children: DatabaseNodeModel[];
}

const STATE_WORDS: Record<DbState['kind'], string> = {
  untrusted: 'restricted',
  unconfigured: 'not configured',
  'needs-password': 'password needed',
  'needs-agreement': 'waiting for your agreement',
  disconnected: 'disconnected',
  connecting: 'connecting...',
  connected: 'connected',
  failed: 'failed',
};

/** What the Python row shows: the interpreter chosen and why, or why there is none (yet). */
export type PythonState =
  | { kind: 'untrusted' }
  /** alembic.command names the program: no interpreter is searched. */
  | { kind: 'command'; command: readonly string[] }
  | { kind: 'searching' }
  | { kind: 'chosen'; choice: InterpreterChoice };

/** `key` identifies the project in command arguments; `python` adds the row that says which Python runs the CLI. */
export function buildDatabaseNode(key: string, project: StatusProject, db: DbState, python?: PythonState): DatabaseNodeModel {
  const leaf = (name: string, label: string, icon: string, extra: Partial<DatabaseNodeModel> = {}): DatabaseNodeModel => ({
    id: `${key}#${name}`,
    projectKey: key,
    label,
    icon,
    contextValue: `database-${name}`,
    children: [],
    ...extra,
  });
  const connect = (label: string): DatabaseNodeModel => leaf('connect', label, 'plug', { command: { command: 'alembic.connect', title: label, arguments: [key] } });
  const source = (from: string): DatabaseNodeModel => leaf('source', 'Source', 'info', { description: from });
  const heads = project.locations.flatMap((l) => l.heads);

  let children: DatabaseNodeModel[];
  let label = 'No database';
  let icon = 'database';
  let iconColor: string | undefined;
  switch (db.kind) {
    case 'untrusted':
      children = [leaf('trust', 'Trust this workspace to connect and run migrations', 'shield', { command: { command: 'workbench.trust.manage', title: 'Manage Workspace Trust' } })];
      break;
    case 'unconfigured':
      children = [
        leaf('problem', db.problem, 'info'),
        leaf('embedded', 'Start the embedded development database', 'play', { command: { command: 'alembic.startEmbeddedDatabase', title: 'Start Embedded Database', arguments: [key] } }),
        leaf('configure', 'Set alembic.databaseUrl', 'gear', { command: { command: 'workbench.action.openSettings', title: 'Open Settings', arguments: ['alembic.databaseUrl'] } }),
      ];
      break;
    case 'needs-password':
      label = db.display;
      children = [connect('Enter the password and connect'), source(db.source)];
      break;
    case 'needs-agreement':
      label = db.display;
      children = [leaf('agreement', db.reason, 'shield', { tooltip: db.reason }), connect('Review and connect'), source(db.source)];
      break;
    case 'disconnected':
      label = db.display;
      children = [connect('Connect'), source(db.source)];
      break;
    case 'connecting':
      label = db.display;
      icon = 'sync~spin';
      children = [source(db.source)];
      break;
    case 'failed':
      label = db.display;
      icon = 'error';
      iconColor = 'problemsErrorIcon.foreground';
      children = [leaf('error', db.message, 'warning', { tooltip: db.message }), connect('Retry'), source(db.source)];
      break;
    case 'connected': {
      label = db.display;
      const summary = projectSummary(project.locations, db.current);
      children = [
        leaf('current', 'Current', 'arrow-right', { description: db.current.length === 0 ? 'base (empty)' : db.current.join(', ') }),
        leaf('head', 'Head', 'git-commit', { description: heads.join(', ') || 'none' }),
        leaf('pending', 'Pending', summary.pending.length === 0 ? 'check' : 'circle-outline', {
          description: String(summary.pending.length),
          ...(summary.pending.length > 0 ? { tooltip: summary.pending.join(', ') } : {}),
        }),
        ...(summary.unknownCurrent.length > 0
          ? [leaf('unknown', `No migration file declares ${summary.unknownCurrent.join(', ')}`, 'warning', { iconColor: 'problemsWarningIcon.foreground' })]
          : []),
        source(db.source),
      ];
      break;
    }
  }
  if (python) children.push(pythonRow(key, python));
  const state = db.kind === 'failed' ? `${STATE_WORDS.failed}: ${failureTitle(db.failure)}` : STATE_WORDS[db.kind];
  return {
    id: `${key}#database`,
    projectKey: key,
    label: `${project.name}: ${label}`,
    description: state,
    tooltip: `${project.name}\n${label}\n${state}`,
    icon,
    ...(iconColor ? { iconColor } : {}),
    contextValue: `database:${db.kind}`,
    children,
  };
}

function pythonRow(key: string, python: PythonState): DatabaseNodeModel {
  const select = { command: 'alembic.selectInterpreter', title: 'Select Interpreter', arguments: [key] };
  const row = (description: string, tooltip: string, icon: string, extra: Partial<DatabaseNodeModel> = {}): DatabaseNodeModel => ({
    id: `${key}#python`,
    projectKey: key,
    label: 'Python',
    description,
    tooltip,
    icon,
    contextValue: 'database-python',
    children: [],
    ...extra,
  });
  switch (python.kind) {
    case 'untrusted':
      return row('not looked for', 'Finding the interpreter runs the candidates: trust the workspace first.', 'shield');
    case 'command':
      return row(python.command.join(' '), 'alembic.command names the program that runs the migrations: no interpreter is searched.', 'terminal', { label: 'Command' });
    case 'searching':
      return row('looking...', 'Asking each candidate interpreter whether it can import alembic.', 'sync~spin');
    case 'chosen': {
      const { choice } = python;
      const problem = problemSentence(choice);
      const tooltip = [choiceReason(choice), ...(problem ? ['', `Nothing runs until this is fixed: ${problem}.`] : []), '', 'Click to select another interpreter.'].join('\n');
      return row(choiceDescription(choice), tooltip, problem ? 'warning' : 'symbol-namespace', {
        command: select,
        ...(problem ? { iconColor: 'problemsWarningIcon.foreground' } : {}),
      });
    }
  }
}
