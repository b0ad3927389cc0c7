// Migrations written in a line or two, replayed by the schema model, shown in the JSON the CLI prints.
import { before } from 'node:test';
import type { SchemaJson, TableJson } from '../../../common/schema-json';
import { buildGraph } from '../../../server/src/core/graph/build';
import { adHocLocation } from '../../../server/src/core/graph/locations';
import { parseMigration } from '../../../server/src/core/migration';
import { EMPTY_SCHEMA, SchemaHistory, replayFunction, schemaToJson, type ReplayResult, type Schema } from '../../../server/src/core/schema';
import { initParsers } from '../../../server/src/host/parsers';

export function useParsers(): void {
  before(() => initParsers());
}

/** A migration file whose upgrade() has `body` (indented by this helper). */
export function migrationText(body: string, revision = '0001', down: string | null = null, header = ''): string {
  const indented = body
    .trim()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  return `"""m"""\nimport sqlalchemy as sa\nfrom alembic import op\nfrom sqlalchemy.dialects import postgresql\n${header}\nrevision = '${revision}'\ndown_revision = ${down === null ? 'None' : `'${down}'`}\n\n\ndef upgrade():\n${indented}\n\n\ndef downgrade():\n    pass\n`;
}

export function replayBody(body: string, start: Schema = EMPTY_SCHEMA): ReplayResult & { json: SchemaJson } {
  const file = parseMigration('/virtual/versions/0001.py', migrationText(body));
  const result = replayFunction(start, file.upgrade);
  return { ...result, json: schemaToJson(result.schema, '0001') };
}

/** The schema after SQL run with op.execute. */
export function afterSql(...statements: string[]): SchemaJson {
  return replayBody(statements.map((s) => `op.execute(${JSON.stringify(s)})`).join('\n')).json;
}

export function tableOf(json: SchemaJson, name: string): TableJson {
  const table = json.tables.find((t) => t.name === name);
  if (!table) throw new Error(`no table ${name} in ${json.tables.map((t) => t.name).join(', ')}`);
  return table;
}

export const names = (items: { name: string }[]): string[] => items.map((i) => i.name);

/** The schema after each revision of files given as (revision, down_revision, body). */
export function historyOf(revisions: [string, string | string[] | null, string][], history = new SchemaHistory()) {
  const files = revisions.map(([id, down, body]) => {
    const downText = down === null ? null : Array.isArray(down) ? down : down;
    const text = Array.isArray(downText)
      ? migrationText(body, id, null).replace('down_revision = None', `down_revision = (${downText.map((d) => `'${d}'`).join(', ')})`)
      : migrationText(body, id, downText);
    return parseMigration(`/virtual/versions/${id}.py`, text);
  });
  const graph = buildGraph(adHocLocation('/virtual/versions'), files);
  return { history, graph, files, schemas: history.compute(graph) };
}
