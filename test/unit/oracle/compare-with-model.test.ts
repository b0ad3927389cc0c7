// compareWithModel: the judge's report of where the static schema model and PostgreSQL's catalogs disagree.
// Pure: schemas written by hand, no database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SchemaJson, TableJson } from '../../../common/schema-json';
import { compareWithModel, emptySchema } from '../../db/catalog-schema';

function users(overrides: Partial<TableJson> = {}): TableJson {
  return {
    name: 'users',
    columns: [
      { name: 'id', type: 'integer', nullable: false, default: "nextval('users_id_seq'::regclass)" },
      { name: 'email', type: 'character varying(20)', nullable: false, default: null },
    ],
    indexes: [{ name: 'users_pkey', columns: ['id'], unique: true }],
    constraints: [{ name: 'users_pkey', kind: 'primary key', columns: ['id'] }],
    ...overrides,
  };
}

function schema(overrides: Partial<SchemaJson> = {}): SchemaJson {
  return {
    ...emptySchema(),
    revision: '0001',
    tables: [users()],
    sequences: [{ name: 'users_id_seq', ownedBy: { table: 'users', column: 'id' } }],
    ...overrides,
  };
}

test('equal schemas have no differences', () => {
  assert.deepEqual(compareWithModel(schema(), schema()), []);
  assert.deepEqual(compareWithModel(emptySchema(), emptySchema()), []);
});

test('a column type difference is named by its path, model first', () => {
  const model = schema({ tables: [users({ columns: [users().columns[0]!, { name: 'email', type: 'text', nullable: false, default: null }] })] });
  assert.deepEqual(compareWithModel(schema(), model), ["tables[users].columns[email].type: model 'text' vs catalog 'character varying(20)'"]);
});

test('objects only one side has, on every list', () => {
  const catalog = schema({ extensions: ['pgcrypto'], schemas: ['audit'], views: [{ name: 'v', materialized: false }] });
  const model = schema({
    revision: '0002',
    enums: [{ name: 'mood', labels: ['ok'] }],
    functions: [{ name: 'f', arguments: 'integer' }],
    triggers: [{ name: 't', table: 'users' }],
    sequences: [],
  });
  assert.deepEqual(compareWithModel(catalog, model), [
    "revision: model '0002' vs catalog '0001'",
    'enums[mood]: in the model, not in the catalog',
    'sequences[users_id_seq]: in the catalog, not in the model',
    'views[v]: in the catalog, not in the model',
    'functions[f(integer)]: in the model, not in the catalog',
    'triggers[t on users]: in the model, not in the catalog',
    'extensions[pgcrypto]: in the catalog, not in the model',
    'schemas[audit]: in the catalog, not in the model',
  ]);
});

test('indexes, constraints, enum labels, owners and nullability and defaults', () => {
  const catalog = schema({ enums: [{ name: 'mood', labels: ['sad', 'ok', 'happy'] }] });
  const model = schema({
    enums: [{ name: 'mood', labels: ['sad', 'happy'] }],
    sequences: [{ name: 'users_id_seq' }],
    tables: [
      users({
        columns: [
          { name: 'id', type: 'integer', nullable: true, default: null },
          { name: 'email', type: 'character varying(20)', nullable: false, default: null },
        ],
        indexes: [{ name: 'users_pkey', columns: ['id', 'email'], unique: false }],
        constraints: [{ name: 'users_pkey', kind: 'foreign key', columns: ['id'], references: { table: 'audit.people', columns: ['id'] } }],
      }),
    ],
  });
  assert.deepEqual(compareWithModel(catalog, model), [
    'tables[users].columns[id].nullable: model true vs catalog false',
    "tables[users].columns[id].default: model null vs catalog 'nextval(\\'users_id_seq\\'::regclass)'",
    "tables[users].indexes[users_pkey].columns: model ['id', 'email'] vs catalog ['id']",
    'tables[users].indexes[users_pkey].unique: model false vs catalog true',
    "tables[users].constraints[users_pkey].kind: model 'foreign key' vs catalog 'primary key'",
    "tables[users].constraints[users_pkey].references: model {columns: ['id'], table: 'audit.people'} vs catalog null",
    "enums[mood].labels: model ['sad', 'happy'] vs catalog ['sad', 'ok', 'happy']",
    "sequences[users_id_seq].ownedBy: model null vs catalog {column: 'id', table: 'users'}",
  ]);
});

test('the columns\' ordinal order is compared', () => {
  const [id, email] = users().columns;
  const model = schema({ tables: [users({ columns: [email!, id!] })] });
  assert.deepEqual(compareWithModel(schema(), model), ['tables[users].columns: order model [email, id] vs catalog [id, email]']);
});

test('what the model marks unknown is not compared beyond its presence', () => {
  const catalog = schema({ tables: [users(), { name: 'made_as_select', columns: [{ name: 'x', type: 'integer', nullable: true, default: null }], indexes: [], constraints: [] }] });
  const unknownColumn = { name: 'email', type: '', nullable: true, default: null, unknown: true as const };
  const model = schema({
    tables: [
      users({ columns: [users().columns[0]!, unknownColumn], indexes: [{ name: 'users_pkey', columns: [], unique: false, unknown: true }], constraints: [{ name: 'users_pkey', kind: 'check', columns: [], unknown: true }] }),
      { name: 'made_as_select', columns: [], indexes: [], constraints: [], unknown: true },
    ],
  });
  assert.deepEqual(compareWithModel(catalog, model), []);
  // Presence still counts: an unknown table the catalog lacks is reported.
  const missing = schema({ tables: [users(), { name: 'gone', columns: [], indexes: [], constraints: [], unknown: true }] });
  assert.deepEqual(compareWithModel(schema(), missing), ['tables[gone]: in the model, not in the catalog']);
});

test('a model unknown as a whole compares only what both sides name', () => {
  const catalog = schema({ views: [{ name: 'made_at_run_time', materialized: false }] });
  const model: SchemaJson = { ...schema({ tables: [users({ columns: [users().columns[0]!] }), users({ name: 'ghost' })] }), unknown: true };
  assert.deepEqual(compareWithModel(catalog, model), [], 'the runtime-made view and the model\'s ghost table are not reported');
  const wrongType: SchemaJson = { ...schema({ tables: [users({ columns: [{ name: 'id', type: 'bigint', nullable: false, default: "nextval('users_id_seq'::regclass)" }] })] }), unknown: true };
  assert.deepEqual(compareWithModel(catalog, wrongType), ["tables[users].columns[id].type: model 'bigint' vs catalog 'integer'"]);
});
