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
