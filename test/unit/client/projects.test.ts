import assert from 'node:assert/strict';
import { test } from 'node:test';
import { declaredScriptLocations, locationOfRevision, matchProjects, projectLabel, projectOfFile, versionFolders } from '../../../client/src/logic/projects';
import { linear, location, rev } from './tree-model-fixtures';

test('script_location: %(here)s, relative paths, every section; package:resource left to the folder test', () => {
  const ini = ['[alembic]', 'script_location = %(here)s/database_migrations', '', '[otherdb]', 'script_location: migrations/other', '[x]', 'script_location = myapp:migrations', '# script_location = ignored'].join('\n');
  assert.deepEqual(declaredScriptLocations(ini, '/w/backend'), ['/w/backend/database_migrations', '/w/backend/migrations/other']);
  assert.deepEqual(declaredScriptLocations('script_location = /abs/path\r\n', '/w'), ['/abs/path']);
});

test('locations go to the ini that declares them, else to the innermost ini folder holding them, else nowhere', () => {
  const declared = { ...linear(2), path: '/w/shared/migrations' };
  const inner = { ...linear(2), path: '/w/svc/api/db' };
  const orphan = { ...linear(2), path: '/w/loose/versions-parent' };
  const { projects, orphans } = matchProjects(
    [
      { iniPath: '/w/svc/alembic.ini', text: '[alembic]\nscript_location = ../shared/migrations\n' },
      { iniPath: '/w/svc/api/alembic.ini', text: undefined },
    ],
    [declared, inner, orphan],
  );
  assert.deepEqual(
    projects.map((p) => [p.iniPath, p.dir, p.locations.map((l) => l.path)]),
    [
      ['/w/svc/alembic.ini', '/w/svc', ['/w/shared/migrations']],
      ['/w/svc/api/alembic.ini', '/w/svc/api', ['/w/svc/api/db']],
    ],
  );
  assert.deepEqual(orphans.map((o) => o.path), ['/w/loose/versions-parent']);
});

test('an ini without locations in the graph is still a project (its migrations may not exist yet)', () => {
  const { projects } = matchProjects([{ iniPath: '/w/new/alembic.ini', text: '[alembic]\nscript_location = migrations\n' }], []);
  assert.deepEqual(projects.map((p) => [p.dir, p.locations.length]), [['/w/new', 0]]);
});

test('labels: relative to the workspace folder, prefixed in multi-root workspaces', () => {
  const one = [{ name: 'shop', path: '/w/shop' }];
  assert.equal(projectLabel('/w/shop/backend', one), 'backend');
  assert.equal(projectLabel('/w/shop', one), 'shop');
  const two = [...one, { name: 'billing', path: '/w/billing' }];
  assert.equal(projectLabel('/w/billing/svc/api', two), 'billing/svc/api');
  assert.equal(projectLabel('/elsewhere/x', two), '/elsewhere/x');
});

test('projectOfFile picks the innermost project; versionFolders and locationOfRevision read the graph', () => {
  const projects = [{ dir: '/w' }, { dir: '/w/backend' }];
  assert.equal(projectOfFile(projects, '/w/backend/database_migrations/versions/0001.py')?.dir, '/w/backend');
  assert.equal(projectOfFile(projects, '/w/README.md')?.dir, '/w');
  assert.equal(projectOfFile(projects, '/x/y'), undefined);
  const loc = location([rev('0002', ['0001'], { file: '/m/versions/sub/0002.py' }), rev('0001', [], { file: '/m/versions/0001.py' })], [], '/m');
  assert.deepEqual(versionFolders(loc), ['/m/versions', '/m/versions/sub']);
  assert.deepEqual(versionFolders(location([], [], '/empty')), ['/empty/versions']);
  assert.equal(locationOfRevision([linear(1), loc], '0002'), loc);
  assert.equal(locationOfRevision([loc], 'nope'), undefined);
});
