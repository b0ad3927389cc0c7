// The schema oracle's fixture (test/fixtures/schema-oracle) follows the house rules: our own linter finds no error
// in it. Its downgrades are proven right on a real database (test/db/suites/schema-oracle.ts), so the only warnings
// allowed are downgrade-not-symmetric's, which cannot yet see what PostgreSQL drops on its own (a table's owned
// sequence, DROP COLUMN's indexes, USING INDEX's renamed index): issue 9's schema model is to silence them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixturePath } from '../../helpers/repo';
import { checkJson } from '../cli/run-cli';

test('alembic-lint check finds no error in the schema oracle fixture', async () => {
  const { result, diagnostics } = await checkJson([fixturePath('schema-oracle')]);
  const shown = diagnostics.map((d) => `${d.file}:${d.line} ${d.severity} ${d.rule} ${d.message}`).join('\n');
  assert.equal(result.code, 0, `${result.stderr}\n${shown}`);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), [], shown);
  assert.deepEqual(diagnostics.filter((d) => d.rule !== 'downgrade-not-symmetric'), [], shown);
});
