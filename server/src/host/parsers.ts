// Finds the parsers' WASM files on this machine and hands their bytes to the core.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadParsers } from '../core/parsers';

/**
 * Finds a WASM file: next to the running bundle (dist/) when bundled, else in node_modules.
 * Bundles copy the files next to themselves (see esbuild.mjs).
 */
function locateWasm(fileName: string, packagePath: string): string {
  const beside = path.join(__dirname, fileName);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(packagePath);
}

/** Loads the parsers once; after it resolves, parsing is synchronous. */
export function initParsers(): Promise<void> {
  return loadParsers(() => ({
    runtime: fs.readFileSync(locateWasm('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm')),
    python: fs.readFileSync(locateWasm('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm')),
    pgQuery: fs.readFileSync(locateWasm('libpg-query.wasm', 'libpg-query/wasm/libpg-query.wasm')),
  }));
}
