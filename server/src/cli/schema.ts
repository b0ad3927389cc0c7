// `alembic-lint schema PATH [--revision REV]`: the schema the migrations build, as the model replays them.
import type { FileSystem } from '../core/fs';
import type { RevisionGraph } from '../core/graph/types';
import { EMPTY_SCHEMA, schemaToJson, schemaToText } from '../core/schema';
import type { ProjectNotice } from '../core/types';
import type { ParseAheadOptions } from '../host/parse/parse-pool';
import type { SchemaCommand } from './args';
import { UsageError } from './errors';
import { dedupeNotices, displayPath } from './report';
import { loadTargets, resolveTargets } from './targets';

export async function runSchema(fs: FileSystem, command: SchemaCommand, cwd: string, parsing: ParseAheadOptions = {}): Promise<{ output: string; notices: ProjectNotice[] }> {
  const { loaded } = await loadTargets(fs, resolveTargets(fs, [command.path], cwd), {}, parsing);
  const notices = dedupeNotices(loaded.flatMap(({ project }) => project.workspace.notices()));
  const found = loaded.flatMap(({ project }) => project.workspace.graphs().map((graph) => ({ graph, workspace: project.workspace })));
  const seen = new Set<string>();
  const graphs = found.filter(({ graph }) => !seen.has(graph.location.path) && seen.add(graph.location.path));
  if (graphs.length === 0) throw new UsageError(`no Alembic migrations found in ${command.path}`);
  if (graphs.length > 1) {
    const names = graphs.map(({ graph }) => displayPath(graph.location.path, cwd)).join(', ');
    throw new UsageError(`${command.path} holds several script locations (${names}): name one of them`);
  }
  const { graph, workspace } = graphs[0]!;
  const revision = chooseRevision(graph, command.revision);
  const schema = revision === null ? EMPTY_SCHEMA : workspace.revisionSchemas(graph).get(revision)!.schema;
  const json = schemaToJson(schema, revision);
  const output = command.format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : schemaToText(json);
  return { output, notices };
}

/** The revision asked for: an id or a unique prefix of one, `head` (the only head), `base`; by default the only head. */
function chooseRevision(graph: RevisionGraph, asked: string | undefined): string | null {
  if (asked === 'base') return null;
  if (asked === undefined || asked === 'head' || asked === 'heads') {
    if (graph.heads.length === 1) return graph.heads[0]!;
    if (graph.heads.length === 0) throw new UsageError('the history has no head (a cycle?): name a revision with --revision');
    throw new UsageError(`the history has ${graph.heads.length} heads (${graph.heads.join(', ')}): name one with --revision`);
  }
  if (graph.nodes.has(asked)) return asked;
  const matches = [...graph.nodes.keys()].filter((id) => id.startsWith(asked));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new UsageError(`--revision ${asked} is ambiguous: ${matches.sort().join(', ')}`);
  throw new UsageError(`--revision ${asked}: no such revision`);
}
