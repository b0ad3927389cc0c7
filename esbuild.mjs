// Bundles the entry points and copies the WASM files they load next to them.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  // pg-native is an optional peer of pg that we never load.
  external: ['vscode', 'pg-native'],
  // web-tree-sitter calls createRequire(import.meta.url), which a CommonJS bundle leaves undefined.
  define: { 'import.meta.url': '__importMetaUrl' },
};

const importMetaUrl = "var __importMetaUrl = require('url').pathToFileURL(__filename).href;";

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', banner: { js: importMetaUrl } },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: importMetaUrl } },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${importMetaUrl}` } },
  // The embedded database runs in a child process of the extension (server/src/host/embedded/embedded-db.ts).
  { entryPoints: ['server/src/host/embedded/embedded-db-main.ts'], outfile: 'dist/embedded-db-main.js', banner: { js: importMetaUrl } },
  // The cold load parses in worker threads of the server and the CLI (server/src/host/parse/parse-pool.ts).
  { entryPoints: ['server/src/host/parse/parse-worker-main.ts'], outfile: 'dist/parse-worker-main.js', banner: { js: importMetaUrl } },
  // The Graph view's page script runs in the webview (client/graph-webview/): a browser bundle, no Node.
  { entryPoints: ['client/graph-webview/main.ts'], outfile: 'dist/graph-webview.js', platform: 'browser', format: 'iife', target: 'es2022', banner: {}, define: {} },
];

mkdirSync('dist', { recursive: true });
for (const wasm of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-python/tree-sitter-python.wasm', 'libpg-query/wasm/libpg-query.wasm']) {
  copyFileSync(require.resolve(wasm), path.join('dist', path.basename(wasm)));
}
// The embedded database (PGlite) loads its runtime and the contrib extensions it preloads from next to the bundle;
// server/src/host/embedded/embedded-runtime.ts reads the same manifest.
const pglite = JSON.parse(readFileSync('server/src/host/embedded/pglite-runtime.json', 'utf8'));
const pgliteDist = path.dirname(require.resolve('@electric-sql/pglite'));
for (const file of [...Object.values(pglite.core), ...pglite.extensions.map((e) => `${e}.tar.gz`)]) {
  copyFileSync(path.join(pgliteDist, file), path.join('dist', file));
}

if (watch) {
  const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}
