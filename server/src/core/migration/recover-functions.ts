// While someone types `op.execute(` in upgrade(), the unclosed bracket makes the parser swallow
// everything after it, and downgrade() would seem to vanish (a false "missing downgrade" on every
// keystroke). When the tree has errors and a function is missing, it is looked for again in a copy
// of the text where everything before its `def` line is blanked out, which keeps every offset.
import type { Node, Parser } from '../python/syntax-tree';

export function withRecoveredFunction(parser: Parser, text: string, name: string, use: (def: Node) => void): void {
  const defLine = new RegExp(`^(?:async[ \\t]+)?def[ \\t]+${name}[ \\t]*\\(`, 'gm');
  let start: number | undefined;
  for (let match = defLine.exec(text); match; match = defLine.exec(text)) start = match.index;
  if (start === undefined) return;
  const tree = parser.parse(text.slice(0, start).replace(/[^\r\n]/g, ' ') + text.slice(start));
  if (!tree) return;
  try {
    const def = tree.rootNode.namedChildren.find((node) => node.startIndex === start && node.type === 'function_definition');
    if (def) use(def);
  } finally {
    tree.delete();
  }
}
