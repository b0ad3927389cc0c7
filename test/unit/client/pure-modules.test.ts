// The client's pure/adapter split: each feature folder holds pure modules (node can load them: the unit tests and
// the embedded database's child process do) beside the few that drive VS Code. A module reaches `vscode` at run
// time, itself or through what it imports, only if it is listed here as an adapter; and of the server it imports only
// the host layer (server/src/host/: the embedded database, the interpreter probe, what the CLI runs on the machine too);
// the protocol/ folder is what the two sides share otherwise.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../helpers/repo';

const CLIENT = path.join(repoRoot, 'client', 'src');

/** The modules that drive VS Code, relative to client/src. */
const ADAPTERS = new Set([
  'alembic/interpreter.ts',
  'commands/interpreter.ts',
  'alembic/run.ts',
  'commands/database.ts',
  'commands/graph.ts',
  'commands/migrations.ts',
  'commands/pick.ts',
  'commands/revision-items.ts',
  'commands/table.ts',
  'commands/verify.ts',
  'ctx.ts',
  'database/connection-service.ts',
  'extension.ts',
  'graph-view/code-lens.ts',
  'graph-view/graph-panel.ts',
  'projects/project-entries.ts',
  'status-bar.ts',
  'views/database-tree.ts',
  'views/migrations-tree.ts',
  'views/refreshable-tree.ts',
  'views/sql-preview.ts',
  'verify/verify-service.ts',
]);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

interface Import {
  specifier: string;
  /** `import type` / `export type`: erased, loads nothing at run time. */
  typeOnly: boolean;
}

function imports(text: string): Import[] {
  return [...text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map((match) => ({
    specifier: match[2] ?? '',
    typeOnly: match[1] !== undefined,
  }));
}

const allImports = new Map(sources(CLIENT).map((file) => [file, imports(fs.readFileSync(file, 'utf8'))]));
const modules = new Map([...allImports].map(([file, list]) => [file, list.filter((i) => !i.typeOnly).map((i) => i.specifier)]));

function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => fs.existsSync(candidate) && candidate.endsWith('.ts'));
}

/** The chain of imports from `file` to `vscode`, or undefined. */
function pathToVscode(file: string, seen = new Set<string>()): string[] | undefined {
  if (seen.has(file)) return undefined;
  seen.add(file);
  for (const specifier of modules.get(file) ?? []) {
    if (specifier === 'vscode') return [file, 'vscode'];
    const local = resolveLocal(file, specifier);
    const chain = local === undefined ? undefined : pathToVscode(local, seen);
    if (chain) return [file, ...chain];
  }
  return undefined;
}

test('pure modules reach no vscode at run time; the listed adapters do', () => {
  assert.ok(modules.size > 40, `only ${modules.size} client modules found`);
  for (const file of modules.keys()) {
    const name = path.relative(CLIENT, file).split(path.sep).join('/');
    const chain = pathToVscode(file);
    if (ADAPTERS.has(name)) assert.ok(chain, `${name} is listed as an adapter but reaches no vscode: move it out of the list`);
    else assert.equal(chain?.map((f) => (f === 'vscode' ? f : path.relative(CLIENT, f))).join(' -> '), undefined, `${name} is pure but loads vscode`);
  }
  for (const name of ADAPTERS) assert.ok(fs.existsSync(path.join(CLIENT, name)), `${name} is gone: update the list`);
});

test('the logic folders stay out of VS Code', () => {
  assert.ok(!fs.existsSync(path.join(CLIENT, 'logic')), 'client/src/logic/ is gone: modules live in their feature folder');
});

test('the client imports nothing from the server but its host layer: what it needs comes through protocol/', () => {
  const server = path.join(repoRoot, 'server');
  const host = path.join(server, 'src', 'host');
  for (const [file, list] of allImports) {
    for (const { specifier } of list) {
      const target = path.resolve(path.dirname(file), specifier);
      assert.ok(!specifier.startsWith('.') || !target.startsWith(server + path.sep) || target.startsWith(host + path.sep), `${path.relative(repoRoot, file)} imports ${specifier}`);
    }
  }
});
