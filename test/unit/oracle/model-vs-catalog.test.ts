// The static schema model against PostgreSQL's catalogs without a database: test/fixtures/schema-oracle/catalog/
// holds what PostgreSQL and PGlite print after each revision (the database suite proves those files on both
// servers and compares the model with the live catalogs too). Quick to run while teaching the model a statement.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { SchemaJson } from '../../../common/schema-json';
import { compareWithModel, schemaModelAt } from '../../db/catalog-schema';
import { fixturePath } from '../../helpers/repo';
import { HANG_GUARD_MS } from '../../helpers/hang-guard';

const ORACLE = fixturePath('schema-oracle');

test('the model at every revision of the oracle fixture agrees with the catalogs PostgreSQL printed', { timeout: HANG_GUARD_MS }, async () => {
  const files = fs.readdirSync(path.join(ORACLE, 'catalog')).filter((f) => f.endsWith('.json')).sort();
  assert.equal(files.length, 13);
  for (const file of files) {
    const id = path.basename(file, '.json');
    const catalog = JSON.parse(fs.readFileSync(path.join(ORACLE, 'catalog', file), 'utf8')) as SchemaJson;
    const model = await schemaModelAt(ORACLE, id);
    assert.deepEqual(compareWithModel(catalog, model), [], `the model at ${id} disagrees with PostgreSQL`);
    assert.equal(model.unknown, undefined, `the model at ${id} gave up`);
  }
});
