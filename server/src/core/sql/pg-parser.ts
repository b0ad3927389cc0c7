// PostgreSQL's parser (libpg-query's WASM) in instances we own, so that one that breaks is replaced.
//
// A statement nested deeply enough overflows the native stack inside the WASM. The trap unwinds past the C code
// without its cleanup (memory contexts, the error-handler stack, the shadow stack pointer), so the instance is left
// corrupt: after a few such traps every parse fails, loops, or prints "Terminating process due to FATAL error"
// (to stdout, which over --stdio is the LSP stream). So any failure that is not a PostgreSQL error retires the
// instance: the next parse uses a spare made from the same compiled module, and a new spare is made in the background.
// The package's own entry point holds a single instance for the whole process, which is why we call its factory.
import createPgQueryModule = require('libpg-query/wasm/libpg-query.js');
import type { ParseResult, ScanResult } from 'libpg-query';

type PgQueryWasm = createPgQueryModule.PgQueryWasm;

/** The two WebAssembly constructors we use (the TypeScript libs we compile with do not declare WebAssembly). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => CompiledWasm;
  Instance: new (module: CompiledWasm, imports: object) => object;
}
type CompiledWasm = { readonly compiledWasm?: never };
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** PostgreSQL rejected the SQL: the user's text is wrong (the only error that is). */
export class PgSyntaxError extends Error {
  /** Code-point offset of the character PostgreSQL points at (0 also when it gives no position). */
  readonly cursor: number;
  constructor(message: string, cursor: number) {
    super(message);
    this.name = 'PgSyntaxError';
    this.cursor = cursor;
  }
}

/**
 * The parser failed on the SQL for a reason of its own: 'stack' it ran out of stack (the SQL nests too deeply),
 * 'failed' anything else it threw, 'unavailable' no working instance was ready (several failed in a row).
 * The SQL is neither right nor wrong: it was not checked.
 */
export class PgParserFailure extends Error {
  readonly reason: 'stack' | 'failed' | 'unavailable';
  constructor(reason: PgParserFailure['reason'], cause?: unknown) {
    super(`PostgreSQL's parser failed (${reason})${cause instanceof Error ? `: ${cause.message}` : ''}`);
    this.name = 'PgParserFailure';
    this.reason = reason;
  }
}

/** One instance in use and one spare: a failure is followed by a parse on a fresh instance at once. */
const POOL_SIZE = 2;

let compiled: CompiledWasm | undefined;
const pool: PgQueryWasm[] = [];
let refilling: Promise<void> | undefined;
const counters = { parses: 0, replacements: 0 };

/** What the module prints (PostgreSQL's FATAL notices) is dropped: stdout may be the LSP stream, and nothing reads it. */
function ignore(): void {}

function instantiate(module: CompiledWasm): Promise<PgQueryWasm> {
  return createPgQueryModule({
    print: ignore,
    printErr: ignore,
    instantiateWasm(imports, done) {
      done(new wasmApi.Instance(module, imports));
      return {};
    },
  });
}

function refill(): Promise<void> {
  const module = compiled;
  if (!module) return Promise.resolve();
  refilling ??= (async () => {
    try {
      while (pool.length < POOL_SIZE) pool.push(await instantiate(module));
    } finally {
      refilling = undefined;
    }
  })();
  return refilling;
}

/** Compiles the WASM (the host read its bytes) and makes the instances. Later calls share the first one's work. */
export function loadPgParser(wasm: Uint8Array): Promise<void> {
  compiled ??= new wasmApi.Module(wasm);
  return refill();
}

/** Resolves when a failed instance has been replaced (tests, and callers that can wait for a full pool). */
export function pgParserSettled(): Promise<void> {
  return refilling ?? Promise.resolve();
}

/** How many parses ran and how many instances were replaced: how tests see the cache and the recovery. */
export function pgParserCounters(): Readonly<typeof counters> {
  return counters;
}

/** Runs `call` on the current instance; a failure that is not PostgreSQL's retires the instance. */
function withInstance<T>(call: (m: PgQueryWasm) => T): T {
  const m = pool[0];
  if (!m) {
    if (!compiled) throw new Error('loadParsers() must complete before parsing');
    throw new PgParserFailure('unavailable');
  }
  try {
    return call(m);
  } catch (e) {
    if (e instanceof PgSyntaxError) throw e;
    if (pool[0] === m) {
      pool.shift();
      counters.replacements++;
      void refill().catch(ignore);
    }
    // V8 reports a native stack overflow inside WASM as a RangeError.
    throw new PgParserFailure(e instanceof RangeError ? 'stack' : 'failed', e);
  }
}

/** Calls `use` with `text` as a NUL-terminated UTF-8 string in the instance's memory. */
function withCString<T>(m: PgQueryWasm, text: string, use: (pointer: number) => T): T {
  const size = m.lengthBytesUTF8(text) + 1;
  const pointer = m._malloc(size);
  if (!pointer) throw new Error('out of WASM memory');
  try {
    m.stringToUTF8(text, pointer, size);
    return use(pointer);
  } finally {
    m._free(pointer);
  }
}

/** PostgreSQL's raw parse tree of `sql` (libpg-query's parseSync); throws PgSyntaxError or PgParserFailure. */
export function pgParse(sql: string): ParseResult {
  counters.parses++;
  const json = withInstance((m) =>
    withCString(m, sql, (query) => {
      const result = m._wasm_parse_query_raw(query);
      if (!result) throw new Error('out of WASM memory');
      try {
        // PgQueryParseResult: { char *parse_tree; char *stderr_buffer; PgQueryError *error }.
        const tree = m.getValue(result, 'i32');
        const error = m.getValue(result + 8, 'i32');
        if (error) {
          // PgQueryError: { char *message; char *funcname; char *filename; int lineno; int cursorpos (1-based) }.
          const message = m.getValue(error, 'i32');
          const cursor = m.getValue(error + 16, 'i32');
          throw new PgSyntaxError(message ? m.UTF8ToString(message) : 'syntax error', cursor > 0 ? cursor - 1 : 0);
        }
        if (!tree) throw new Error('no parse tree');
        return m.UTF8ToString(tree);
      } finally {
        m._wasm_free_parse_result(result);
      }
    }),
  );
  // Outside the instance: a JSON error is ours, not a sign that the instance broke.
  return JSON.parse(json) as ParseResult;
}

/**
 * PostgreSQL's scanner over `sql` (libpg-query's scanSync). The scanner answers an error (unterminated quotes, empty
 * input) as plain text instead of JSON: that is a PgSyntaxError.
 */
export function pgScan(sql: string): ScanResult {
  const text = withInstance((m) =>
    withCString(m, sql, (query) => {
      const result = m._wasm_scan(query);
      if (!result) throw new Error('out of WASM memory');
      try {
        return m.UTF8ToString(result);
      } finally {
        m._wasm_free_string(result);
      }
    }),
  );
  if (!text.startsWith('{')) throw new PgSyntaxError(text, 0);
  return JSON.parse(text) as ScanResult;
}
