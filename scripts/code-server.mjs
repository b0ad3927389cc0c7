// `npm start`: this repository's extension in VS Code on examples/backend (or the folder given; examples/backend first
// gets alembic.pythonPath set to a Python here that can import Alembic and psycopg2). A desktop VS Code
// (`code` on PATH) gets --extensionDevelopmentPath; otherwise code-server is installed once into .cache/code-server/
// and started on 127.0.0.1, with the extension linked in as if installed, and Ctrl+C stops it.
//   node scripts/code-server.mjs [folder] [--code-server] [--trust=prompt|trusted|untrusted]
// Build first (npm run build). --code-server: code-server even where `code` exists. --trust (code-server): prompt
// (default) shows VS Code's own "Do you trust the authors?" dialog; trusted skips it; untrusted opens in Restricted Mode.
// As a module: ensureCodeServer() installs code-server 4.100.3 once; startCodeServer() starts it and returns
// { url, pid, stop(), ... }.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCodeServer } from './lib/code-server-start.mjs';
import { prepareDemoPython } from './lib/demo-python.mjs';
import { findOnPath } from './lib/on-path.mjs';
import { exampleProject, repoRoot } from './lib/repo.mjs';

export { CODE_SERVER_VERSION, ensureCodeServer } from './lib/code-server-install.mjs';
export { startCodeServer, workbenchUrl } from './lib/code-server-start.mjs';

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { trust: { type: 'string', default: 'prompt' }, 'code-server': { type: 'boolean', default: false } },
  });
  const trust = /** @type {import('./lib/code-server-start.mjs').Trust} */ (values.trust);
  if (!['prompt', 'trusted', 'untrusted'].includes(trust)) throw new Error(`--trust=${trust}: expected prompt, trusted or untrusted`);
  const folder = path.resolve(positionals[0] ?? exampleProject);
  if (!existsSync(folder)) throw new Error(`No folder ${folder}`);
  if (!existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  // The demo's first Upgrade needs a Python with Alembic and a driver; a folder of the user's own is left as it is.
  if (folder === exampleProject) await prepareDemoPython(folder);

  const code = values['code-server'] ? undefined : findOnPath('code');
  if (code) {
    console.log(`Opening ${folder} in VS Code (${code}) with the extension from ${repoRoot}`);
    const child = spawn(code, [`--extensionDevelopmentPath=${repoRoot}`, folder], { stdio: 'inherit' });
    child.on('exit', (status) => process.exit(status ?? 1));
    return;
  }

  /** @type {import('./lib/code-server-start.mjs').CodeServer | undefined} */
  let server;
  let stopping = false;
  const stop = async (/** @type {string} */ why) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${why}: stopping code-server${server ? ` (pid ${server.pid})` : ''}...`);
    // A server still starting is ended by startCodeServer's exit hook.
    await server?.stop();
    process.exit(0);
  };
  // Before the start, so a Ctrl+C during the first install or the start still stops what was started.
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(signal, () => void stop(signal));
  server = await startCodeServer({ workspace: folder, extensionPath: repoRoot, trust });
  console.log(`code-server (pid ${server.pid}) serves ${path.relative(process.cwd(), folder) || folder} with the extension from ${repoRoot}`);
  console.log(`Open ${server.url}`);
  console.log(`Its log: ${server.logFile}. Ctrl+C stops it.`);
  const status = await server.exited;
  if (!stopping) {
    console.error(`code-server exited on its own (${status}); see its log above`);
    await server.stop();
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
