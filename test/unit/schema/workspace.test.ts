// The Workspace makes the schema model only when asked, reads env.py's naming convention for it, and keeps the
// snapshots: a second request after an edit replays only what the edit touched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from '../../../server/src/core/config';
import { ruleDefaults } from '../../../server/src/core/rules';
import { keyOf } from '../../../server/src/core/schema';
import { Workspace } from '../../../server/src/core/workspace';
import { MemoryFileSystem } from '../graph/memory-fs';
import { migrationText, useParsers } from './helpers';

useParsers();

test('revisionSchemas: env.py naming convention applied, snapshots reused after an edit elsewhere', () => {
  const versions = '/mem/project/migrations/versions';
  const memory = new MemoryFileSystem({
    '/mem/project/alembic.ini': '[alembic]\nscript_location = %(here)s/migrations\n',
    '/mem/project/migrations/env.py': 'import sqlalchemy as sa\ntarget_metadata = sa.MetaData(naming_convention={"pk": "pk_%(table_name)s"})\n',
    [`${versions}/0001.py`]: migrationText('op.create_table("t", sa.Column("id", sa.Integer(), primary_key=True))', '0001'),
    [`${versions}/0002.py`]: migrationText('op.execute("CREATE TABLE u (id int PRIMARY KEY)")', '0002', '0001'),
  });
  const ws = new Workspace(memory, ['/mem/project'], resolveConfig({}, ruleDefaults()).config);
  ws.load();
  const graph = ws.graphs()[0]!;
  const schemas = ws.revisionSchemas(graph);
  const head = schemas.get('0002')!.schema;
  assert.deepEqual([...head.tables.values()].map(keyOf).sort(), ['t', 'u']);
  assert.equal(head.tables.get('t')!.constraints[0]!.name, 'pk_t');
  assert.equal(head.tables.get('u')!.constraints[0]!.name, 'u_pkey');
  ws.update(`${versions}/0002.py`, migrationText('op.execute("CREATE TABLE v (id int PRIMARY KEY)")', '0002', '0001'));
  const again = ws.revisionSchemas(ws.graphs()[0]!);
  assert.equal(again.get('0001'), schemas.get('0001'), 'the unchanged parent is not replayed');
  assert.deepEqual([...again.get('0002')!.schema.tables.values()].map(keyOf).sort(), ['t', 'v']);
});

/** A revision file with both functions given. */
function revisionText(id: string, down: string | null, upgrade: string, downgrade: string): string {
  return `from alembic import op\n\nrevision = '${id}'\ndown_revision = ${down === null ? 'None' : `'${down}'`}\n\n\ndef upgrade():\n    ${upgrade}\n\n\ndef downgrade():\n    ${downgrade}\n`;
}

