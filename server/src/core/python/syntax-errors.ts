// tree-sitter recovers from Python syntax errors with ERROR nodes (text it skipped) and MISSING
// nodes (tokens it invented); both become PythonSyntaxErrors. Only subtrees that contain an error
// are visited, so a clean file costs one flag check.
import type { PythonSyntaxError } from '../types';
import type { Node } from './syntax-tree';

export const MAX_SYNTAX_ERRORS = 20;

export function collectSyntaxErrors(root: Node, max = MAX_SYNTAX_ERRORS): PythonSyntaxError[] {
  const errors: PythonSyntaxError[] = [];
  const visit = (node: Node): void => {
    if (errors.length >= max) return;
    if (node.isMissing) {
      errors.push({ message: missingMessage(node), range: { start: node.startIndex, end: node.endIndex } });
      return;
    }
    if (node.isError) {
      errors.push({ message: errorMessage(node), range: { start: node.startIndex, end: node.endIndex } });
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) visit(child);
  };
  visit(root);
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
