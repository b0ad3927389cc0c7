// libpg-query's Emscripten factory, which the package's entry point wraps in one module-wide instance. We call the
// factory ourselves so that a broken instance can be thrown away, and so that what it prints goes where we say.
declare module 'libpg-query/wasm/libpg-query.js' {
  namespace createPgQueryModule {
    /** The part of the Emscripten module the parser calls. */
    interface PgQueryWasm {
      _malloc(size: number): number;
      _free(pointer: number): void;
      lengthBytesUTF8(text: string): number;
      stringToUTF8(text: string, pointer: number, maxBytes: number): void;
      UTF8ToString(pointer: number): string;
      getValue(pointer: number, type: 'i32'): number;
      _wasm_parse_query_raw(query: number): number;
      _wasm_free_parse_result(result: number): void;
      _wasm_scan(query: number): number;
      _wasm_free_string(pointer: number): void;
    }

    interface Options {
      /** The module's stdout (Emscripten's default is console.log: the LSP stream itself over --stdio). */
      print(text: string): void;
      /** The module's stderr. */
      printErr(text: string): void;
      /** Emscripten's hook to instantiate the WASM ourselves, from bytes the host read, instead of loading the file. */
      instantiateWasm(imports: object, done: (instance: object) => void): object;
    }
  }
  function createPgQueryModule(options: createPgQueryModule.Options): Promise<createPgQueryModule.PgQueryWasm>;
  export = createPgQueryModule;
}
