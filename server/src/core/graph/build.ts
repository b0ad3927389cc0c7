// The revision graph of one script location, resolved the way Alembic's RevisionMap does: down_revision and
// depends_on name a revision id or a branch label, exactly (partial ids work only on Alembic's command line).
import type { MigrationFile, RevisionAssignment } from '../types';
import { findCycles } from './cycles';
import type { RevisionGraph, RevisionNode, RevisionReference, ScriptLocation } from './types';

export function buildGraph(location: ScriptLocation, files: readonly MigrationFile[]): RevisionGraph {
  const migrations = files.filter((f) => f.isMigration).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const nodes = new Map<string, RevisionNode>();
  const declaredIn = new Map<string, string[]>();
  const nodeFiles = new Map<string, MigrationFile>();
  const opaqueFiles: string[] = [];

  for (const file of migrations) {
    const id = revisionIdOf(file);
    if (id === undefined) {
      if (file.revision?.unknown) opaqueFiles.push(file.path);
      continue;
    }
    const paths = declaredIn.get(id);
    if (paths) {
      paths.push(file.path);
      continue;
    }
    declaredIn.set(id, [file.path]);
    nodeFiles.set(id, file);
    const node: RevisionNode = {
      id,
      file: file.path,
      parents: [],
      dependsOn: values(file.dependsOn),
      branchLabels: values(file.branchLabels),
      children: [],
      dependencies: [],
      dependents: [],
      unknownParents: file.downRevision?.unknown ?? false,
      message: file.docstring?.message ?? '',
    };
    const createDate = file.docstring?.createDate;
    if (createDate !== undefined) node.createDate = createDate;
    nodes.set(id, node);
  }

  const labels = new Map<string, string>();
  for (const node of nodes.values()) {
    for (const label of node.branchLabels) if (!labels.has(label) && !nodes.has(label)) labels.set(label, node.id);
  }
  const resolve = (ref: string): string | undefined => (nodes.has(ref) ? ref : labels.get(ref));

  for (const [id, node] of nodes) {
    const file = nodeFiles.get(id)!;
    // A parent naming nothing stays as written: the history shows what the file says, the problem is reported apart.
    node.parents = unique(values(file.downRevision).map((ref) => resolve(ref) ?? ref));
    node.dependencies = unique(node.dependsOn.map(resolve).filter((ref): ref is string => ref !== undefined));
  }
  for (const node of nodes.values()) {
    for (const parent of node.parents) nodes.get(parent)?.children.push(node.id);
    for (const dependency of node.dependencies) nodes.get(dependency)?.dependents.push(node.id);
  }

  const duplicates = new Map<string, string[]>();
  for (const [id, paths] of declaredIn) if (paths.length > 1) duplicates.set(id, paths);

  const heads: string[] = [];
  const bases: string[] = [];
  const merges: string[] = [];
  const branchPoints: string[] = [];
  for (const node of nodes.values()) {
    if (node.children.length === 0) heads.push(node.id);
    if (node.children.length > 1) branchPoints.push(node.id);
    if (node.parents.length === 0 && !node.unknownParents) bases.push(node.id);
    if (node.parents.length > 1) merges.push(node.id);
  }
  return {
    location,
    files: migrations,
    nodes,
    heads: heads.sort(),
    bases: bases.sort(),
    merges: merges.sort(),
    branchPoints: branchPoints.sort(),
    duplicates,
    unknownReferences: opaqueFiles.length > 0 ? [] : unknownReferences(migrations, resolve),
    cycles: findCycles(nodes),
    labels,
    opaqueFiles,
  };
}

/** The revision id a file declares, when it is a literal. */
export function revisionIdOf(file: MigrationFile): string | undefined {
  const revision = file.revision;
  return revision && !revision.unknown ? revision.ids[0]?.value : undefined;
}

/**
 * The revision `file` is in `graph`: its one literal id, when the graph's node of that id is this file (not the
 * second file of a duplicated id).
 */
export function revisionInGraph(graph: RevisionGraph, file: MigrationFile): string | undefined {
  const ids = file.revision?.ids ?? [];
  if (ids.length !== 1 || file.revision?.unknown) return undefined;
  const id = ids[0]!.value;
  return graph.nodes.get(id)?.file === file.path ? id : undefined;
}

/** Every file's references are checked, duplicates included: each file is edited on its own. */
function unknownReferences(files: readonly MigrationFile[], resolve: (ref: string) => string | undefined): RevisionReference[] {
  const found: RevisionReference[] = [];
  for (const file of files) {
    for (const field of ['down_revision', 'depends_on'] as const) {
      const assignment = field === 'down_revision' ? file.downRevision : file.dependsOn;
      for (const ref of assignment?.ids ?? []) {
        if (resolve(ref.value) === undefined) found.push({ file: file.path, id: ref.value, range: ref.range, field });
      }
    }
  }
  return found;
}

function values(assignment: RevisionAssignment | undefined): string[] {
  return assignment ? assignment.ids.map((f) => f.value) : [];
}

function unique(ids: string[]): string[] {
  return ids.length < 2 ? ids : [...new Set(ids)];
}
