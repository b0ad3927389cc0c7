// The extension-host tests in code-server (the runner CI uses): the .vsix `npm run package` wrote is installed into
// a fresh extensions folder and the mocha suite (test/e2e/extension) runs in the extension host through
// extensionTestsPath, once in a trusted window and once in Restricted Mode, against a throwaway PostgreSQL.
// Exits 0 only when every test passed.
//   npm run package && node test/e2e/run-extension-tests.mjs [--session trusted|untrusted]...
// The extension host starts only once a browser has the workbench open: headless chromium opens it, and waits.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { passed, pickSessions, runSessions, waitForResults } from '../../scripts/e2e-extension-host.mjs';
import { installVsix } from '../../scripts/e2e-vsix.mjs';
import { ensureAptPackages } from '../../scripts/lib/apt.mjs';
import { startCodeServer } from '../../scripts/lib/code-server-start.mjs';
import { CHROMIUM, resultsDir } from './browser.mjs';

/** A whole session: the workbench's start, the language server's first lint, the CLI runs against PostgreSQL. */
const SESSION_TIMEOUT_MS = 6 * 60_000;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/**
 * One window: the .vsix installed by code-server, code-server started on the workspace with the suite, chromium on it.
 * @param {import('../../scripts/e2e-extension-host.mjs').Session} session
 * @param {import('../../scripts/e2e-extension-host.mjs').SessionContext} context
 * @returns {Promise<import('../../scripts/e2e-extension-host.mjs').SuiteResults>}
 */
async function runSession(session, { workspace, extensionsDir, vsix, suite, env, resultsFile }) {
  const artifacts = path.join(resultsDir, `extension-host-${session}`);
  for (const suffix of ['-console.log', '-code-server.log', '-failure.png']) rmSync(`${artifacts}${suffix}`, { force: true });
  /** @type {import('../../scripts/lib/code-server-start.mjs').CodeServer | undefined} */
  let server;
  /** @type {import('playwright-core').Browser | undefined} */
  let browser;
  /** @type {import('playwright-core').Page | undefined} */
  let page;
  /** @type {string[]} */
  const consoleLines = [];
  let ok = false;
  try {
    await installVsix(vsix, extensionsDir);
    server = await startCodeServer({
      workspace,
      extensionsDir,
      extensionDevelopmentPath: suite.developmentPath,
      extensionTestsPath: suite.testsPath,
      trust: session,
      // Debian's interpreter has alembic and psycopg2; the first python3 on PATH may not.
      settings: { 'alembic.pythonPath': '/usr/bin/python3' },
      env,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // Copy Revision ID writes the clipboard, which the workbench reaches through the browser's.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    page = await context.newPage();
    page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
    /** @type {(why: string) => void} */
    let end = () => {};
    /** @type {Promise<string>} */
    const ended = new Promise((resolve) => {
      end = resolve;
    });
    // The workbench calls this when the extension host exits after the tests (the hook VS Code's own web tests use).
    await page.exposeFunction('codeAutomationExit', (/** @type {number} */ code) => end(`the extension host exited with code ${code}`));
    void server.exited.then((code) => end(`code-server exited (${code})`));
    page.on('crash', () => end('the browser page crashed'));
    await page.goto(server.url, { timeout: 60_000 });
    const results = await waitForResults(resultsFile, { timeoutMs: SESSION_TIMEOUT_MS, ended });
    ok = passed(results);
    return results;
  } finally {
    if (!ok) await keepArtifacts(artifacts, { page, server, consoleLines });
    await browser?.close().catch(() => {});
    await server?.stop();
  }
}

/**
 * What a failed session leaves in test-results/: the window, the server's log, the browser console (where the
 * workbench forwards the extension host's output).
 * @param {string} base
 * @param {{ page?: import('playwright-core').Page, server?: import('../../scripts/lib/code-server-start.mjs').CodeServer, consoleLines: string[] }} what
 */
async function keepArtifacts(base, { page, server, consoleLines }) {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(`${base}-console.log`, `${consoleLines.join('\n')}\n`);
  if (server) {
    try {
      copyFileSync(server.logFile, `${base}-code-server.log`);
    } catch {
      // The server never wrote a log.
    }
  }
  await page?.screenshot({ path: `${base}-failure.png`, timeout: 5000 }).catch(() => {});
}

async function main() {
  const { values } = parseArgs({ options: { session: { type: 'string', multiple: true } } });
  const sessions = pickSessions(values.session);
  ensureAptPackages(['chromium'], { why: 'the extension-host tests (headless chromium opens the workbench)' });
  return runSessions({ editor: 'code-server', sessions, runSession });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
