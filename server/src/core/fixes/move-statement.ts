// Moves one statement of a function's body above another, whole lines and all: the parent table's CREATE above the
// child's. Only statements of the body itself that have their lines to themselves move: inside a `with`, an `if` or
// a loop, or beside another statement, where it may go is the author's call.
import { findCall, type Tree } from '../python/syntax-tree';
import { withFileTree } from '../migration/parse-migration';
import type { Fix, MigrationFile, MigrationFunction, Range } from '../types';

/**
 * The fix moving the statement that is the call at `moved` to the line above the statement that is the call at
 * `target` (earlier in the body); undefined unless both are statements of `fn`'s body with clean lines.
 */
export function moveStatementAbove(file: MigrationFile, fn: MigrationFunction, moved: Range, target: Range, title: string): Fix | undefined {
  return withFileTree(file, (treeOf) => {
    const tree = treeOf();
    const from = tree ? statementLines(tree, file.text, fn, moved) : undefined;
    const to = tree ? statementLines(tree, file.text, fn, target) : undefined;
    if (!from || !to || from.start <= to.start) return undefined;
    const lines = file.text.slice(from.start, from.end);
    return { title, edits: [{ range: { start: to.start, end: to.start }, newText: lines }, { range: from, newText: '' }] };
  });
}

/** What may follow a statement on its last line: blanks, a comment, the line break. */
const LINE_REST = /[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n)/y;

/**
 * The lines of the statement made of the call at `call`, from the start of its first line to its last line break
 * (a comment after it goes along); undefined unless it is a statement of `fn`'s body alone on those lines.
 */
function statementLines(tree: Tree, text: string, fn: MigrationFunction, call: Range): Range | undefined {
  const statement = findCall(tree.rootNode, call)?.parent;
  const block = statement?.parent;
  if (statement?.type !== 'expression_statement' || statement.namedChildCount !== 1 || !block) return undefined;
  if (block.startIndex !== fn.bodyRange.start || block.endIndex !== fn.bodyRange.end) return undefined;
  const start = Math.max(text.lastIndexOf('\n', statement.startIndex - 1), text.lastIndexOf('\r', statement.startIndex - 1)) + 1;
  if (text.slice(start, statement.startIndex).trim() !== '') return undefined;
  LINE_REST.lastIndex = statement.endIndex;
  return LINE_REST.test(text) ? { start, end: LINE_REST.lastIndex } : undefined;
}
