// The schema oracle's reader and comparison live in server/src/host/catalog-schema.ts (verify uses them too); the
// static model's side of the comparison is the CLI's own output.
import type { SchemaJson } from '../../common/schema-json';
import { runCli } from '../unit/cli/run-cli';

export { byName, compareWithModel, dumpCatalogSchema, emptySchema, qualifiedName, type DumpOptions } from '../../server/src/host/catalog-schema';

/** What `alembic-lint schema <dir> --revision <id> --format json` prints: the static model the catalogs judge. */
export async function schemaModelAt(dir: string, revision: string): Promise<SchemaJson> {
  const result = await runCli(['schema', '.', '--revision', revision, '--format', 'json'], { cwd: dir });
  if (result.code !== 0) throw new Error(`alembic-lint schema --revision ${revision} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as SchemaJson;
}
