import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGraph } from '../../../server/src/core/graph/build';
import { findScriptLocations } from '../../../server/src/core/graph/locations';
import { graphResult } from '../../../server/src/lsp/graph';
import { versionFolders } from '../../../client/src/alembic/new-revision-files';
import { locationOfRevision } from '../../../client/src/graph/revision-walk';
import { matchProjects, projectLabel, projectOfFile } from '../../../client/src/projects/location-owners';
import type { GraphResult } from '../../../protocol';
import { MemoryFileSystem } from '../graph/memory-fs';
import { linear, location, rev } from './tree-model-fixtures';

/** What the server's `alembic/graph` answers for these files (the client reads no alembic.ini itself). */
function serverGraph(root: string, files: Record<string, string>): GraphResult {
  const found = findScriptLocations([root], new MemoryFileSystem(files));
  return graphResult(found.map((l) => buildGraph(l, [])), found);
}

test('script_location: %(here)s, relative paths, every section, package:resource; the graph names the declaring ini', () => {
  const ini = ['[alembic]', 'script_location = %(here)s/database_migrations', '', '[otherdb]', 'script_location: migrations/other', '[x]', 'script_location = myapp:migrations', '# script_location = ignored'].join('\n');
  const graph = serverGraph('/w', {
    '/w/backend/alembic.ini': ini,
    '/w/backend/database_migrations/versions/a.py': '',
    '/w/backend/migrations/other/versions/b.py': '',
    '/w/backend/myapp/migrations/versions/c.py': '',
    '/w/backend/ignored/versions/d.py': '',
  });
  const [backend] = matchProjects(['/w/backend/alembic.ini'], graph.locations, graph.inis).projects;
  assert.deepEqual(backend?.locations.map((l) => [l.path, l.ini]), [
    ['/w/backend/database_migrations', '/w/backend/alembic.ini'],
    ['/w/backend/migrations/other', '/w/backend/alembic.ini'],
    ['/w/backend/myapp/migrations', '/w/backend/alembic.ini'],
  ]);
  // An absolute path inside the project is read (one outside it is not: test/unit/graph/locations.test.ts).
  const absolute = serverGraph('/w', { '/w/alembic.ini': '[alembic]\r\nscript_location = /w/abs/path\r\n', '/w/abs/path/versions/a.py': '' });
  assert.deepEqual(absolute.locations.map((l) => [l.path, l.ini]), [['/w/abs/path', '/w/alembic.ini']]);
});

test('locations go to the ini that declares them, else to the innermost ini folder holding them, else nowhere', () => {
  const declared = { ...linear(2), path: '/w/shared/migrations', ini: '/w/svc/alembic.ini' };
  const inner = { ...linear(2), path: '/w/svc/api/db' };
  const orphan = { ...linear(2), path: '/w/loose/versions-parent' };
  const { projects, orphans } = matchProjects(['/w/svc/alembic.ini', '/w/svc/api/alembic.ini'], [declared, inner, orphan], []);
  assert.deepEqual(
    projects.map((p) => [p.iniPath, p.dir, p.locations.map((l) => l.path)]),
    [
      ['/w/svc/alembic.ini', '/w/svc', ['/w/shared/migrations']],
      ['/w/svc/api/alembic.ini', '/w/svc/api', ['/w/svc/api/db']],
    ],
  );
  assert.deepEqual(orphans.map((o) => o.path), ['/w/loose/versions-parent']);
});

test('a project takes sqlalchemy.url from its ini, as the server read it', () => {
  const graph = serverGraph('/w', {
    '/w/svc/alembic.ini': '[alembic]\nscript_location = %(here)s/db\nsqlalchemy.url = postgresql://app@h/%(here)s\n',
    '/w/svc/db/versions/a.py': '',
    '/w/other/alembic.ini': '[alembic]\nscript_location = db\n',
    '/w/other/db/versions/a.py': '',
  });
  const { projects } = matchProjects(['/w/other/alembic.ini', '/w/svc/alembic.ini'], graph.locations, graph.inis);
  assert.deepEqual(projects.map((p) => [p.iniPath, p.sqlalchemyUrl]), [
    ['/w/other/alembic.ini', undefined],
    ['/w/svc/alembic.ini', 'postgresql://app@h//w/svc'],
  ]);
  // An ini the server did not read (a folder outside the workspace's roots) has no URL to give.
  const unread = matchProjects(['/w/svc/alembic.ini'], [], [{ path: '/w/other/alembic.ini', sqlalchemy_url: 'postgresql://x/y' }]);
  assert.equal(unread.projects[0]?.sqlalchemyUrl, undefined);
});

test('an ini without locations in the graph is still a project (its migrations may not exist yet)', () => {
  const { projects } = matchProjects(['/w/new/alembic.ini'], [], []);
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