test('schema findings follow the parent: an edit of its upgrade re-judges the children, an edit of its downgrade does not', () => {
  const versions = '/mem/project/migrations/versions';
  const parent = `${versions}/0001.py`;
  const child = `${versions}/0002.py`;
  const memory = new MemoryFileSystem({
    '/mem/project/alembic.ini': '[alembic]\nscript_location = %(here)s/migrations\n',
    [parent]: revisionText('0001', null, 'op.execute("CREATE TABLE IF NOT EXISTS users (id int)")', 'op.execute("DROP TABLE IF EXISTS users")'),
    // Re-declares users: against 0001 its downgrade drops a table the parent made.
    [child]: revisionText('0002', '0001', 'op.execute("CREATE TABLE IF NOT EXISTS users (id int)")', 'op.execute("DROP TABLE IF EXISTS users")'),
  });
  const ws = new Workspace(memory, ['/mem/project'], resolveConfig({}, ruleDefaults()).config);
  ws.load();
  const symmetry = (file: string): string[] => ws.findings(file).filter((f) => f.rule === 'downgrade-not-symmetric').map((f) => f.message);
  assert.deepEqual(symmetry(child), ['After the downgrade table users is gone, but it existed before the upgrade']);
  assert.deepEqual(symmetry(parent), []);

  // The parent's downgrade changes: the schema before 0002 does not, so 0002 is not re-judged.
  const otherDowngrade = revisionText('0001', null, 'op.execute("CREATE TABLE IF NOT EXISTS users (id int)")', 'op.execute("DROP TABLE users")');
  assert.deepEqual([...ws.update(parent, otherDowngrade)], [parent]);
  assert.equal(ws.upgradeEdited, false);
  assert.deepEqual(ws.staleSchemaFiles(), []);

  // The parent now makes "accounts": 0002's users is its own, and its downgrade undoes it. The edit answers for
  // the parent alone; the child is named as stale when asked (the editor asks once typing pauses).
  const renamed = revisionText('0001', null, 'op.execute("CREATE TABLE IF NOT EXISTS accounts (id int)")', 'op.execute("DROP TABLE accounts")');
  assert.deepEqual([...ws.update(parent, renamed)], [parent]);
  assert.deepEqual(symmetry(parent), []);
  assert.equal(ws.upgradeEdited, true);
  assert.deepEqual(ws.staleSchemaFiles(), [child]);
  assert.equal(ws.upgradeEdited, false);
  assert.deepEqual(symmetry(child), []);
  assert.deepEqual(symmetry(parent), []);
});

test('schema findings: a rule turned off reports nothing, and a configuration change re-judges', () => {
  const versions = '/mem/project/migrations/versions';
  const file = `${versions}/0001.py`;
  const memory = new MemoryFileSystem({
    '/mem/project/alembic.ini': '[alembic]\nscript_location = %(here)s/migrations\n',
    [file]: revisionText('0001', null, 'op.execute("CREATE TABLE IF NOT EXISTS users (id int)")', 'op.execute("DROP TABLE IF EXISTS users_old")'),
  });
  const off = resolveConfig({ overrides: { rules: { 'downgrade-not-symmetric': 'off' } } }, ruleDefaults()).config;
  const ws = new Workspace(memory, ['/mem/project'], off);
  ws.load();
  assert.deepEqual(ws.findings(file).filter((f) => f.rule === 'downgrade-not-symmetric'), []);
  ws.setConfig(resolveConfig({}, ruleDefaults()).config);
  assert.deepEqual(
    ws.findings(file).filter((f) => f.rule === 'downgrade-not-symmetric').map((f) => f.message),
    ['The upgrade creates table users but the downgrade does not drop it'],
  );
});

test("schema findings use env.py's naming convention: a constraint op.* leaves unnamed is dropped by its convention name", () => {
  const versions = '/mem/project/migrations/versions';
  const file = `${versions}/0002.py`;
  const files = (downgrade: string): Record<string, string> => ({
    '/mem/project/alembic.ini': '[alembic]\nscript_location = %(here)s/migrations\n',
    '/mem/project/migrations/env.py': 'import sqlalchemy as sa\ntarget_metadata = sa.MetaData(naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s"})\n',
    [`${versions}/0001.py`]: revisionText('0001', null, 'op.execute("CREATE TABLE IF NOT EXISTS users (id int, email text)")', 'op.execute("DROP TABLE IF EXISTS users")'),
    [file]: revisionText('0002', '0001', 'op.create_unique_constraint(None, "users", ["email"])', `op.execute("${downgrade}")`),
  });
  const symmetry = (downgrade: string): string[] => {
    const ws = new Workspace(new MemoryFileSystem(files(downgrade)), ['/mem/project'], resolveConfig({}, ruleDefaults()).config);
    ws.load();
    return ws.findings(file).filter((f) => f.rule === 'downgrade-not-symmetric').map((f) => f.message);
  };
  assert.deepEqual(symmetry('ALTER TABLE users DROP CONSTRAINT uq_users_email'), []);
  // PostgreSQL's own name is not the one the convention gave.
  assert.deepEqual(symmetry('ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_key'), [
    'The upgrade creates constraint uq_users_email on users but the downgrade does not drop it',
  ]);
});
