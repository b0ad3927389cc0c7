import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  adHocLocation,
  findScriptLocations,
  listMigrationFiles,
  locationForFile,
  splitVersionLocations,
} from '../../../server/src/core/graph/locations';
import { NodeFileSystem } from '../../../server/src/host/node-fs';
import { fixturePath } from '../../helpers/repo';
import type { ProjectNotice } from '../../../server/src/core/types';
import { MemoryFileSystem } from './memory-fs';

const REV = (id: string): string => `"""m"""\nrevision = "${id}"\ndown_revision = None\n`;

test('alembic.ini with %(here)s: the location and its versions folder', () => {
  const fs = new MemoryFileSystem({
    '/repo/backend/alembic.ini': '[alembic]\nscript_location = %(here)s/database_migrations\n',
    '/repo/backend/database_migrations/env.py': '',
    '/repo/backend/database_migrations/versions/0001_init.py': REV('0001'),
  });
  assert.deepEqual(findScriptLocations(['/repo'], fs), [
    {
      path: '/repo/backend/database_migrations',
      versionDirs: ['/repo/backend/database_migrations/versions'],
      iniFile: '/repo/backend/alembic.ini',
      alembicIni: '/repo/backend/alembic.ini',
    },
  ]);
});

test('sqlalchemy.url of the ini\'s [alembic] section, interpolated as configparser does, for every location it declares', () => {
  const fs = new MemoryFileSystem({
    '/w/backend/alembic.ini': [
      '[DEFAULT]',
      'db = shop',
      '[alembic]',
      'script_location = migrations',
      'sqlalchemy.url = postgresql://ini:p%%40ss@inihost/%(db)s?sslmode=disable&application_name=%(here)s',
      '[otherdb]',
      'script_location = other',
      'sqlalchemy.url = postgresql://elsewhere/other',
    ].join('\n'),
    '/w/backend/migrations/versions/a.py': REV('a'),
    '/w/backend/other/versions/b.py': REV('b'),
  });
  const url = 'postgresql://ini:p%40ss@inihost/shop?sslmode=disable&application_name=/w/backend';
  assert.deepEqual(
    findScriptLocations(['/w'], fs).map((l) => [l.path, l.alembicIni, l.sqlalchemyUrl]),
    [
      ['/w/backend/migrations', '/w/backend/alembic.ini', url],
      // `alembic -c alembic.ini` without --name reads [alembic]: the client runs it so.
      ['/w/backend/other', '/w/backend/alembic.ini', url],
    ],
  );
  const bare = new MemoryFileSystem({ '/w/alembic.ini': '[alembic]\nscript_location = m\n', '/w/m/versions/a.py': REV('a') });
  assert.deepEqual(findScriptLocations(['/w'], bare).map((l) => [l.alembicIni, 'sqlalchemyUrl' in l]), [['/w/alembic.ini', false]]);
});

test('[tool.alembic] locations take sqlalchemy.url from the alembic.ini beside pyproject.toml', () => {
  const fs = new MemoryFileSystem({
    '/p/pyproject.toml': '[tool.alembic]\nscript_location = "%(here)s/alembic"\n',
    '/p/alembic.ini': '[alembic]\nsqlalchemy.url = postgresql://app@db/app\n',
    '/p/alembic/versions/a.py': REV('a'),
  });
  assert.deepEqual(findScriptLocations(['/p'], fs), [
    { path: '/p/alembic', versionDirs: ['/p/alembic/versions'], iniFile: '/p/pyproject.toml', alembicIni: '/p/alembic.ini', sqlalchemyUrl: 'postgresql://app@db/app' },
  ]);
});

test('a relative script_location resolves against the ini folder', () => {
  const fs = new MemoryFileSystem({
    '/repo/svc/alembic.ini': '[alembic]\nscript_location = migrations\n',
    '/repo/svc/migrations/versions/a.py': REV('a'),
  });
  const [location] = findScriptLocations(['/repo'], fs);
  assert.equal(location?.path, '/repo/svc/migrations');
  assert.deepEqual(location?.versionDirs, ['/repo/svc/migrations/versions']);
});

test('a package:path script_location is looked up under the ini folder, then the root', () => {
  const fs = new MemoryFileSystem({
    '/repo/deploy/alembic.ini': '[alembic]\nscript_location = myapp.db:migrations\n',
    '/repo/myapp/db/migrations/versions/a.py': REV('a'),
  });
  const [location] = findScriptLocations(['/repo'], fs);
  assert.equal(location?.path, '/repo/myapp/db/migrations');
});

