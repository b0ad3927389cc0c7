import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { isRevisionFileName } from '../../../common/revision-files';
import { declaresRevision } from '../../../server/src/core/migration/recognize';
import { isWithin } from '../../../common/paths';

test('isWithin: the folder itself and what is below it; not a sibling sharing a prefix, nor the parent', () => {
  assert.ok(isWithin('/repo/backend', '/repo/backend'));
  assert.ok(isWithin('/repo/backend/versions/0001.py', '/repo/backend'));
  assert.ok(isWithin('/repo/backend/..hidden/x.py', '/repo/backend'), 'a name starting with two dots is inside');
  assert.ok(isWithin('/repo/backend', '/repo/backend/'), 'a trailing separator on the folder');
  assert.ok(!isWithin('/repo/backend2/x.py', '/repo/backend'));
  assert.ok(!isWithin('/repo', '/repo/backend'));
  assert.ok(!isWithin('/repo/backend/../other/x.py', '/repo/backend'));
});

test('migration files: the names Alembic loads and the text that declares a revision', () => {
  assert.ok(isRevisionFileName('0001_init.py'));
  assert.ok(!isRevisionFileName('__init__.py'));
  assert.ok(!isRevisionFileName('.0001_init.py'));
  assert.ok(!isRevisionFileName('0001_init.pyc'));
  assert.ok(declaresRevision('"""doc"""\nrevision = "0001"\n'));
  assert.ok(declaresRevision('revision: str = "0001"\n'));
  assert.ok(!declaresRevision('    revision = "0001"\n'), 'not module level');
  assert.ok(!declaresRevision('down_revision = "0001"\n'));
});

test('isWithin answers as path.relative does, for normalized paths and others', () => {
  const slow = (child: string, parent: string): boolean => {
    const relative = path.relative(parent, child);
    return relative === '' || (!path.isAbsolute(relative) && relative !== '..' && !relative.startsWith(`..${path.sep}`));
  };
  const parts = ['', 'a', 'b', 'ab', '.', '..', '..x', 'a.'];
  const paths = new Set<string>(['/', '//', '/a/', '/a//b', '/a/./b']);
  for (const x of parts) for (const y of parts) for (const z of ['', '/']) paths.add(`/${x}/${y}${z}`.replace(/^\/\//, '/'));
  for (const x of parts) paths.add(`/${x}`);
  for (const child of paths) for (const parent of paths) assert.equal(isWithin(child, parent), slow(child, parent), `isWithin(${child}, ${parent})`);
});
