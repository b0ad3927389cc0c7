// Every command, registered in one place. Handlers take the Ctx and the argument VS Code passes (the view
// element a menu was opened on, or a project key from a view item's command).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { maskUrlPasswords } from '../mask-secrets';
import { COMMAND_IDS, TRUST_REQUIRED, type CommandId } from './command-ids';
import { connect, disconnect, forgetAgreedServers, forgetPassword, refresh, startEmbeddedDatabase, stopEmbeddedDatabase } from './database';
import { showGraph, showInGraph } from './graph';
import { createRevision, downgradeOne, downgradeTo, mergeHeads, showCommand, showPendingSql, stamp, upgradeHead, upgradeTo } from './migrations';
import { selectInterpreter } from './interpreter';
import { copyRevisionId, downgradeToHere, revealRevision, showStepSql, upgradeToHere } from './revision-items';
import { verifyMigration, verifyMigrations } from './verify';

type Handler = (ctx: Ctx, arg: unknown) => unknown;

export const commandTable: Record<CommandId, Handler> = {
  'alembic.createRevision': createRevision,
  'alembic.upgradeHead': upgradeHead,
  'alembic.upgradeTo': upgradeTo,
  'alembic.downgradeOne': downgradeOne,
  'alembic.downgradeTo': downgradeTo,
  'alembic.showCurrent': showCommand('current'),
  'alembic.showHistory': showCommand('history'),
  'alembic.showHeads': showCommand('heads'),
  'alembic.mergeHeads': mergeHeads,
  'alembic.stamp': stamp,
  'alembic.showPendingSql': showPendingSql,
  'alembic.connect': connect,
  'alembic.disconnect': disconnect,
  'alembic.refresh': refresh,
  'alembic.forgetPassword': forgetPassword,
  'alembic.forgetAgreedServers': forgetAgreedServers,
  'alembic.upgradeToHere': upgradeToHere,
  'alembic.downgradeToHere': downgradeToHere,
  'alembic.showSql': showStepSql,
  'alembic.copyRevisionId': copyRevisionId,
  'alembic.revealRevision': revealRevision,
  'alembic.startEmbeddedDatabase': startEmbeddedDatabase,
  'alembic.stopEmbeddedDatabase': stopEmbeddedDatabase,
  'alembic.selectInterpreter': selectInterpreter,
  'alembic.showGraph': showGraph,
  'alembic.showInGraph': showInGraph,
  'alembic.verifyMigrations': verifyMigrations,
  'alembic.verifyMigration': verifyMigration,
};

const UNTRUSTED_MESSAGE =
  'Alembic: this workspace is not trusted. Running migrations executes the project\'s Python code and connects to its database, ' +
  'so these commands are disabled until you trust the workspace. Linting keeps working.';

export function registerCommands(ctx: Ctx): vscode.Disposable[] {
  return COMMAND_IDS.map((id) =>
    vscode.commands.registerCommand(id, async (arg: unknown) => {
      // Shown in the palette also in Restricted Mode (an enablement would hide them from a palette opened before the
      // workbench sets isWorkspaceTrusted); the views show them only when trusted. Here they are refused.
      if (TRUST_REQUIRED.has(id) && !vscode.workspace.isTrusted) {
        const manage = 'Manage Workspace Trust';
        if ((await vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, manage)) === manage) await vscode.commands.executeCommand('workbench.trust.manage');
        return;
      }
      try {
        await commandTable[id](ctx, arg);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        ctx.output.appendLine(`${id} failed: ${maskUrlPasswords(message)}`);
        void vscode.window.showErrorMessage(`Alembic: ${maskUrlPasswords(message)}`);
      }
    }),
  );
}
