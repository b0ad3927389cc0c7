// Starts code-server on a loopback port with fresh user-data and extensions folders, and stops exactly what it started.
import { spawn } from 'node:child_process';
import { createWriteStream, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCodeServer } from './code-server-install.mjs';
import { onExit } from './exit-cleanup.cjs';

const START_TIMEOUT_MS = 90_000;
/** The longest socket the editor puts in its temporary folder: `/vscode-ipc-<uuid>.sock`. */
const LONGEST_SOCKET_NAME = 53;
/** sun_path holds 108 bytes on Linux, 104 on macOS, with the terminating NUL. */
const MAX_SOCKET_PATH = 103;
const STOP_TIMEOUT_MS = 10_000;

// Quiet first start: no welcome page, tips, recommendations ("install the Python extension?") or update checks
// covering what a test or screenshot looks at.
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.openRepositoryInParentFolders': 'never',
};

/**
 * Workspace Trust, as the workbench will see the workspace:
 * - 'trusted': trust is switched off (`security.workspace.trust.enabled: false`), so every folder counts as trusted
 *   and no trust dialog covers the window;
 * - 'untrusted': trust on and never asked (`startupPrompt: never`): the folder opens in Restricted Mode;
 * - 'prompt': VS Code's defaults, with the "Do you trust the authors?" dialog.
 * @typedef {'trusted' | 'untrusted' | 'prompt'} Trust
 */
const TRUST_SETTINGS = {
  trusted: { 'security.workspace.trust.enabled': false },
  untrusted: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' },
  prompt: {},
};

/**
 * @typedef {object} StartOptions
 * @property {string} workspace the folder to open
 * @property {string} [extensionPath] an unpacked extension folder, linked into the extensions folder: the workbench
 *   loads it as if installed (no "Extension Development Host" title)
 * @property {string} [extensionDevelopmentPath] a folder loaded as an unpacked extension through the workbench URL's
 *   payload (Extension Development Host); the way to pass extensionTestsPath
 * @property {string} [extensionTestsPath] a test runner module run in the extension host, with the development path
 * @property {string} [extensionsDir] default: a fresh folder
 * @property {string} [userDataDir] default: a fresh folder
 * @property {number} [port] default 0: a free port, chosen by the server
 * @property {Trust} [trust] default 'trusted'
 * @property {Record<string, unknown>} [settings] user settings, over the quiet defaults
 * @property {NodeJS.ProcessEnv} [env] added to the server's (and so the extension host's) environment
 * @property {(line: string) => void} [log]
 */

/**
 * @typedef {object} CodeServer
 * @property {string} url the workbench URL that opens the workspace (and the extension, when given)
 * @property {string} origin http://127.0.0.1:<port>
 * @property {number} pid
 * @property {string} logFile code-server's own output
 * @property {string} userDataDir
 * @property {string} extensionsDir
 * @property {Promise<number | null>} exited resolves with the exit code when the server ends, stopped or not
 * @property {() => Promise<void>} stop ends the server's process group and deletes the folders it made, log included
 */

