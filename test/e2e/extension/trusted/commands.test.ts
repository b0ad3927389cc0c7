// Every contributed command is registered, and in a trusted workspace the commands that run the project's CLI run
// (the ones that change the database or the files are in migrations.test.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, alembicOutput, contributedCommands, runCommand, theProject, trustRequiringCommands, waitFor, workspaceFolder } from '../helpers';

describe('Commands in a trusted workspace', () => {
  it('registers every command package.json contributes', async () => {
    await activeApi();
    const contributed = contributedCommands().map((c) => c.command);
    assert.ok(contributed.length >= 20, `only ${contributed.length} contributed commands`);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
    );
  });

  it('is in a trusted workspace, where the commands that need trust run', () => {
    assert.equal(vscode.workspace.isTrusted, true);
    assert.ok(trustRequiringCommands().length >= 10, `commands that need trust: ${JSON.stringify(trustRequiringCommands())}`);
  });

  it('Connect reads the database of DATABASE_URL, shown without its password', async () => {
    const api = await activeApi();
    const { key } = await theProject(api);
    await runCommand('alembic.connect', key);
    const state = await waitFor('the database to be connected', () => api.dbState(key)?.kind === 'connected' && api.dbState(key), {
      describe: () => JSON.stringify(api.dbState(key)),
    });
    assert.equal(state.kind, 'connected');
    assert.match(state.kind === 'connected' ? state.display : '', /^postgres@127\.0\.0\.1:\d+\//, 'shown without its password');
  });

  // What each show command prints, in the "Alembic" output channel the command reveals: its command line, then
  // Alembic's own output (the database is still empty: `current` prints no revision).
  const shows: [string, string, RegExp][] = [
    ['alembic.showCurrent', 'current', /Context impl PostgresqlImpl/],
    ['alembic.showHistory', 'history', /0004 -> 0005 \(head\), add_orders_status_created_index\n[\s\S]*<base> -> 0001, create_users/],
    ['alembic.showHeads', 'heads', /^0005 \(head\)$/m],
  ];
  for (const [id, action, expected] of shows) {
    it(`${id} runs \`migrate.py ${action}\` with the project's Python and shows its output`, async () => {
      const { key } = await theProject(await activeApi());
      const before = alembicOutput() ?? '';
      await runCommand(id, key);
      const output = await waitFor(`the output of ${action}`, () => {
        const text = alembicOutput();
        const added = text?.startsWith(before) ? text.slice(before.length) : text;
        return added?.includes('\nDone.') && added;
      }, { describe: () => JSON.stringify(alembicOutput()?.slice(-500)) });
      assert.ok(output.includes(`/usr/bin/python3 migrate.py ${action}  (in ${workspaceFolder().uri.fsPath})`), output);
      assert.match(output, expected);
    });
  }
});
