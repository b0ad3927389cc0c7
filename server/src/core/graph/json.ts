// The revision graph as plain JSON (its shape: common/graph-json.ts), for `alembic-lint graph --format json` and the
// language server's `alembic/graph`.
import * as path from 'node:path';
import type { GraphJson, GraphProblem as GraphProblemJson } from '../../../../common/graph-json';
import { analyseDestructive } from '../destructive';
import { revisionIdOf } from './build';
import { historyOrder } from './order';
import { cyclePath, graphProblems, listIds } from './problems';
import type { RevisionGraph } from './types';

export type { GraphJson };

/** With `relativeTo`, paths are relative to it with forward slashes (stable across machines); otherwise absolute. */
export function graphToJson(graphs: readonly RevisionGraph[], relativeTo?: string): GraphJson {
  const files = new Map(graphs.flatMap((g) => g.files.map((f) => [f.path, f] as const)));
  const show = (p: string): string => (relativeTo === undefined ? p : path.relative(relativeTo, p).split(path.sep).join('/') || '.');
  return {
    locations: graphs.map((graph) => ({
      path: show(graph.location.path),
      ini: graph.location.alembicIni === undefined ? null : show(graph.location.alembicIni),
      heads: graph.heads,
      bases: graph.bases,
      revisions: historyOrder(graph).map((id) => {
        const node = graph.nodes.get(id)!;
        const downgrade = analyseDestructive(files.get(node.file)?.downgrade);
        return {
          revision: id,
          file: show(node.file),
          down_revisions: node.parents,
          message: node.message,
          depends_on: node.dependsOn,
          branch_labels: node.branchLabels,
          create_date: node.createDate ?? null,
          downgrade_destructive: downgrade.destructive,
          downgrade_drops_without_data: downgrade.dropsWithoutData,
          downgrade_unanalysed: downgrade.unanalysed,
        };
      }),
      merges: graph.merges,
      branch_points: graph.branchPoints,
      problems: problemsJson(graph, show),
    })),
  };
}

function problemsJson(graph: RevisionGraph, show: (p: string) => string): GraphProblemJson[] {
  const revisionOfFile = new Map(graph.files.map((f) => [f.path, revisionIdOf(f)]));
  return graphProblems(graph).map((problem): GraphProblemJson => {
    switch (problem.kind) {
      case 'unknown-down-revision': {
        const ref = problem.reference;
        const from = revisionOfFile.get(ref.file);
        return { kind: problem.kind, message: `${show(ref.file)}: ${ref.field} "${ref.id}" names no revision in this location`, revisions: from === undefined ? [] : [from] };
      }
      case 'duplicate-revision':
        return { kind: problem.kind, message: `Revision "${problem.id}" is declared by ${problem.files.length} files: ${listIds(problem.files.map(show))}`, revisions: [problem.id] };
      case 'multiple-heads':
        return { kind: problem.kind, message: `${problem.heads.length.toLocaleString('en-US')} heads: ${listIds(problem.heads)}`, revisions: problem.heads };
      case 'revision-cycle':
        return { kind: problem.kind, message: `Revision cycle: ${cyclePath(problem.cycle)}`, revisions: problem.cycle };
    }
  });
}
