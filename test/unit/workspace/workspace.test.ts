import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initParsers } from '../../../server/src/host/parsers';
import type { FileSystem } from '../../../server/src/core/fs';
import { Workspace } from '../../../server/src/core/workspace';
import { defaultConfig } from '../../helpers/lint';
import { MemoryFileSystem } from '../graph/memory-fs';

const V = '/proj/backend/database_migrations/versions';

function migration(rev: string, down: string | null, upgrade = 'op.execute("SELECT 1")'): string {
  return [
    `"""${rev}\n\nRevision ID: ${rev}\nRevises: ${down ?? ''}\n"""`,
    'from alembic import op',
    `revision = "${rev}"`,
    `down_revision = ${down === null ? 'None' : `"${down}"`}`,
    '',
    'def upgrade() -> None:',
    `    ${upgrade}`,
    '',
    'def downgrade() -> None:',
    '    op.execute("SELECT 1")',
    '',
  ].join('\n');
}

function project(): MemoryFileSystem {
  return new MemoryFileSystem({
    '/proj/backend/alembic.ini': '[alembic]\nscript_location = %(here)s/database_migrations\n',
    '/proj/backend/database_migrations/env.py': 'from alembic import context\n',
    [`${V}/0001_a.py`]: migration('0001', null),
    [`${V}/0002_b.py`]: migration('0002', '0001'),
    [`${V}/0003_c.py`]: migration('0003', '0002'),
  });
}

function rulesOf(ws: Workspace, file: string): string[] {
  return ws.findings(file).map((f) => f.rule);
}

before(() => initParsers());

test('loads every migration of the script location and builds its graph', () => {
  const ws = new Workspace(project(), ['/proj'], defaultConfig());
  ws.load();
  assert.deepEqual(ws.paths(), [`${V}/0001_a.py`, `${V}/0002_b.py`, `${V}/0003_c.py`]);
  const [graph] = ws.graphs();
  assert.deepEqual(graph?.heads, ['0003']);
  assert.deepEqual(rulesOf(ws, `${V}/0002_b.py`), []);
  assert.equal(ws.isMigrationPath('/proj/backend/database_migrations/env.py'), false);
});

test('an edit that keeps the revision ids affects only the edited file', () => {
  const ws = new Workspace(project(), ['/proj'], defaultConfig());
  ws.load();
  const affected = ws.update(`${V}/0002_b.py`, migration('0002', '0001', 'op.execute("SELEC 1")'));
  assert.deepEqual([...affected], [`${V}/0002_b.py`]);
  assert.deepEqual(rulesOf(ws, `${V}/0002_b.py`), ['sql-syntax']);
});

test('changing a down_revision re-checks the whole location: a second head shows in an unopened file', () => {
  const ws = new Workspace(project(), ['/proj'], defaultConfig());
  ws.load();
  const affected = ws.update(`${V}/0003_c.py`, migration('0003', '0001'));
  assert.deepEqual([...affected].sort(), [`${V}/0001_a.py`, `${V}/0002_b.py`, `${V}/0003_c.py`]);
  assert.deepEqual(rulesOf(ws, `${V}/0002_b.py`), ['multiple-heads']);
  assert.deepEqual(rulesOf(ws, `${V}/0003_c.py`), ['multiple-heads']);
  // Closing the document without saving goes back to the disk's text.
  ws.update(`${V}/0003_c.py`, undefined);
  assert.deepEqual(rulesOf(ws, `${V}/0002_b.py`), []);
});

test('a deleted file leaves the graph, and its child reports an unknown parent', () => {
  const fs = project();
  const ws = new Workspace(fs, ['/proj'], defaultConfig());
  ws.load();
  fs.delete(`${V}/0002_b.py`);
  ws.update(`${V}/0002_b.py`, undefined);
  assert.equal(ws.file(`${V}/0002_b.py`), undefined);
  // 0003 lost its parent: it is now a second head besides 0001.
  assert.deepEqual(rulesOf(ws, `${V}/0003_c.py`), ['multiple-heads', 'unknown-down-revision']);
  assert.deepEqual(ws.graphs()[0]?.heads.sort(), ['0001', '0003']);
});

test('a migration opened outside every location is checked with its siblings', () => {
  const fs = new MemoryFileSystem({ '/loose/0001_a.py': migration('0001', null), '/loose/0002_b.py': migration('0002', '0001') });
  const ws = new Workspace(fs, ['/elsewhere'], defaultConfig());
  ws.load();
  ws.update('/loose/0002_b.py', migration('0002', '0001'));
  assert.deepEqual(rulesOf(ws, '/loose/0002_b.py'), []);
  ws.update('/loose/0002_b.py', migration('0002', '0042'));
  assert.deepEqual(rulesOf(ws, '/loose/0002_b.py'), ['multiple-heads', 'unknown-down-revision']);
});

