import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusText } from '../../../client/src/views/status-text';
import type { DbState } from '../../../client/src/database/db-state';
import { branched, linear } from './tree-model-fixtures';

const project = { name: 'backend', locations: [linear(5)] };
const db = { display: 'app@localhost:5432/app', source: '.env' };

function connected(current: string[]): DbState {
  return { kind: 'connected', ...db, current };
}

test('behind: `current -> head (N pending)` with the warning', () => {
  const status = statusText(project, connected(['0003']));
  assert.equal(status.text, '$(warning) 0003 -> 0005 (2 pending)');
  assert.equal(status.warning, true);
  assert.match(status.tooltip, /^Alembic: backend\n/);
  assert.match(status.tooltip, /2 migrations are not applied: 0005, 0004\./);
  assert.match(status.tooltip, /Click to show the Migrations view\.$/);
});

test('up to date, empty database, several heads and currents', () => {
  assert.deepEqual(
    [statusText(project, connected(['0005'])).text, statusText(project, connected(['0005'])).warning],
    ['$(check) 0005 (up to date)', false],
  );
  assert.equal(statusText(project, connected([])).text, '$(warning) base -> 0005 (5 pending)');
  const twoHeads = { name: 'b', locations: [{ ...branched(), heads: ['0005', '0006'] }] };
  assert.equal(statusText(twoHeads, connected(['0003', '0004'])).text, '$(warning) 0003, 0004 -> 0005, 0006 (1 pending)');
  assert.match(statusText(project, connected(['0004'])).tooltip, /1 migration is not applied: 0005\./);
});

test('a current revision no file declares is a warning of its own', () => {
  const status = statusText(project, connected(['0009']));
  assert.equal(status.text, '$(warning) 0009 unknown -> 0005');
  assert.equal(status.warning, true);
  assert.match(status.tooltip, /No migration file declares 0009/);
});

test('unreachable, login failure and timeout warn; the tooltip names the database and the error', () => {
  const failed = (failure: 'unreachable' | 'auth' | 'timeout' | 'other'): DbState => ({ kind: 'failed', ...db, failure, message: `the ${failure} message` });
  assert.deepEqual(
    (['unreachable', 'auth', 'timeout', 'other'] as const).map((f) => statusText(project, failed(f)).text),
    ['$(warning) database unreachable', '$(warning) login failed', '$(warning) database timed out', '$(warning) database error'],
  );
  const status = statusText(project, failed('unreachable'));
  assert.equal(status.warning, true);
  assert.match(status.tooltip, /app@localhost:5432\/app \(\.env\)\nthe unreachable message/);
});

test('the states without a connection', () => {
  const texts = ([
    { kind: 'untrusted' },
    { kind: 'unconfigured', problem: 'No database configured.' },
    { kind: 'needs-password', ...db },
    { kind: 'disconnected', ...db },
    { kind: 'connecting', ...db },
    { kind: 'needs-agreement', ...db, reason: 'r' },
  ] satisfies DbState[]).map((state) => [statusText(project, state).text, statusText(project, state).warning]);
  assert.deepEqual(texts, [
    ['$(shield) Alembic', false],
    ['$(database) no database', false],
    ['$(key) password needed', true],
    ['$(debug-disconnect) head 0005', false],
    ['$(sync~spin) Alembic', false],
    ['$(shield) not connected', true],
  ]);
  assert.match(statusText(project, { kind: 'unconfigured', problem: 'No database configured.' }).tooltip, /No database configured\.\nHead: 0005/);
});
