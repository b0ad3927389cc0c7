// The same extension-host suite in desktop VS Code, downloaded by @vscode/test-electron into .cache/vscode-test/:
// the .vsix installed with VS Code's CLI, the suite run through extensionTestsPath, a trusted window and one in
// Restricted Mode. Where VS Code cannot be downloaded, it says so and exits 2: a run that did not happen is not a
// pass. CI uses the code-server runner (run-extension-tests.mjs); this one is for a machine that reaches
// update.code.visualstudio.com.
//   npm run package && node test/e2e/run-extension-tests-electron.mjs [--session trusted|untrusted]...
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { pickSessions, runSessions, waitForResults } from '../../scripts/e2e-extension-host.mjs';
import { ensureAptPackages } from '../../scripts/lib/apt.mjs';
import { cacheDir } from '../../scripts/lib/repo.mjs';

// The VS Code that code-server 4.100.3 is built from: both runners test against the same editor.
const VSCODE_VERSION = '1.100.3';
const DOWNLOAD_IDLE_TIMEOUT_MS = 30_000;
const SESSION_TIMEOUT_MS = 6 * 60_000;
const NOT_RUN = 2;

/** @param {import('../../scripts/e2e-extension-host.mjs').Session} session */
function userSettings(session) {
  return {
    'workbench.startupEditor': 'none',
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'alembic.pythonPath': '/usr/bin/python3',
    ...(session === 'untrusted' ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {}),
  };
}

/**
 * @param {string} executable
 * @param {import('../../scripts/e2e-extension-host.mjs').Session} session
 * @param {import('../../scripts/e2e-extension-host.mjs').SessionContext} context
 */
async function runSession(executable, session, { root, workspace, extensionsDir, vsix, suite, env, resultsFile }) {
  const userDataDir = path.join(root, 'user-data');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings(session), null, 2));
  const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(executable);
  execFileSync(/** @type {string} */ (cli), [...cliArgs, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], {
    stdio: 'inherit',
    timeout: 120_000,
  });
  const profile = [workspace, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];
  if (session === 'trusted') {
    await runTests({ vscodeExecutablePath: executable, extensionDevelopmentPath: suite.developmentPath, extensionTestsPath: suite.testsPath, launchArgs: profile, extensionTestsEnv: env }).catch(() => {
      // A failing suite exits non-zero; its results file says why.
    });
    return waitForResults(resultsFile, { timeoutMs: 5000, ended: Promise.resolve('VS Code exited') });
  }
  // runTests always adds --disable-workspace-trust: Restricted Mode needs VS Code started without it.
  const args = ['--no-sandbox', '--disable-gpu-sandbox', '--disable-updates', '--skip-welcome', '--skip-release-notes', `--extensionTestsPath=${suite.testsPath}`, `--extensionDevelopmentPath=${suite.developmentPath}`, ...profile];
  const child = spawn(executable, args, { env: { ...process.env, ...env }, stdio: 'inherit' });
  const ended = new Promise((resolve) => child.once('exit', (code) => resolve(`VS Code exited (${code})`)));
  try {
    return await waitForResults(resultsFile, { timeoutMs: SESSION_TIMEOUT_MS, ended });
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

async function main() {
  const { values } = parseArgs({ options: { session: { type: 'string', multiple: true } } });
  const sessions = pickSessions(values.session);
  /** @type {string} */
  let executable;
  try {
    executable = await downloadAndUnzipVSCode({ version: VSCODE_VERSION, cachePath: path.join(cacheDir, 'vscode-test'), timeout: DOWNLOAD_IDLE_TIMEOUT_MS });
  } catch (error) {
    console.error(`NOT RUN: desktop VS Code ${VSCODE_VERSION} could not be downloaded (${error instanceof Error ? error.message : String(error)}).`);
    console.error('The extension-host tests did not run in desktop VS Code; this is not a pass. The code-server runner');
    console.error('(node test/e2e/run-extension-tests.mjs) runs the same suite without a download.');
    return NOT_RUN;
  }
  // Electron needs a display: on a headless Linux machine, run again under a virtual one.
  if (process.platform === 'linux' && !process.env['DISPLAY']) {
    ensureAptPackages(['xvfb'], { why: 'desktop VS Code on a machine without a display' });
    const child = spawn('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], { stdio: 'inherit' });
    return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  }
  return runSessions({ editor: `VS Code ${VSCODE_VERSION}`, sessions, runSession: (session, context) => runSession(executable, session, context) });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