test('version_locations: legacy space/comma split, path_separator and version_path_separator', () => {
  assert.deepEqual(splitVersionLocations('a b,c, d', undefined), ['a', 'b', 'c', 'd']);
  assert.deepEqual(splitVersionLocations('\n/x/a\n/x/b', undefined), ['/x/a', '/x/b']);
  assert.deepEqual(splitVersionLocations('/p a;/q', ';'), ['/p a', '/q']);
  assert.deepEqual(splitVersionLocations('\n  /x/a\n  /x/b\n', 'newline'), ['/x/a', '/x/b']);
  assert.deepEqual(splitVersionLocations('a:b', ':'), ['a', 'b']);
  assert.deepEqual(splitVersionLocations('a b', 'space'), ['a', 'b']);

  const fs = new MemoryFileSystem({
    '/repo/alembic.ini':
      '[alembic]\nscript_location = db\npath_separator = newline\nversion_locations =\n    %(here)s/db/versions\n    %(here)s/plugins/billing versions\n',
    '/repo/db/versions/a.py': REV('a'),
    '/repo/plugins/billing versions/b.py': REV('b'),
  });
  const locations = findScriptLocations(['/repo'], fs);
  assert.equal(locations.length, 1);
  assert.deepEqual(locations[0]?.versionDirs, ['/repo/db/versions', '/repo/plugins/billing versions']);
  assert.deepEqual(listMigrationFiles(locations[0]!, fs), ['/repo/db/versions/a.py', '/repo/plugins/billing versions/b.py']);
});

test('several inis, and several sections with script_location in one ini, sorted by path', () => {
  const fs = new MemoryFileSystem({
    '/repo/b/alembic.ini': '[alembic]\nscript_location = migrations\n',
    '/repo/b/migrations/versions/x.py': REV('x'),
    '/repo/a/alembic.ini': '[loggers]\nkeys = root\n[users]\nscript_location = users_db\n[orders]\nscript_location = orders_db\n',
    '/repo/a/users_db/versions/u.py': REV('u'),
    '/repo/a/orders_db/versions/o.py': REV('o'),
  });
  assert.deepEqual(
    findScriptLocations(['/repo'], fs).map((l) => l.path),
    ['/repo/a/orders_db', '/repo/a/users_db', '/repo/b/migrations'],
  );
});

test('a versions/ folder with migrations and no ini is a location; one without migrations is not', () => {
  const fs = new MemoryFileSystem({
    '/repo/plugin/migrations/versions/1.py': REV('1'),
    '/repo/docs/versions/notes.py': 'print("not a migration")\n',
    '/repo/annotated/versions/2.py': 'revision: str = "2"\n',
  });
  assert.deepEqual(
    findScriptLocations(['/repo'], fs).map((l) => [l.path, l.versionDirs]),
    [
      ['/repo/annotated', ['/repo/annotated/versions']],
      ['/repo/plugin/migrations', ['/repo/plugin/migrations/versions']],
    ],
  );
});

test('a versions/ folder covered by an ini is not listed twice; venv, node_modules and dot folders are skipped', () => {
  const fs = new MemoryFileSystem({
    '/repo/alembic.ini': '[alembic]\nscript_location = db\n',
    '/repo/db/versions/a.py': REV('a'),
    '/repo/db/versions/sub/versions/b.py': REV('b'),
    '/repo/.venv/lib/python3.12/site-packages/pkg/migrations/versions/c.py': REV('c'),
    '/repo/venv/lib/pkg/migrations/versions/d.py': REV('d'),
    '/repo/node_modules/x/versions/e.py': REV('e'),
    '/repo/.cache/versions/f.py': REV('f'),
  });
  assert.deepEqual(findScriptLocations(['/repo'], fs).map((l) => l.path), ['/repo/db']);
});

test('a root that is a versions folder, or a folder of migrations, is found; the ini above a root is used', () => {
  const fs = new MemoryFileSystem({
    '/repo/backend/alembic.ini': '[alembic]\nscript_location = migrations\nversion_locations = %(here)s/migrations/versions %(here)s/extra\n',
    '/repo/backend/migrations/versions/a.py': REV('a'),
    '/repo/backend/extra/b.py': REV('b'),
    '/loose/0001.py': REV('0001'),
  });
  const fromVersions = findScriptLocations(['/repo/backend/migrations/versions'], fs);
  assert.deepEqual(fromVersions.map((l) => [l.path, l.versionDirs]), [
    ['/repo/backend/migrations', ['/repo/backend/migrations/versions', '/repo/backend/extra']],
  ]);
  assert.deepEqual(findScriptLocations(['/loose'], fs), [{ path: '/loose', versionDirs: ['/loose'], recursive: false }]);
  assert.deepEqual(findScriptLocations(['/nowhere'], fs), []);
});

