// Finding the file `revision` wrote (alembic/new-revision-files.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addedFiles, listRevisionFiles } from '../../../client/src/alembic/new-revision-files';
import { isRevisionFileName } from '../../../common/revision-files';

test('addedFiles: what appeared, sorted; removed files do not count', () => {
  assert.deepEqual(addedFiles(['/v/0001.py', '/v/0002.py'], ['/v/0003_b.py', '/v/0001.py', '/v/0003_a.py']), ['/v/0003_a.py', '/v/0003_b.py']);
  assert.deepEqual(addedFiles(['/v/0001.py'], ['/v/0001.py']), []);
  assert.deepEqual(addedFiles([], ['/v/0001.py']), ['/v/0001.py']);
});

test('listRevisionFiles: the .py files of each folder, as the server counts them; a missing folder has none', () => {
  const folders: Record<string, string[]> = { '/m/versions': ['0001_a.py', '__init__.py', '.#0002_b.py', 'notes.txt', '0002_b.py'] };
  const readDir = (folder: string): string[] => {
    const names = folders[folder];
    if (!names) throw new Error(`ENOENT: ${folder}`);
    return names;
  };
  assert.deepEqual(listRevisionFiles(['/m/versions', '/m/missing'], readDir), ['/m/versions/0001_a.py', '/m/versions/0002_b.py']);
  assert.equal(isRevisionFileName('0003_c.py'), true);
  assert.equal(isRevisionFileName('__init__.py'), false);
});
