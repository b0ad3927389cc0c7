// tree-sitter recovers from Python syntax errors with ERROR nodes (text it skipped) and MISSING
// nodes (tokens it invented); both become PythonSyntaxErrors. Only subtrees that contain an error
// are visited, so a clean file costs one flag check.
import type { PythonSyntaxError } from '../types';
import type { Node } from './syntax-tree';

export const MAX_SYNTAX_ERRORS = 20;

export function collectSyntaxErrors(root: Node, max = MAX_SYNTAX_ERRORS): PythonSyntaxError[] {
  const errors: PythonSyntaxError[] = [];
  // Depth first in source order, with a stack of our own: a broken file can nest thousands of levels deep.
  const pending: Node[] = [root];
  for (let node = pending.pop(); node && errors.length < max; node = pending.pop()) {
    if (node.isMissing) {
      errors.push({ message: missingMessage(node), range: { start: node.startIndex, end: node.endIndex } });
    } else if (node.isError) {
      errors.push({ message: errorMessage(node), range: { start: node.startIndex, end: node.endIndex } });
    } else if (node.hasError) {
      const children = node.children;
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
    }
  }
  return errors;
}

function missingMessage(node: Node): string {
  return node.isNamed ? `Missing ${node.type.replace(/_/g, ' ')}` : `Missing '${node.type}'`;
}

function errorMessage(node: Node): string {
  for (const child of node.children) {
    if (child.type === 'string_start') return 'Python syntax error: unterminated string';
  }
  return 'Python syntax error';
}