test('a file that is not a migration is not analysed', () => {
  const ws = new Workspace(project(), ['/proj'], defaultConfig());
  ws.load();
  ws.update('/proj/app/models.py', 'import os\nx = (\n');
  assert.equal(ws.isMigrationPath('/proj/app/models.py'), false);
  assert.deepEqual(ws.findings('/proj/app/models.py'), []);
});

test('configuration changes apply to cached findings', () => {
  const ws = new Workspace(project(), ['/proj'], defaultConfig());
  ws.load();
  ws.update(`${V}/0002_b.py`, migration('0002', '0001', 'op.execute("SELEC 1")'));
  assert.deepEqual(rulesOf(ws, `${V}/0002_b.py`), ['sql-syntax']);
  ws.setConfig({ ...defaultConfig(), rules: { 'sql-syntax': 'off' } });
  assert.deepEqual(rulesOf(ws, `${V}/0002_b.py`), []);
  ws.setConfig({ ...defaultConfig(), rules: { 'sql-syntax': 'info' } });
  assert.deepEqual(ws.findings(`${V}/0002_b.py`).map((f) => f.severity), ['info']);
});

test('rescan picks up a new script location and keeps open documents', () => {
  const fs = project();
  const ws = new Workspace(fs, ['/proj'], defaultConfig());
  ws.load();
  ws.update(`${V}/0002_b.py`, migration('0002', '0001', 'op.execute("SELEC 1")'));
  fs.write('/proj/plugin/alembic.ini', '[alembic]\nscript_location = migrations\n');
  fs.write('/proj/plugin/migrations/versions/p1.py', migration('p1', null));
  ws.rescan();
  assert.equal(ws.graphs().length, 2);
  assert.deepEqual(rulesOf(ws, `${V}/0002_b.py`), ['sql-syntax']);
});

test('excluded files report nothing but stay in the graph', () => {
  const ws = new Workspace(project(), ['/proj'], { ...defaultConfig(), exclude: ['backend/**/0002_*.py'] });
  ws.load();
  ws.update(`${V}/0002_b.py`, migration('0002', '0001', 'op.execute("SELEC 1")'));
  assert.deepEqual(rulesOf(ws, `${V}/0002_b.py`), []);
  assert.deepEqual(rulesOf(ws, `${V}/0003_c.py`), [], '0003 still finds its parent 0002');
});

test('a file that is not UTF-8 is reported where the bad byte is', () => {
  const fs: MemoryFileSystem & FileSystem = project();
  fs.encodingProblem = (p: string) => (p.endsWith('0002_b.py') ? { message: 'File is not valid UTF-8 (byte 0xff)', offset: 5 } : undefined);
  const ws = new Workspace(fs, ['/proj'], defaultConfig());
  ws.load();
  const [finding] = ws.findings(`${V}/0002_b.py`);
  assert.equal(finding?.rule, 'python-syntax');
  assert.deepEqual(finding?.range, { start: 5, end: 6 });
});

test('a base given by the host: files whose code differs from it are reported, until the base goes or the edit is undone', () => {
  const ws = new Workspace(project(), ['/proj'], defaultConfig());
  ws.load();
  const edited = `${V}/0002_b.py`;
  // Cached findings of the file without a base must not outlive setBase.
  assert.deepEqual(rulesOf(ws, edited), []);
  const texts = new Map<string, string | null>([
    [`${V}/0001_a.py`, migration('0001', null)],
    [edited, migration('0002', '0001', 'op.execute("SELECT 2")')],
    [`${V}/0003_c.py`, null],
  ]);
  // Only the file that differs from the base may change its findings: the others keep theirs.
  assert.deepEqual(ws.setBase({ ref: 'origin/main', texts }), [edited]);
  assert.deepEqual(ws.baseOf(`${V}/0003_c.py`), { ref: 'origin/main', text: null });
  assert.equal(ws.baseOf('/proj/elsewhere.py'), undefined);
  assert.deepEqual(rulesOf(ws, edited), ['applied-migration-modified']);
  assert.match(ws.findings(edited)[0]!.message, /Revision 0002 is already in origin\/main/);
  assert.deepEqual(rulesOf(ws, `${V}/0001_a.py`), []);
  assert.deepEqual(rulesOf(ws, `${V}/0003_c.py`), [], 'new since the base');
  ws.update(edited, migration('0002', '0001', 'op.execute("SELECT 2")  # as in the base'));
  assert.deepEqual(rulesOf(ws, edited), []);
  ws.update(edited, migration('0002', '0001', 'op.execute("SELECT 3")'));
  assert.deepEqual(rulesOf(ws, edited), ['applied-migration-modified']);
  assert.deepEqual(ws.setBase(undefined), [edited]);
  assert.deepEqual(rulesOf(ws, edited), []);
});
