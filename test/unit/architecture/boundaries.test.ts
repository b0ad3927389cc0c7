// The layers of server/src, checked from the import statements of every .ts file: the core is pure and
// self-contained; the language server (lsp/, server.ts) and the CLI (cli/, cli.ts) are siblings over the core and
// the host; the host serves both and knows neither.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../helpers/repo';

const SRC = path.join(repoRoot, 'server', 'src');

type Layer = 'core' | 'host' | 'lsp' | 'cli' | 'protocol';

interface Import {
  file: string;
  specifier: string;
  /** Absolute path (without extension) for relative specifiers. */
  target?: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

// `import x from '...'`, `import '...'`, `export ... from '...'`, `import('...')`, `require('...')`.
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => {
    const specifier = (m[1] ?? m[2] ?? m[3])!;
    return specifier.startsWith('.') ? { file, specifier, target: path.resolve(path.dirname(file), specifier) } : { file, specifier };
  });
}

function layerOf(file: string): Layer | undefined {
  const relative = path.relative(SRC, file).split(path.sep).join('/').replace(/\.ts$/, '');
  const top = relative.split('/')[0];
  if (top === 'core' || top === 'host' || top === 'lsp' || top === 'cli' || top === 'protocol') return top;
  if (top === 'server') return 'lsp';
  return undefined;
}

const all = sourceFiles(SRC).flatMap(importsOf);
const show = (i: Import): string => `${path.relative(repoRoot, i.file)} imports '${i.specifier}'`;

function violations(from: Layer, forbidden: (i: Import) => boolean): string[] {
  return all.filter((i) => layerOf(i.file) === from && forbidden(i)).map(show);
}

test('the import scan sees the layers (a broken pattern would pass everything)', () => {
  const layers = new Set(all.map((i) => (i.target ? layerOf(i.target) : undefined)));
  for (const layer of ['core', 'host', 'lsp', 'cli'] as const) assert.ok(layers.has(layer), `no import of ${layer} found`);
  assert.ok(all.some((i) => layerOf(i.file) === 'core' && i.specifier === 'web-tree-sitter'), 'core/parsers.ts imports web-tree-sitter');
});

const COMMON = path.join(repoRoot, 'common');

/** common/: pure helpers the server and the client share (which files are revisions, whether a path is inside). */
function isCommon(target: string): boolean {
  return path.dirname(target) === COMMON;
}

test('the core imports nothing outside the core, and nothing that reaches the machine or the editor', () => {
  const machine = /^(?:node:)?(?:fs|fs\/promises|child_process)$|^vscode|^pg$/;
  assert.deepEqual(
    violations('core', (i) => (i.target !== undefined && layerOf(i.target) !== 'core' && !isCommon(i.target)) || machine.test(i.specifier)),
    [],
  );
});

test('common/ imports nothing but node:path, so the core and the client may both take it', () => {
  const common = sourceFiles(COMMON).flatMap(importsOf);
  assert.ok(common.length > 0, 'the scan sees common/');
  assert.deepEqual(common.filter((i) => i.specifier !== 'node:path').map(show), []);
});

test('the language server never imports the CLI', () => {
  assert.deepEqual(violations('lsp', (i) => i.target !== undefined && layerOf(i.target) === 'cli'), []);
});

test('the CLI never imports the language server', () => {
  assert.deepEqual(violations('cli', (i) => i.target !== undefined && layerOf(i.target) === 'lsp'), []);
});

test('the host imports neither the language server nor the CLI', () => {
  assert.deepEqual(violations('host', (i) => i.target !== undefined && (layerOf(i.target) === 'lsp' || layerOf(i.target) === 'cli')), []);
});

test('the host imports no vscode: the CLI and the embedded database\'s child process (host/embedded/) run in plain node', () => {
  assert.deepEqual(violations('host', (i) => /^vscode/.test(i.specifier)), []);
});
