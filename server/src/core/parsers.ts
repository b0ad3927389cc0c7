// Loads the two WASM parsers once. After `loadParsers()` resolves, parsing is synchronous.
import { Language, Parser } from 'web-tree-sitter';
import { loadPgParser } from './sql/pg-parser';

/**
 * The parsers' WebAssembly, as bytes: the host finds and reads it (next to the bundle, or in node_modules), so
 * the core never touches the disk.
 */
export interface ParserWasm {
  /** web-tree-sitter.wasm, the tree-sitter runtime. */
  runtime: Uint8Array;
  /** tree-sitter-python.wasm, the Python grammar. */
  python: Uint8Array;
  /** libpg-query.wasm, PostgreSQL's parser (compiled once; sql/pg-parser.ts makes instances from it). */
  pgQuery: Uint8Array;
}

let python: Language | undefined;
let loading: Promise<void> | undefined;

/** The first call loads; later calls share its promise (and need not read the WASM again: `wasm` is only called once). */
export function loadParsers(wasm: () => ParserWasm): Promise<void> {
  loading ??= (async () => {
    const { runtime, python: grammar, pgQuery } = wasm();
    await Parser.init({ wasmBinary: runtime });
    python = await Language.load(grammar);
    await loadPgParser(pgQuery);
  })();
  return loading;
}

let parser: Parser | undefined;

/** The shared tree-sitter parser for Python. Throws if `loadParsers()` has not completed. */
export function pythonParser(): Parser {
  if (!python) throw new Error('loadParsers() must complete before parsing');
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(python);
  }
  return parser;
}
