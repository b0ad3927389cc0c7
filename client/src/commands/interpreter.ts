// The interpreter before anything runs: the command a project runs, once its Python can import Alembic and the
// database driver; else a notification that says what is missing, with Select Interpreter, Set alembic.pythonPath
// and Show how to install, and nothing runs. Also the Select Interpreter command.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { resolveCommand, type MigrationCommand } from '../../../common/alembic-command';
import { PYTHON_EXTENSION_ID } from '../alembic/interpreter';
import { projectSettings, type RunnableProject } from '../projects/project-entries';
import { installHint, probeSummary, problemSentence, hasModule, type InterpreterChoice, type Probed } from '../../../common/interpreter-search';
import { pickProject } from './pick';

export const SELECT_INTERPRETER = 'Select Interpreter';
export const SET_PYTHON_PATH = 'Set alembic.pythonPath';
export const SHOW_INSTALL = 'Show how to install';

/**
 * The project's command, ready to run: alembic.command as set (it names its own program, no interpreter is
 * checked), else `<python> migrate.py` / `<python> -m alembic` with the chosen interpreter. undefined after telling
 * the user what is missing.
 */
export async function readyCommand(ctx: Ctx, entry: RunnableProject): Promise<MigrationCommand | undefined> {
  const exists = (file: string): boolean => fs.existsSync(file);
  const setting = projectSettings(entry).command;
  if (setting.length > 0) return resolveCommand(entry.ini, { commandSetting: setting, python: '', exists });
  const python = await readyInterpreter(ctx, entry);
  return python === undefined ? undefined : resolveCommand(entry.ini, { python, exists });
}

/** The interpreter the project's runs use, once it can import Alembic and the driver; else undefined after saying what is missing. */
export async function readyInterpreter(ctx: Ctx, entry: RunnableProject): Promise<string | undefined> {
  const choice = await ctx.interpreters.choose(entry);
  if (choice.status !== 'ready' || !choice.chosen) {
    ctx.output.appendLine(`${entry.name}: nothing was run: ${problemSentence(choice) ?? 'no interpreter'}.`);
    ctx.interpreters.forgetAfterReport();
    void reportInterpreterProblem(ctx, entry, choice);
    return undefined;
  }
  return choice.chosen.candidate.executable;
}

async function reportInterpreterProblem(ctx: Ctx, entry: RunnableProject, choice: InterpreterChoice): Promise<void> {
  const answer = await vscode.window.showErrorMessage(`Alembic: ${problemSentence(choice) ?? 'no interpreter'}. Nothing was run.`, SELECT_INTERPRETER, SET_PYTHON_PATH, SHOW_INSTALL);
  if (answer === SELECT_INTERPRETER) await selectInterpreterButton(ctx, entry);
  else if (answer === SET_PYTHON_PATH) await vscode.commands.executeCommand('workbench.action.openSettings', 'alembic.pythonPath');
  else if (answer === SHOW_INSTALL) await showInstallHint(choice);
}

/**
 * The Python extension's own picker when it is installed and decides (alembic.pythonPath unset): it is where users
 * choose interpreters, and its choice comes first here. Else ours.
 */
async function selectInterpreterButton(ctx: Ctx, entry: RunnableProject): Promise<void> {
  if (vscode.extensions.getExtension(PYTHON_EXTENSION_ID) && !projectSettings(entry).pythonPath) {
    await vscode.commands.executeCommand('python.setInterpreter');
    return;
  }
  await selectInterpreter(ctx, entry.key);
}

/** The exact command, to copy or to paste into a terminal (typed, not run: the user presses Enter). */
async function showInstallHint(choice: InterpreterChoice): Promise<void> {
  const hint = installHint(choice);
  const copy = 'Copy Command';
  const terminal = 'Paste in Terminal';
  const detail = [
    `Install ${hint.packages.join(' and ')} into ${hint.python}:`,
    '',
    hint.command,
    '',
    'A system Python may refuse pip ("externally managed"): create a virtualenv beside alembic.ini instead',
    '(python3 -m venv .venv, then .venv/bin/python -m pip install ...); the extension finds .venv by itself.',
  ].join('\n');
  const answer = await vscode.window.showInformationMessage('Alembic: how to install what the migrations need', { modal: true, detail }, copy, terminal);
  if (answer === copy) {
    await vscode.env.clipboard.writeText(hint.command);
  } else if (answer === terminal) {
    const shell = vscode.window.createTerminal({ name: 'Alembic: install' });
    shell.show();
    shell.sendText(hint.command, false);
  }
}

interface InterpreterItem extends vscode.QuickPickItem {
  value?: string;
  action?: 'enter' | 'clear';
}

/**
 * A quick pick of the candidates with what each can import, "Enter interpreter path..." and, when the setting is
 * set, a way back to the automatic search. Writes alembic.pythonPath for the project's workspace folder.
 */
export async function selectInterpreter(ctx: Ctx, arg: unknown): Promise<void> {
  const entry = await pickProject(ctx, arg);
  if (!entry) return;
  const quickPick = vscode.window.createQuickPick<InterpreterItem>();
  quickPick.title = `Alembic: the Python that runs the migrations of ${entry.name}`;
  quickPick.placeholder = 'Looking at the interpreters...';
  quickPick.busy = true;
  quickPick.matchOnDescription = true;
  const setting = projectSettings(entry).pythonPath;
  const fixed: InterpreterItem[] = [
    { label: '$(edit) Enter interpreter path...', action: 'enter' },
    ...(setting ? [{ label: '$(search) Find it automatically', description: 'clear alembic.pythonPath', action: 'clear' as const }] : []),
  ];
  quickPick.items = fixed;
  quickPick.show();
  const picked = new Promise<InterpreterItem | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]));
    quickPick.onDidHide(() => resolve(undefined));
  });
  void ctx.interpreters.probeAll(entry).then((probed) => {
    quickPick.items = [...probed.map(candidateItem), { label: '', kind: vscode.QuickPickItemKind.Separator }, ...fixed];
    quickPick.placeholder = 'Choose the interpreter (✓: it can import alembic)';
    quickPick.busy = false;
  });
  const item = await picked;
  quickPick.dispose();
  if (!item) return;
  let value = item.value;
  if (item.action === 'enter') {
    value = await vscode.window.showInputBox({
      title: 'Alembic: interpreter path',
      prompt: 'The Python that runs migrate.py / alembic (${workspaceFolder} and ~ are expanded)',
      value: setting,
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim() === '' ? 'A path is needed' : undefined),
    });
    if (value === undefined) return;
  }
  const target = entry.folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
  await vscode.workspace.getConfiguration('alembic', entry.folder?.uri).update('pythonPath', item.action === 'clear' ? undefined : value?.trim(), target);
}

function candidateItem(probed: Probed): InterpreterItem {
  const ok = hasModule(probed.result, 'alembic');
  return {
    label: `${ok ? '$(check)' : '$(close)'} ${probed.candidate.executable}`,
    description: probed.candidate.origin,
    detail: `${ok ? '✓' : '✗'} ${probeSummary(probed.result)}`,
    value: probed.candidate.executable,
  };
}
