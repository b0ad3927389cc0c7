// The workbench the UI tests drive: the packaged .vsix (what users install, so a file missing from the package
// fails a test), installed by code-server into a fresh extensions folder, on a throwaway copy of examples/backend.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installVsix, vsixPath } from '../../../scripts/e2e-vsix.mjs';
import { onExit } from '../../../scripts/lib/exit-cleanup.cjs';
import { repoRoot } from '../../../scripts/lib/repo.mjs';
import { resultsDir, withWorkbench } from '../browser.mjs';
import { processesMatching } from '../processes.mjs';
import { waitForExtension } from '../workbench.mjs';

// Debian's python3-alembic is installed for /usr/bin/python3; the python3 first on PATH may lack it. No port
// forwarding notifications over what a test looks at.
const SETTINGS = { 'alembic.pythonPath': '/usr/bin/python3', 'remote.autoForwardPorts': false };
const STOPPED_TIMEOUT_MS = 15_000;

/**
 * Runs `fn` in a workbench with the installed .vsix, then saves test-results/ui-<name>.png, passed or failed, and
 * checks that no embedded database of this workspace outlived the workbench.
 * @template T
 * @param {string} name names the screenshot (and, on failure, withWorkbench's log and failure screenshot)
 * @param {(workbench: import('../browser.mjs').Workbench) => Promise<T>} fn
 * @param {{ prepare?: (workspace: string) => void, settings?: Record<string, unknown> }} [options] `settings` over the
 *   defaults; a key set to undefined is left out (`'alembic.pythonPath': undefined`: the extension searches)
 * @returns {Promise<T>}
 */
export async function withInstalledWorkbench(name, fn, options = {}) {
  if (!existsSync(vsixPath)) throw new Error(`${path.relative(repoRoot, vsixPath)} is missing: run \`npm run package\` first`);
  const screenshot = path.join(resultsDir, `ui-${name}.png`);
  // A screenshot of an earlier run must not pass for this one's.
  rmSync(screenshot, { force: true });
  mkdirSync(resultsDir, { recursive: true });
  const extensionsDir = mkdtempSync(path.join(os.tmpdir(), 'alembic-ui-extensions-'));
  const removeExtensionsDir = () => rmSync(extensionsDir, { recursive: true, force: true, maxRetries: 3 });
  const forgetExtensionsDir = onExit(removeExtensionsDir);
  /** @type {string | undefined} */
  let workspace;
  try {
    await installVsix(vsixPath, extensionsDir);
    const result = await withWorkbench(
      async (workbench) => {
        workspace = workbench.workspace;
        try {
          // What a user sees before using the extension: the workbench has registered it (its activity-bar icon).
          await waitForExtension(workbench.page);
          return await fn(workbench);
        } finally {
          await workbench.page.screenshot({ path: screenshot, timeout: 10_000 }).catch(() => {});
        }
      },
      { name: `ui-${name}`, load: 'none', extensionsDir, settings: { ...SETTINGS, ...options.settings }, prepare: options.prepare },
    ).catch(async (error) => {
      // The test's own failure comes first; a leftover process is reported beside it, not instead of it.
      if (workspace) await expectNoEmbeddedDatabase(workspace).catch((leak) => console.error(leak.message));
      throw error;
    });
    if (workspace) await expectNoEmbeddedDatabase(workspace);
    return result;
  } finally {
    forgetExtensionsDir();
    removeExtensionsDir();
  }
}

/**
 * The embedded database is a child of the extension host: once code-server stopped, none may serve the workspace.
 * @param {string} workspace
 */
async function expectNoEmbeddedDatabase(workspace) {
  const deadline = Date.now() + STOPPED_TIMEOUT_MS;
  for (;;) {
    const left = processesMatching(['embedded-db-main', workspace]);
    if (left.length === 0) return;
    if (Date.now() > deadline) throw new Error(`An embedded database outlived the workbench: ${JSON.stringify(left)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
