// `# alembic-lint: ignore[rule-a, rule-b]` (this line and the next), `# alembic-lint: ignore` (all
// rules), `# alembic-lint: ignore-file[...]`. A cheap text search finds candidates; the syntax tree
// decides whether each one is really in a comment (not inside a string).
import type { Node } from '../python/syntax-tree';
import { offsetToPosition } from '../text';
import type { Suppressions } from '../types';

const MARKER = 'alembic-lint:';
const DIRECTIVE = /^alembic-lint:[ \t]*(ignore-file|ignore)(?![\w-])(?:[ \t]*\[([^\]\r\n]*)\])?/;

export function emptySuppressions(): Suppressions {
  return { file: new Set(), lines: new Map() };
}

export function collectSuppressions(root: Node, text: string, lineStarts: readonly number[]): Suppressions {
  const result = emptySuppressions();
  for (let at = text.indexOf(MARKER); at >= 0; at = text.indexOf(MARKER, at + MARKER.length)) {
    const directive = DIRECTIVE.exec(text.slice(at, at + 300));
    if (!directive) continue;
    const node = root.descendantForIndex(at);
    if (node?.type !== 'comment') continue;
    const ids = ruleIds(directive[2]);
    if (directive[1] === 'ignore-file') {
      for (const id of ids) result.file.add(id);
      continue;
    }
    const line = offsetToPosition(lineStarts, node.startIndex).line;
    for (const target of [line, line + 1]) {
      let set = result.lines.get(target);
      if (!set) result.lines.set(target, (set = new Set()));
      for (const id of ids) set.add(id);
    }
  }
  return result;
}

/** `[a, b]` -> ids; no brackets (or empty ones) -> every rule. */
function ruleIds(list: string | undefined): string[] {
  const ids = (list ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
  return ids.length > 0 ? ids : ['*'];
}
