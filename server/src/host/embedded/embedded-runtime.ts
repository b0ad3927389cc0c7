// The files PGlite needs at run time, found next to the bundle (dist/) or in node_modules, and turned
// into the options PGlite.create takes. PGlite would find them itself relative to its own module, but
// inside a bundle "its own module" is dist/extension.js, and its contrib extensions point one folder
// above that: passing everything explicitly makes the bundled and the unbundled extension behave alike.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Extension, PGliteOptions } from '@electric-sql/pglite';

// One manifest for this module and esbuild.mjs, which copies the files next to the bundle.
import manifest from './pglite-runtime.json';

/** The Postgres server compiled to WASM, the initdb program, and the share/ + lib/ tree it starts from. */
const CORE_FILES = manifest.core;

/**
 * Contrib extensions that migrations commonly CREATE. PGlite can only CREATE EXTENSION what was loaded
 * at start-up; each costs about 15 ms and 2 MB at start, so this is the usual set, not all 37.
 */
export const EMBEDDED_EXTENSIONS: readonly string[] = manifest.extensions;

/** Every file to copy next to the bundle (esbuild.mjs), all from @electric-sql/pglite/dist/. */
export function embeddedRuntimeFiles(): string[] {
  return [...Object.values(CORE_FILES), ...EMBEDDED_EXTENSIONS.map(tarballName)];
}

function tarballName(extension: string): string {
  return `${extension}.tar.gz`;
}

/** `beside` (the bundle's folder) when the file was copied there, else PGlite's own dist/ folder. */
export function locateRuntimeFile(fileName: string, beside: string = __dirname): string {
  const copied = path.join(beside, fileName);
  if (fs.existsSync(copied)) return copied;
  let packageDist: string;
  try {
    packageDist = path.dirname(require.resolve('@electric-sql/pglite'));
  } catch {
    throw new Error(`PGlite's ${fileName} is missing: it is neither next to ${beside} nor in node_modules`);
  }
  const installed = path.join(packageDist, fileName);
  if (!fs.existsSync(installed)) throw new Error(`PGlite's ${fileName} is missing from ${packageDist}`);
  return installed;
}

// lib ES2022 has no WebAssembly types (they come with lib "dom"); Node has the global all the same.
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<NonNullable<PGliteOptions['pgliteWasmModule']>> };

type LoadedOptions = Required<Pick<PGliteOptions, 'pgliteWasmModule' | 'initdbWasmModule' | 'fsBundle' | 'extensions'>>;

// Compiling 9 MB of WASM takes a moment: a restart in the same extension host reuses the modules.
let loading: Promise<LoadedOptions> | undefined;

/** The PGlite.create options that point it at the runtime files. Cached for the life of the process. */
export function pgliteRuntimeOptions(): Promise<LoadedOptions> {
  loading ??= loadRuntimeOptions().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function loadRuntimeOptions(): Promise<LoadedOptions> {
  const read = (name: string) => fs.promises.readFile(locateRuntimeFile(name));
  const [server, initdb, data] = await Promise.all([read(CORE_FILES.server), read(CORE_FILES.initdb), read(CORE_FILES.fsBundle)]);
  const [pgliteWasmModule, initdbWasmModule] = await Promise.all([WebAssembly.compile(server), WebAssembly.compile(initdb)]);
  return { pgliteWasmModule, initdbWasmModule, fsBundle: new Blob([data]), extensions: contribExtensions() };
}

/** The same objects as @electric-sql/pglite/contrib/<name>, with the tarball located by us. */
function contribExtensions(): Record<string, Extension> {
  const extensions: Record<string, Extension> = {};
  for (const name of EMBEDDED_EXTENSIONS) {
    const bundlePath = pathToFileURL(locateRuntimeFile(tarballName(name)));
    extensions[name.replace(/-/g, '_')] = { name, setup: async () => ({ bundlePath }) };
  }
  return extensions;
}