test('an ini whose script_location does not exist declares nothing', () => {
  const fs = new MemoryFileSystem({ '/repo/alembic.ini': '[alembic]\nscript_location = gone\n', '/repo/x.txt': '' });
  assert.deepEqual(findScriptLocations(['/repo'], fs), []);
});

test('[tool.alembic] in pyproject.toml (Alembic 1.16), unless alembic.ini declares the location', () => {
  const fs = new MemoryFileSystem({
    '/p1/pyproject.toml': '[tool.alembic]\nscript_location = "%(here)s/alembic"\nversion_locations = ["%(here)s/alembic/versions", "%(here)s/more"]\n',
    '/p1/alembic/versions/a.py': REV('a'),
    '/p1/more/b.py': REV('b'),
    '/p2/pyproject.toml': '[tool.alembic]\nscript_location = "from_toml"\n',
    '/p2/alembic.ini': '[alembic]\nscript_location = from_ini\n',
    '/p2/from_ini/versions/c.py': REV('c'),
    '/p2/from_toml/versions/d.py': REV('d'),
    '/p3/pyproject.toml': '[tool.alembic\nbroken',
  });
  assert.deepEqual(findScriptLocations(['/p1'], fs), [
    { path: '/p1/alembic', versionDirs: ['/p1/alembic/versions', '/p1/more'], iniFile: '/p1/pyproject.toml' },
  ]);
  // from_toml/versions is still found as a plain versions folder: it holds migrations.
  assert.deepEqual(findScriptLocations(['/p2'], fs).map((l) => [l.path, l.iniFile]), [
    ['/p2/from_ini', '/p2/alembic.ini'],
    ['/p2/from_toml', undefined],
  ]);
  assert.deepEqual(findScriptLocations(['/p3'], fs), []);
});

test('the depth limit stops deep walks', () => {
  const deep = '/r/' + Array.from({ length: 12 }, (_, i) => `d${i}`).join('/');
  const fs = new MemoryFileSystem({ [`${deep}/versions/a.py`]: REV('a'), '/r/shallow/versions/b.py': REV('b') });
  assert.deepEqual(findScriptLocations(['/r'], fs).map((l) => l.path), ['/r/shallow']);
});

test('locationForFile: recursive subfolders count, the innermost version folder wins', () => {
  const outer = { path: '/r/db', versionDirs: ['/r/db/versions'] };
  const inner = { path: '/r/db/versions/plugin', versionDirs: ['/r/db/versions/plugin/versions'] };
  const locations = [outer, inner];
  assert.equal(locationForFile('/r/db/versions/a.py', locations), outer);
  assert.equal(locationForFile('/r/db/versions/2024/b.py', locations), outer);
  assert.equal(locationForFile('/r/db/versions/plugin/versions/c.py', locations), inner);
  assert.equal(locationForFile('/r/db/versions_old/d.py', locations), undefined);
  assert.equal(locationForFile('/r/db/env.py', locations), undefined);
});

test('listMigrationFiles: recursive, sorted, no __init__.py, dotfiles or __pycache__', () => {
  const fs = new MemoryFileSystem({
    '/r/db/versions/0002_b.py': '',
    '/r/db/versions/0001_a.py': '',
    '/r/db/versions/__init__.py': '',
    '/r/db/versions/.#0003_lock.py': '',
    '/r/db/versions/notes.txt': '',
    '/r/db/versions/2024/0003_c.py': '',
    '/r/db/versions/__pycache__/0001_a.cpython-312.py': '',
  });
  assert.deepEqual(listMigrationFiles({ path: '/r/db', versionDirs: ['/r/db/versions'] }, fs), [
    '/r/db/versions/0001_a.py',
    '/r/db/versions/0002_b.py',
    '/r/db/versions/2024/0003_c.py',
  ]);
  assert.deepEqual(listMigrationFiles(adHocLocation('/r/db/versions/2024'), fs), ['/r/db/versions/2024/0003_c.py']);
});

test('an ad-hoc location (a folder given as is) does not reach into subfolders', () => {
  const fs = new MemoryFileSystem({ '/ws/0001.py': REV('0001'), '/ws/app/models.py': 'revision = 3\n', '/ws/app/deep/x.py': '' });
  const [location] = findScriptLocations(['/ws'], fs);
  assert.deepEqual(listMigrationFiles(location!, fs), ['/ws/0001.py']);
  assert.equal(locationForFile('/ws/0002.py', [location!]), location);
  assert.equal(locationForFile('/ws/app/models.py', [location!]), undefined);
});