/**
 * @param {StartOptions} options
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer(options) {
  const { workspace, extensionDevelopmentPath, extensionTestsPath, port = 0, trust = 'trusted', log = (line) => console.error(line) } = options;
  const { entry } = await ensureCodeServer({ log });
  const tempRoot = mkdtempSync(path.join(os.tmpdir(), 'alembic-code-server-'));
  const userDataDir = options.userDataDir ?? path.join(tempRoot, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(tempRoot, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  if (options.extensionPath) linkExtension(extensionsDir, options.extensionPath);
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    `${JSON.stringify({ ...QUIET_SETTINGS, ...TRUST_SETTINGS[trust], ...options.settings }, null, 2)}\n`,
  );
  // Our own config file: the user's ~/.config/code-server/config.yaml may ask for a password or another address.
  const configFile = path.join(tempRoot, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const logFile = path.join(tempRoot, 'code-server.log');
  // The editor's own temporary files go with the temp root: a killed server leaves its sockets (vscode-ipc-*.sock,
  // vscode-git-*.sock), and so do what the extension starts (the embedded database's socket folder); hundreds of
  // them piled up in /tmp after a day of test runs. Not where the sockets' paths would be too long (a long TMPDIR).
  const tmp = path.join(tempRoot, 't');
  const ownTmp = tmp.length + LONGEST_SOCKET_NAME <= MAX_SOCKET_PATH;
  if (ownTmp) mkdirSync(tmp);

  const args = [
    entry,
    '--config', configFile,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--session-socket', path.join(tempRoot, 'session.sock'),
    workspace,
  ];
  const child = spawn(process.execPath, args, {
    env: serverEnv({ ...(ownTmp ? { TMPDIR: tmp } : {}), ...options.env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: stop() ends the extension host and language servers with it.
    detached: true,
  });
  const logStream = createWriteStream(logFile);
  child.stdout.pipe(logStream, { end: false });
  child.stderr.pipe(logStream, { end: false });

  let stopped = false;
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  // A detached server outlives its parent: if the caller exits without stop() (an uncaught error, Ctrl+C), end it anyway.
  const onParentExit = () => {
    try {
      process.kill(-(/** @type {number} */ (child.pid)), 'SIGKILL');
    } catch {
      // Already gone.
    }
    rmSync(tempRoot, { recursive: true, force: true });
  };
  const forgetParentExit = onExit(onParentExit);
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    forgetParentExit();
    await killGroup(/** @type {number} */ (child.pid), exited);
    await new Promise((resolve) => logStream.end(resolve));
    // Folders the caller passed in are theirs to keep; the log goes with the temp root (copy it before stop()).
    rmSync(tempRoot, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    const origin = await waitForListening(child, exited, logFile);
    await waitForHealth(origin);
    const url = workbenchUrl(origin, workspace, extensionDevelopmentPath, extensionTestsPath);
    return { url, origin, pid: /** @type {number} */ (child.pid), logFile, userDataDir, extensionsDir, exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * VS Code picks up a folder named `<publisher>.<name>-<version>` in its extensions folder at start-up and records it in
 * extensions.json. A symlink keeps it live: rebuild, then "Developer: Reload Window". Uninstalling from the UI removes
 * the link, not the folder.
 * @param {string} extensionsDir
 * @param {string} extensionPath
 */
function linkExtension(extensionsDir, extensionPath) {
  const manifest = JSON.parse(readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  const folder = `${manifest.publisher}.${manifest.name}-${manifest.version}`.toLowerCase();
  const link = path.join(extensionsDir, folder);
  // A link from an earlier run into a kept extensions folder; a real folder there is the caller's, left alone.
  if (lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) unlinkSync(link);
  symlinkSync(path.resolve(extensionPath), link, 'dir');
}

/** @param {NodeJS.ProcessEnv | undefined} extra */
function serverEnv(extra) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Started from a VS Code terminal, VSCODE_IPC_HOOK_CLI makes code-server hand the folder to that VS Code and exit.
    if (!key.startsWith('VSCODE_') && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * The server prints the address it bound, which is how a port chosen by the system (port 0) is learnt.
 * @param {import('node:child_process').ChildProcess} child
 * @param {Promise<unknown>} exited
 * @param {string} logFile
 * @returns {Promise<string>}
 */
function waitForListening(child, exited, logFile) {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not start within ${START_TIMEOUT_MS / 1000} s; see ${logFile}:\n${output.slice(-2000)}`)), START_TIMEOUT_MS);
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        resolve(/** @type {string} */ (match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before listening:\n${output.slice(-2000)}`));
    });
  });
}

/** @param {string} origin */
async function waitForHealth(origin) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server at ${origin} did not answer /healthz within ${START_TIMEOUT_MS / 1000} s (${last})`);
}

/**
 * @param {string} origin
 * @param {string} workspace
 * @param {string | undefined} extensionDevelopmentPath
 * @param {string | undefined} extensionTestsPath
 */
export function workbenchUrl(origin, workspace, extensionDevelopmentPath, extensionTestsPath) {
  const url = new URL(origin);
  url.searchParams.set('folder', path.resolve(workspace));
  /** @type {[string, string][]} */
  const payload = [];
  // The workbench parses these as URIs and hands them to the server's extension host, which reads them from its
  // own disk: vscode-remote URIs with the server's authority.
  const remote = (/** @type {string} */ p) => `vscode-remote://${url.host}${path.resolve(p)}`;
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (payload.length > 0) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

/**
 * @param {number} pid
 * @param {Promise<unknown>} exited
 */
async function killGroup(pid, exited) {
  const signalGroup = (/** @type {NodeJS.Signals} */ signal) => {
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false;
    }
  };
  if (!signalGroup('SIGTERM')) return;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(resolve, STOP_TIMEOUT_MS);
  });
  await Promise.race([exited, timeout]);
  clearTimeout(timer);
  // The leader may be gone while the extension host or a language server it started lingers in the group.
  signalGroup('SIGKILL');
}
