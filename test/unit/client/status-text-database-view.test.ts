// The Database view's nodes (views/database-tree-model.ts): the same states as the status bar, as a tree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDatabaseNode, type DatabaseNodeModel } from '../../../client/src/views/database-tree-model';
import type { DbState } from '../../../client/src/database/db-state';
import { linear } from './tree-model-fixtures';

const project = { name: 'backend', locations: [linear(3)] };
const db = { display: 'app@localhost:5432/app', source: 'alembic.databaseUrl' };

function rows(node: DatabaseNodeModel): string[] {
  return node.children.map((c) => `${c.label}${c.description === undefined ? '' : ` = ${c.description}`}${c.command ? ` -> ${c.command.command}` : ''}`);
}

test('connected: current, head, pending, source; the project node names the database and its state', () => {
  const node = buildDatabaseNode('p1', project, { kind: 'connected', ...db, current: ['0001'] });
  assert.equal(node.label, 'backend: app@localhost:5432/app');
  assert.equal(node.description, 'connected');
  assert.equal(node.contextValue, 'database:connected');
  assert.deepEqual(rows(node), ['Current = 0001', 'Head = 0003', 'Pending = 2', 'Source = alembic.databaseUrl']);
  assert.equal(node.children[2]?.tooltip, '0003, 0002');
  assert.deepEqual(rows(buildDatabaseNode('p1', project, { kind: 'connected', ...db, current: [] })).slice(0, 1), ['Current = base (empty)']);
  assert.match(rows(buildDatabaseNode('p1', project, { kind: 'connected', ...db, current: ['0009'] })).join('\n'), /No migration file declares 0009/);
});

test('the other states offer the next step, with the project key as the command argument', () => {
  const cases: [DbState, string[]][] = [
    [{ kind: 'unconfigured', problem: 'No database configured.' }, ['No database configured.', 'Start the embedded development database -> alembic.startEmbeddedDatabase', 'Set alembic.databaseUrl -> workbench.action.openSettings']],
    [{ kind: 'needs-password', ...db }, ['Enter the password and connect -> alembic.connect', 'Source = alembic.databaseUrl']],
    [{ kind: 'disconnected', ...db }, ['Connect -> alembic.connect', 'Source = alembic.databaseUrl']],
    [{ kind: 'failed', ...db, failure: 'auth', message: 'password authentication failed for user "app"' }, ['password authentication failed for user "app"', 'Retry -> alembic.connect', 'Source = alembic.databaseUrl']],
    [{ kind: 'needs-agreement', ...db, reason: 'Not sent yet: PGPASSWORD for h:5432.' }, ['Not sent yet: PGPASSWORD for h:5432.', 'Review and connect -> alembic.connect', 'Source = alembic.databaseUrl']],
    [{ kind: 'untrusted' }, ['Trust this workspace to connect and run migrations -> workbench.trust.manage']],
  ];
  for (const [state, expected] of cases) {
    const node = buildDatabaseNode('p1', project, state);
    assert.deepEqual(rows(node), expected, state.kind);
    assert.equal(node.contextValue, `database:${state.kind}`);
  }
  const failed = buildDatabaseNode('p1', project, cases[3]![0]);
  assert.equal(cases[3]![0].kind, 'failed');
  assert.equal(failed.description, 'failed: login failed');
  assert.deepEqual(failed.children[1]?.command?.arguments, ['p1']);
  assert.equal(buildDatabaseNode('p1', project, cases[0]![0]).label, 'backend: No database');
});

test('node ids are unique across projects', () => {
  const a = buildDatabaseNode('a', project, { kind: 'connected', ...db, current: ['0001'] });
  const b = buildDatabaseNode('b', project, { kind: 'connected', ...db, current: ['0001'] });
  const ids = [a, b].flatMap((n) => [n.id, ...n.children.map((c) => c.id)]);
  assert.equal(new Set(ids).size, ids.length);
});

test('the Python row: the interpreter and why, a warning when nothing can run, the command instead when alembic.command is set', () => {
  const connected: DbState = { kind: 'connected', ...db, current: ['0001'] };
  const system = { kind: 'system' as const, executable: '/usr/bin/python3', origin: 'the system Python' };
  const onPath = { kind: 'path' as const, executable: '/usr/local/bin/python3', origin: 'python3 on PATH' };
  const without = { ran: true as const, python: '3.12.1', modules: {} };
  const ready = buildDatabaseNode('p1', project, connected, {
    kind: 'chosen',
    choice: { status: 'ready', probed: [{ candidate: onPath, result: without }, { candidate: system, result: { ran: true, python: '3.11.2', modules: { alembic: '1.8.1' } } }], chosen: { candidate: system, result: { ran: true, python: '3.11.2', modules: { alembic: '1.8.1' } } } },
  });
  const row = ready.children.at(-1);
  assert.equal(`${row?.label} = ${row?.description}`, 'Python = /usr/bin/python3 (alembic 1.8.1)');
  assert.equal(row?.command?.command, 'alembic.selectInterpreter');
  assert.deepEqual(row?.command?.arguments, ['p1']);
  assert.match(row?.tooltip ?? '', /^python3 on PATH \(\/usr\/local\/bin\/python3\) cannot import alembic; \/usr\/bin\/python3 can\./);
  assert.equal(row?.icon, 'symbol-namespace');

  const none = buildDatabaseNode('p1', project, connected, { kind: 'chosen', choice: { status: 'no-alembic', probed: [{ candidate: onPath, result: without }] } });
  assert.equal(none.children.at(-1)?.description, 'none can import alembic');
  assert.equal(none.children.at(-1)?.icon, 'warning');
  assert.match(none.children.at(-1)?.tooltip ?? '', /Nothing runs until this is fixed: no Python interpreter found here can import alembic/);

  const command = buildDatabaseNode('p1', project, connected, { kind: 'command', command: ['poetry', 'run', 'alembic'] });
  assert.equal(`${command.children.at(-1)?.label} = ${command.children.at(-1)?.description}`, 'Command = poetry run alembic');
  assert.match(buildDatabaseNode('p1', project, { kind: 'untrusted' }, { kind: 'untrusted' }).children.at(-1)?.tooltip ?? '', /trust the workspace/);
  assert.deepEqual(rows(buildDatabaseNode('p1', project, connected)), ['Current = 0001', 'Head = 0003', 'Pending = 2', 'Source = alembic.databaseUrl'], 'no row unless asked');
});
