// Finding the file `revision` wrote (alembic/new-revision-files.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addedFiles } from '../../../client/src/alembic/new-revision-files';

test('addedFiles: what appeared, sorted; removed files do not count', () => {
  assert.deepEqual(addedFiles(['/v/0001.py', '/v/0002.py'], ['/v/0003_b.py', '/v/0001.py', '/v/0003_a.py']), ['/v/0003_a.py', '/v/0003_b.py']);
  assert.deepEqual(addedFiles(['/v/0001.py'], ['/v/0001.py']), []);
  assert.deepEqual(addedFiles([], ['/v/0001.py']), ['/v/0001.py']);
});
