// Re-parsing an open document on every keystroke: tree-sitter reuses the previous tree for everything outside
// the edit, which makes the Python parse of a large migration several times faster. The edit is found by
// comparing the old and new text (common prefix and suffix), so callers pass whole texts, not LSP changes.
import { Edit } from 'web-tree-sitter';
import { pythonParser } from '../parsers';
import type { Tree } from '../python/syntax-tree';
import type { MigrationFile } from '../types';
import { MAX_ANALYSED_LENGTH, parseMigration, withLineFeeds, type ParseOptions } from './parse-migration';

interface Kept {
  /** The text as tree-sitter was given it (withLineFeeds). */
  text: string;
  tree: Tree;
}

/** Row and column (UTF-16 code units, as web-tree-sitter counts for string input); rows end at \n only. */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** Characters compared a block at a time before one at a time: comparing slices runs in native code (several times faster). */
const BLOCK = 256;

/** The one changed span between two texts. */
export function editBetween(before: string, after: string): Edit {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix + BLOCK <= max && before.slice(prefix, prefix + BLOCK) === after.slice(prefix, prefix + BLOCK)) prefix += BLOCK;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const blockAtEnd = (text: string): string => text.slice(text.length - suffix - BLOCK, text.length - suffix);
  while (suffix + BLOCK <= max - prefix && blockAtEnd(before) === blockAtEnd(after)) suffix += BLOCK;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const oldEndIndex = before.length - suffix;
  const newEndIndex = after.length - suffix;
  return new Edit({
    startIndex: prefix,
    oldEndIndex,
    newEndIndex,
    startPosition: pointAt(before, prefix),
    oldEndPosition: pointAt(before, oldEndIndex),
    newEndPosition: pointAt(after, newEndIndex),
  });
}

/** Keeps the last syntax tree of each open document. Trees live in WASM memory: `forget` frees one. */
export class DocumentTrees {
  private readonly kept = new Map<string, Kept>();

  parse(path: string, text: string, options: ParseOptions = {}): MigrationFile {
    const previous = this.kept.get(path);
    if (text.length > MAX_ANALYSED_LENGTH) {
      this.forget(path);
      return parseMigration(path, text, options);
    }
    const parsed = withLineFeeds(text);
    let tree: Tree | null = null;
    try {
      if (previous) {
        previous.tree.edit(editBetween(previous.text, parsed));
        tree = pythonParser().parse(parsed, previous.tree);
      } else {
        tree = pythonParser().parse(parsed);
      }
    } catch {
      tree = null;
    }
    this.forget(path);
    if (!tree) return parseMigration(path, text, options);
    this.kept.set(path, { text: parsed, tree });
    return parseMigration(path, text, { ...options, tree });
  }

  forget(path: string): void {
    this.kept.get(path)?.tree.delete();
    this.kept.delete(path);
  }

  dispose(): void {
    for (const path of [...this.kept.keys()]) this.forget(path);
  }
}
