// Reads docs/rules/: the rule pages, their header line, and the rules table of docs/rules/README.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/repo';
import { sections, type Section } from './markdown';

export const rulesDocsDir = path.join(repoRoot, 'docs', 'rules');

export interface RulePage {
  id: string;
  file: string;
  text: string;
  /** The `# title` line's text. */
  title: string | undefined;
  /** From `**Default severity:** warning · **Fixable:** yes`. */
  severity: string | undefined;
  fixable: boolean | undefined;
  sections: Section[];
}

export function rulePages(): RulePage[] {
  return fs
    .readdirSync(rulesDocsDir)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort()
    .map((name) => {
      const file = path.join(rulesDocsDir, name);
      const text = fs.readFileSync(file, 'utf8');
      const header = /^\*\*Default severity:\*\* (\w+) · \*\*Fixable:\*\* (yes|no)\b/m.exec(text);
      return {
        id: name.slice(0, -'.md'.length),
        file,
        text,
        title: /^# (.+)$/m.exec(text)?.[1]?.trim(),
        severity: header?.[1],
        fixable: header ? header[2] === 'yes' : undefined,
        sections: sections(text),
      };
    });
}

export interface TableRow {
  id: string;
  link: string;
  severity: string;
  fixable: boolean;
}

/** Rows of the table in docs/rules/README.md: | [id](id.md) | severity | yes or blank | summary |. */
export function rulesTable(): TableRow[] {
  const readme = fs.readFileSync(path.join(rulesDocsDir, 'README.md'), 'utf8');
  const rows: TableRow[] = [];
  for (const m of readme.matchAll(/^\| \[([\w-]+)\]\(([^)]+)\) \| (\w+) \| (yes)? *\| .+\|$/gm)) {
    rows.push({ id: m[1]!, link: m[2]!, severity: m[3]!, fixable: m[4] === 'yes' });
  }
  return rows;
}
