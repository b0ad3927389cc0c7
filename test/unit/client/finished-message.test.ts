import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finishedMessage } from '../../../client/src/commands/finished-message';

test('a finished command says what it did, with a check mark, in words a status bar can hold', () => {
  assert.equal(finishedMessage({ kind: 'upgrade', project: 'backend', at: ['0007 (add orders)'] }), '$(check) Alembic: backend upgraded to 0007 (add orders)');
  assert.equal(finishedMessage({ kind: 'downgrade', project: 'backend', at: [] }), '$(check) Alembic: backend downgraded to base');
  assert.equal(finishedMessage({ kind: 'stamp', project: 'backend', at: ['0003 (a)', '0004 (b)'] }), '$(check) Alembic: backend stamped as 0003 (a), 0004 (b)');
  assert.equal(finishedMessage({ kind: 'current', project: 'backend', at: ['0003 (a)'] }), '$(check) Alembic: backend is at 0003 (a)');
  assert.equal(finishedMessage({ kind: 'current', project: 'backend', at: undefined }), '$(check) Alembic: the current revision of backend is in the Alembic output');
  assert.equal(finishedMessage({ kind: 'revision', project: 'backend', file: '0006_add_orders.py' }), '$(check) Alembic: created 0006_add_orders.py in backend');
  assert.equal(finishedMessage({ kind: 'merge', project: 'backend', file: '0007_merge_heads.py' }), '$(check) Alembic: merged the heads of backend in 0007_merge_heads.py');
});
