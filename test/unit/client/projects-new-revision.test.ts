// Finding the file `revision` wrote (logic/ui-new-revision.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addedFiles } from '../../../client/src/logic/ui-new-revision';

test('addedFiles: what appeared, sorted; removed files do not count', () => {
  assert.deepEqual(addedFiles(['/v/0001.py', '/v/0002.py'], ['/v/0003_b.py', '/v/0001.py', '/v/0003_a.py']), ['/v/0003_a.py', '/v/0003_b.py']);
  assert.deepEqual(addedFiles(['/v/0001.py'], ['/v/0001.py']), []);
  assert.deepEqual(addedFiles([], ['/v/0001.py']), ['/v/0001.py']);
});
