// The catalogs before a revision's upgrade against those after its downgrade -> problems that name the object and,
// when the static model can tell, the line of the statement that created, dropped or altered it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SchemaJson, TableJson } from '../../../common/schema-json';
import { downgradeProblems } from '../../../server/src/core/verify/problems';
import { parseMigration } from '../../../server/src/core/migration';
import { initParsers } from '../../../server/src/host/parsers';

const empty: SchemaJson = { revision: null, tables: [], enums: [], sequences: [], views: [], functions: [], triggers: [], extensions: [], schemas: [] };
const users = (columns: TableJson['columns']): TableJson => ({ name: 'users', columns, indexes: [], constraints: [] });
const id = { name: 'id', type: 'integer', nullable: false, default: null };

const FILE = `from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("ALTER TABLE users ADD COLUMN IF NOT EXISTS email TEXT")
    op.execute("CREATE TYPE mood AS ENUM ('happy', 'sad')")


def downgrade():
    op.execute("ALTER TABLE users ALTER COLUMN id TYPE BIGINT")
    op.execute("DROP TYPE mood")
`;

test('leftover, missing and changed, each naming its object and the line of its statement', async () => {
  await initParsers();
  const file = parseMigration('/p/versions/0002_x.py', FILE);
  const before: SchemaJson = { ...empty, revision: '0001', tables: [users([id])], enums: [{ name: 'mood', labels: ['happy'] }], extensions: ['pg_trgm'] };
  const after: SchemaJson = {
    ...empty,
    revision: '0002',
    tables: [users([{ ...id, type: 'bigint' }, { name: 'email', type: 'text', nullable: true, default: null }])],
    sequences: [{ name: 'counter' }],
  };
  assert.deepEqual(downgradeProblems(before, after, file), [
    { step: 'downgrade', kind: 'changed', object: 'column users.id', message: "column users.id: the type was 'integer' before the upgrade, 'bigint' after the downgrade", line: 13 },
    { step: 'downgrade', kind: 'leftover', object: 'column users.email', message: 'the downgrade left column users.email behind', line: 8 },
    { step: 'downgrade', kind: 'missing', object: 'type mood', message: 'the downgrade did not restore type mood (it was there before the upgrade)', line: 14 },
    { step: 'downgrade', kind: 'leftover', object: 'sequence counter', message: 'the downgrade left sequence counter behind', line: null },
    { step: 'downgrade', kind: 'missing', object: 'extension pg_trgm', message: 'the downgrade did not restore extension pg_trgm (it was there before the upgrade)', line: null },
  ]);
});

test('the same schema before and after: no problem, whatever the revision fields say', () => {
  assert.deepEqual(downgradeProblems({ ...empty, revision: '0001' }, { ...empty, revision: null }, undefined), []);
});