test('on disk: a project with version_locations split by os.pathsep, a plugin without an ini, a .venv to skip', () => {
  const root = fixturePath('graph', 'plugins-project');
  const disk = new NodeFileSystem();
  const locations = findScriptLocations([root], disk);
  const backend = path.join(root, 'backend');
  assert.deepEqual(locations, [
    {
      path: path.join(backend, 'database_migrations'),
      versionDirs: [path.join(backend, 'database_migrations', 'versions'), path.join(backend, 'extra_versions')],
      iniFile: path.join(backend, 'alembic.ini'),
      alembicIni: path.join(backend, 'alembic.ini'),
      sqlalchemyUrl: 'postgresql://localhost/app',
    },
    { path: path.join(root, 'plugins', 'billing', 'migrations'), versionDirs: [path.join(root, 'plugins', 'billing', 'migrations', 'versions')] },
  ]);
  assert.deepEqual(
    listMigrationFiles(locations[0]!, disk).map((f) => path.relative(root, f)),
    ['backend/database_migrations/versions/0001_create_users.py', 'backend/extra_versions/0002_add_email.py'],
  );
  assert.equal(locationForFile(path.join(backend, 'extra_versions', '0002_add_email.py'), locations), locations[0]);
});

test('a script_location or version_locations outside the project is not read, and says so', () => {
  const fs = new MemoryFileSystem({
    '/w/alembic.ini': '[alembic]\nscript_location = /\nversion_locations = /usr /etc %(here)s/versions\n',
    '/w/versions/0001.py': REV('0001'),
    '/usr/lib/x.py': REV('usr'),
    '/etc/y.py': REV('etc'),
  });
  const notices: ProjectNotice[] = [];
  assert.deepEqual(findScriptLocations(['/w'], fs, notices).map((l) => [l.path, l.versionDirs]), [['/', ['/w/versions']]]);
  assert.deepEqual(notices, [
    { severity: 'warning', file: '/w/alembic.ini', line: 3, message: '[alembic] version_locations names /usr, outside the project (/w): its files are not read' },
    { severity: 'warning', file: '/w/alembic.ini', line: 3, message: '[alembic] version_locations names /etc, outside the project (/w): its files are not read' },
  ]);
  const relative = new MemoryFileSystem({ '/w/alembic.ini': '[alembic]\nscript_location = ../elsewhere\n', '/elsewhere/versions/a.py': REV('a') });
  const found: ProjectNotice[] = [];
  assert.deepEqual(findScriptLocations(['/w'], relative, found), []);
  assert.deepEqual(found.map((n) => [n.line, n.message]), [[2, '[alembic] script_location names /elsewhere/versions, outside the project (/w): its files are not read']]);
});

test('a %(name)s naming nothing, or a lone %, in the options Alembic reads: an error notice on the ini line', () => {
  const fs = new MemoryFileSystem({
    '/w/alembic.ini': '[DEFAULT]\nbase = m\n[alembic]\nscript_location = %(base)s\nversion_locations = %(nope)s/versions\n[other]\nscript_location = 100%/m\n',
    '/w/m/versions/0001.py': REV('0001'),
  });
  const notices: ProjectNotice[] = [];
  findScriptLocations(['/w'], fs, notices);
  assert.deepEqual(
    notices.filter((n) => n.severity === 'error').map((n) => [n.line, n.message]),
    [
      [5, '[alembic] version_locations: %(nope)s names no option of [alembic] or [DEFAULT]: Alembic stops with an interpolation error'],
      [7, `[other] script_location: '%' must be followed by '%' or '(name)s' (at "%/m"): Alembic stops with an interpolation error`],
    ],
  );
});

test('on disk: a script location that is a symbolic link out of the project is not read, and says so', () => {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-locations-')));
  try {
    const root = path.join(base, 'project');
    fs.mkdirSync(path.join(base, 'elsewhere', 'versions'), { recursive: true });
    fs.writeFileSync(path.join(base, 'elsewhere', 'versions', '0001.py'), REV('0001'));
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'alembic.ini'), '[alembic]\nscript_location = migrations\n');
    fs.symlinkSync(path.join(base, 'elsewhere'), path.join(root, 'migrations'));
    const notices: ProjectNotice[] = [];
    assert.deepEqual(findScriptLocations([root], new NodeFileSystem(), notices), []);
    assert.deepEqual(notices.map((n) => [n.severity, n.line, n.message]), [
      ['warning', 2, `[alembic] script_location names ${root}/migrations/versions, a symbolic link to ${base}/elsewhere/versions outside the project (${root}): its files are not read`],
    ]);
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
});
