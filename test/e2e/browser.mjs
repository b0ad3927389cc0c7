// A real VS Code workbench (code-server) on a throwaway copy of examples/backend, driven by Debian's chromium.
import { cpSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ensureAptPackages } from '../../scripts/lib/apt.mjs';
import { startCodeServer } from '../../scripts/lib/code-server-start.mjs';
import { onExit } from '../../scripts/lib/exit-cleanup.cjs';
import { exampleProject, repoRoot } from '../../scripts/lib/repo.mjs';
import { waitForWorkbench } from './workbench.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const resultsDir = path.join(repoRoot, 'test-results');

// The flags Debian's chromium needs as root in a container, and no calls home.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/**
 * @typedef {object} Workbench
 * @property {import('playwright-core').Page} page
 * @property {string} workspace the temporary copy of the project that is open
 * @property {import('../../scripts/lib/code-server-start.mjs').CodeServer} server
 */

/**
 * @typedef {object} WorkbenchOptions
 * @property {string} [name] names the failure screenshot and log in test-results/
 * @property {string} [project] the folder copied and opened; default examples/backend
 * @property {(workspace: string) => void} [prepare] changes the copy before the workbench opens it
 * @property {'installed' | 'development' | 'none'} [load] how the repository's extension is loaded: 'installed'
 *   (default) links it into the extensions folder as an installed extension would be; 'development' passes it as
 *   extensionDevelopmentPath (needed for extensionTestsPath); 'none' loads it not at all (e.g. a .vsix installed into
 *   extensionsDir instead)
 * @property {string} [extensionTestsPath]
 * @property {string} [extensionsDir] e.g. a folder where a .vsix was installed
 * @property {import('../../scripts/lib/code-server-start.mjs').Trust} [trust]
 * @property {Record<string, unknown>} [settings]
 * @property {NodeJS.ProcessEnv} [env]
 * @property {{ width: number, height: number }} [viewport]
 */

/**
 * Runs `fn` against a fresh workbench, then stops everything, also when `fn` throws; a failure leaves
 * test-results/<name>-failure.png and the server's log.
 * @template T
 * @param {(workbench: Workbench) => Promise<T>} fn
 * @param {WorkbenchOptions} [options]
 * @returns {Promise<T>}
 */
export async function withWorkbench(fn, options = {}) {
  const name = options.name ?? 'workbench';
  ensureAptPackages(['chromium'], { why: 'the UI tests (headless chromium)' });
  const tempRoot = mkdtempSync(path.join(os.tmpdir(), 'alembic-e2e-'));
  const removeTempRoot = () => rmSync(tempRoot, { recursive: true, force: true, maxRetries: 3 });
  // Also on Ctrl+C or a timeout's SIGTERM, which skip the finally below.
  const forgetTempRoot = onExit(removeTempRoot);
  const project = options.project ?? exampleProject;
  const workspace = path.join(tempRoot, path.basename(project));
  // Caches and the embedded database of an earlier run would make the copy differ from the project, and so would the
  // .vscode/settings.json that `npm start` writes into examples/backend (this machine's alembic.pythonPath).
  cpSync(project, workspace, { recursive: true, filter: (src) => !/(^|[\\/])(__pycache__|\.alembic|\.vscode)$/.test(src) });
  options.prepare?.(workspace);

  /** @type {import('../../scripts/lib/code-server-start.mjs').CodeServer | undefined} */
  let server;
  /** @type {import('playwright-core').Browser | undefined} */
  let browser;
  /** @type {import('playwright-core').Page | undefined} */
  let page;
  try {
    const load = options.load ?? (options.extensionTestsPath ? 'development' : 'installed');
    server = await startCodeServer({
      workspace,
      extensionPath: load === 'installed' ? repoRoot : undefined,
      extensionDevelopmentPath: load === 'development' ? repoRoot : undefined,
      extensionTestsPath: options.extensionTestsPath,
      extensionsDir: options.extensionsDir,
      trust: options.trust,
      settings: options.settings,
      env: options.env,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
    page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    await page.goto(server.url, { timeout: 60_000 });
    await waitForWorkbench(page);
    return await fn({ page, workspace, server });
  } catch (error) {
    mkdirSync(resultsDir, { recursive: true });
    await page?.screenshot({ path: path.join(resultsDir, `${name}-failure.png`), timeout: 10_000 }).catch(() => {});
    if (server) copyFileSafe(server.logFile, path.join(resultsDir, `${name}-code-server.log`));
    throw error;
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    forgetTempRoot();
    removeTempRoot();
  }
}

/** @param {string} from @param {string} to */
function copyFileSafe(from, to) {
  try {
    copyFileSync(from, to);
  } catch {
    // No log to keep: the server never started.
  }
}
