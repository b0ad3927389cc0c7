// Loads the two WASM parsers once. After `initParsers()` resolves, parsing is synchronous.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { loadModule } from 'libpg-query';

let python: Language | undefined;
let loading: Promise<void> | undefined;

/**
 * Finds a WASM file: next to the running bundle (dist/) when bundled, else in node_modules.
 * Bundles copy the files next to themselves (see esbuild.mjs).
 */
function locateWasm(fileName: string, packagePath: string): string {
  const beside = path.join(__dirname, fileName);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(packagePath);
}

export function initParsers(): Promise<void> {
  loading ??= (async () => {
    const runtime = locateWasm('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm');
    await Parser.init({ locateFile: () => runtime });
    python = await Language.load(locateWasm('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm'));
    await loadModule();
  })();
  return loading;
}

let parser: Parser | undefined;

/** The shared tree-sitter parser for Python. Throws if `initParsers()` has not completed. */
export function pythonParser(): Parser {
  if (!python) throw new Error('initParsers() must complete before parsing');
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(python);
  }
  return parser;
}
