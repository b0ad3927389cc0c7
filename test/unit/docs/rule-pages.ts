// Reads docs/rules/: the rule pages, their header line, and the rules table of docs/rules/README.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/repo';
import { sections, type Section } from './markdown';

export const rulesDocsDir = path.join(repoRoot, 'docs', 'rules');

export type FixAvailability = 'always' | 'sometimes' | 'never';

/** The words the pages and the tables use for a rule's `fix`. */
const FIX_WORDS: Record<string, FixAvailability> = { yes: 'always', sometimes: 'sometimes', no: 'never', '': 'never' };

export interface RulePage {
  id: string;
  file: string;
  text: string;
  /** The `# title` line's text. */
  title: string | undefined;
  /** From `**Default severity:** warning · **Fixable:** yes` (or `sometimes`, or `no`). */
  severity: string | undefined;
  fix: FixAvailability | undefined;
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
      const header = /^\*\*Default severity:\*\* (\w+) · \*\*Fixable:\*\* (yes|sometimes|no)\b/m.exec(text);
      return {
        id: name.slice(0, -'.md'.length),
        file,
        text,
        title: /^# (.+)$/m.exec(text)?.[1]?.trim(),
        severity: header?.[1],
        fix: header ? FIX_WORDS[header[2]!] : undefined,
        sections: sections(text),
      };
    });
}

export interface TableRow {
  id: string;
  link: string;
  severity: string;
  /** The quick fix column: `yes`, `sometimes` or blank. */
  fix: FixAvailability | undefined;
  summary: string;
}

/** Rows of a rules table: | [id](link) | severity | yes, sometimes or blank | summary |. */
function tableRows(markdown: string): TableRow[] {
  const rows: TableRow[] = [];
  for (const m of markdown.matchAll(/^\| \[`?([\w-]+)`?\]\(([^)]+)\) \| (\w+) \| ([\w ]*?) *\| (.+?) *\|$/gm)) {
    rows.push({ id: m[1]!, link: m[2]!, severity: m[3]!, fix: FIX_WORDS[m[4]!], summary: m[5]! });
  }
  return rows;
}

/** The table in docs/rules/README.md. */
export function rulesTable(): TableRow[] {
  return tableRows(fs.readFileSync(path.join(rulesDocsDir, 'README.md'), 'utf8'));
}

/** The table in the top-level README.md (the links point into docs/rules/). */
export function readmeRulesTable(): TableRow[] {
  return tableRows(fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8'));
}
