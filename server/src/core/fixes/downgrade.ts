// Fills an empty downgrade() (or adds a missing one) with the inverse of the upgrade, in reverse order.
import type { RevisionGraph } from '../graph/types';
import { factSites } from '../migration/fact-sites';
import { describeObject } from '../sql/describe';
import { obligationsOf, sameObject, type Obligation } from '../symmetry';
import { lineEnding } from '../text';
import type { Fix, MigrationFile, ObjectRef } from '../types';
import { pythonString } from './identifiers';
import { undoStatement } from './inverse';

export function generatedDowngradeFix(file: MigrationFile, graph: RevisionGraph | undefined): Fix | undefined {
  const up = file.upgrade;
  // A multi-database dispatcher's body is one call: the statements belong in the engine functions, not there.
  if (!up || up.engines || file.downgrade?.engines) return undefined;
  const obligations = obligationsOf(up).reverse();
  const statements: string[] = [];
  let resolved = 0;
  const byPath = new Map(graph?.files.map((f) => [f.path, f]));
  for (const o of obligations) {
    const statement = o.need === 'recreate' ? recreateStatement(o, file, graph, byPath) : undoStatement(o);
    if (statement) resolved++;
    statements.push(statement ?? `# TODO: ${todoFor(o)}`);
  }
  // A downgrade of TODO comments is still empty: offer nothing rather than a fix that fixes nothing.
  if (resolved === 0) return undefined;

  const eol = lineEnding(file.text);
  const down = file.downgrade;
  const indent = down?.bodyIndent || up.bodyIndent || '    ';
  const body = statements.flatMap((s) => s.split('\n')).join(eol + indent);
  if (down) {
    const docstring = leadingDocstring(file.text.slice(down.bodyRange.start, down.bodyRange.end));
    const newText = docstring ? `${docstring}${eol}${indent}${body}` : body;
    return { title: 'Generate downgrade() from the upgrade', edits: [{ range: down.bodyRange, newText }] };
  }
  const newText = `${eol}${eol}${eol}def downgrade() -> None:${eol}${indent}${body}`;
  return { title: 'Add downgrade() generated from the upgrade', edits: [{ range: { start: up.range.end, end: up.range.end }, newText }] };
}

function todoFor(o: Obligation): string {
  const what = describeObject(o.object);
  if (o.need === 'recreate') return `recreate ${what}, dropped by the upgrade`;
  if (o.need === 'rename-back') return `rename ${what} back to "${o.from}"`;
  return `drop ${what}`;
}

function leadingDocstring(body: string): string | undefined {
  return /^(?:[rRuU]?(?:"""[\s\S]*?"""|'''[\s\S]*?'''|"[^"\n]*"|'[^'\n]*'))/.exec(body)?.[0];
}

/** The statement that created the object, taken from the nearest ancestor revision whose upgrade created it. */
function recreateStatement(
  o: Obligation,
  file: MigrationFile,
  graph: RevisionGraph | undefined,
  byPath: ReadonlyMap<string, MigrationFile>,
): string | undefined {
  if (!graph) return undefined;
  const seen = new Set<string>();
  const queue = (file.downRevision?.ids ?? []).map((id) => id.value);
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = graph.nodes.get(id);
    if (!node) continue;
    const ancestor = byPath.get(node.file);
    const statement = ancestor && creationIn(ancestor, o.object);
    if (statement) return statement;
    queue.push(...node.parents);
  }
  return undefined;
}

function creationIn(ancestor: MigrationFile, object: ObjectRef): string | undefined {
  let found: string | undefined;
  for (const { fact, op } of factSites(ancestor.upgrade)) {
    if (fact.action !== 'create' || !fact.object || !sameObject(fact.object, object)) continue;
    if (op.kind === 'api') found = ancestor.text.slice(op.range.start, op.range.end);
    else if (fact.sql && !fact.partOfStatement) found = sqlCall(fact.sql.trim());
  }
  return found;
}

function sqlCall(sql: string): string {
  if (!sql.includes('\n')) return `op.execute(${pythonString(sql)})`;
  return `op.execute("""\n${sql.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"')}\n""")`;
}
