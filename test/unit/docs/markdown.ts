// Just enough Markdown for the docs tests: `## ` sections and fenced code blocks.

export interface CodeBlock {
  /** The info string's first word after the opening fence ('python', 'toml', '' ...). */
  lang: string;
  /** What follows the language on the fence line (```` ```python base ````: 'base'), trimmed. */
  info: string;
  code: string;
}

export interface Section {
  title: string;
  /** The section's text up to the next `## ` heading, code blocks included. */
  body: string;
  blocks: CodeBlock[];
}

export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const m of markdown.matchAll(/^```([\w-]*)([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm)) {
    blocks.push({ lang: m[1] ?? '', info: (m[2] ?? '').trim(), code: m[3] ?? '' });
  }
  return blocks;
}

/** Level-2 sections in document order. A `## ` line inside a code block is not a heading. */
export function sections(markdown: string): Section[] {
  const result: Section[] = [];
  let current: { title: string; lines: string[] } | undefined;
  let inFence = false;
  const flush = (): void => {
    if (!current) return;
    const body = current.lines.join('\n');
    result.push({ title: current.title, body, blocks: codeBlocks(body) });
  };
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    if (!inFence && line.startsWith('## ')) {
      flush();
      current = { title: line.slice(3).trim(), lines: [] };
    } else {
      current?.lines.push(line);
    }
  }
  flush();
  return result;
}
