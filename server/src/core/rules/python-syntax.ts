import type { RuleDefinition } from './types';

export const pythonSyntax: RuleDefinition = {
  meta: {
    id: 'python-syntax',
    defaultSeverity: 'error',
    summary: 'The file is not valid Python (or not UTF-8, too large to analyse, or cannot be read); the rest of the file is still checked',
    fix: 'never',
    scope: 'file',
  },
  check({ file, report }) {
    for (const error of file.pythonErrors) report({ message: error.message, range: error.range });
  },
};
