// Installs code-server from npm, once, into the git-ignored cache, on a machine that reaches only the npm registry
// and Debian's archive.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import path from 'node:path';
import { ensureAptPackages } from './apt.mjs';
import { withDirLock } from './dir-lock.mjs';
import { cacheDir } from './repo.mjs';

// 4.100.x is the last line that runs on Node 20; its postinstall refuses other majors.
export const CODE_SERVER_VERSION = '4.100.3';
const NODE_MAJOR = 20;

export const codeServerCacheDir = path.join(cacheDir, 'code-server');
const installDir = path.join(codeServerCacheDir, CODE_SERVER_VERSION);
const entryFile = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const completeMarker = path.join(installDir, '.complete');

// Native modules are built from source (their prebuilt-binary downloads are unreachable): kerberos needs krb5
// headers and pkg-config; ripgrep seeds @vscode/ripgrep's download cache.
export const APT_PREREQUISITES = ['libkrb5-dev', 'pkg-config', 'ripgrep', 'make', 'g++', 'python3'];

// npm 11 asks for an allow list of the dependencies whose install scripts may run (11.19 still runs the others with a
// warning; the plan is to block them). Our package.json allows code-server's (it runs
// `npm install` in lib/vscode and lib/vscode/extensions) and argon2's. Those nested installs are projects of their
// own, which read neither our allowScripts nor (refused in a project install) --allow-scripts; an npmrc
// allow-scripts of ours would reach them only as an npm_config_ variable, which they refuse too. So code-server is
// unpacked first without scripts, its nested projects get an .npmrc each with their list, then `npm rebuild` runs
// the scripts.
// (lib/vscode/extensions installs only typescript, without scripts: it needs no list.)
const TOP_LEVEL_SCRIPTS = ['code-server', 'argon2'];
const NESTED_SCRIPTS = {
  'lib/vscode': ['@parcel/watcher', '@vscode/deviceid', '@vscode/ripgrep', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty'],
};

// What a silently skipped or failed install script leaves missing, under node_modules/code-server/lib/vscode/
// node_modules: the search (ripgrep, from a download or a per-platform package), the terminal and the logger.
const REQUIRED_FILES = [
  ['@vscode/ripgrep/bin/rg', '@vscode/ripgrep-linux-x64/bin/rg'],
  ['node-pty/build/Release/pty.node'],
  ['@vscode/spdlog/build/Release/spdlog.node'],
];

// The @vscode/ripgrep 1.15.x postinstall downloads this asset from GitHub unless it is already in its cache
// (later versions ship rg in per-platform npm packages and download nothing).
const RIPGREP_DOWNLOADS = [{ packageVersion: '1.15.11', asset: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' }];

const INSTALL_TIMEOUT_MS = 30 * 60_000;

/**
 * Installs code-server unless the cache already holds it.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<{ entry: string, installDir: string, installedNow: boolean }>} entry: the script to run with node
 */
export async function ensureCodeServer({ log = (line) => console.error(line) } = {}) {
  if (isComplete()) return { entry: entryFile, installDir, installedNow: false };
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== NODE_MAJOR) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node.js ${NODE_MAJOR}; this is Node.js ${process.versions.node}`);
  }
  mkdirSync(codeServerCacheDir, { recursive: true });
  return withDirLock(path.join(codeServerCacheDir, '.install-lock'), INSTALL_TIMEOUT_MS, async () => {
    // Another process may have finished the install while this one waited for the lock.
    if (isComplete()) return { entry: entryFile, installDir, installedNow: false };
    ensureAptPackages(APT_PREREQUISITES, { why: `building code-server ${CODE_SERVER_VERSION}'s native modules`, log });
    await install(log);
    return { entry: entryFile, installDir, installedNow: true };
  });
}

function isComplete() {
  return existsSync(completeMarker) && existsSync(entryFile);
}

/** @param {(line: string) => void} log */
async function install(log) {
  const staging = `${installDir}.partial`;
  const tmp = path.join(codeServerCacheDir, 'tmp');
  const logFile = path.join(codeServerCacheDir, 'install.log');
  rmSync(staging, { recursive: true, force: true });
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  const allowScripts = Object.fromEntries(TOP_LEVEL_SCRIPTS.map((name) => [name, true]));
  writeFileSync(
    path.join(staging, 'package.json'),
    `${JSON.stringify({ name: 'code-server-cache', private: true, dependencies: { 'code-server': CODE_SERVER_VERSION }, allowScripts }, null, 2)}\n`,
  );
  seedRipgrepDownloads(tmp);

  log(`Installing code-server ${CODE_SERVER_VERSION} into ${path.relative(process.cwd(), installDir) || installDir} (once; a few minutes)...`);
  const started = Date.now();
  const out = openSync(logFile, 'w');
  const env = {
    ...process.env,
    // postinstall.sh refuses to run as root without it.
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_update_notifier: 'false',
    // @vscode/ripgrep looks for its download cache under os.tmpdir().
    TMPDIR: tmp,
  };
  try {
    await runNpm(['install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: staging, out, env });
    const codeServerDir = path.join(staging, 'node_modules', 'code-server');
    for (const [folder, names] of Object.entries(NESTED_SCRIPTS)) {
      writeFileSync(path.join(codeServerDir, folder, '.npmrc'), `allow-scripts=${names.join(',')}\n`);
    }
    await runNpm(['rebuild', '--foreground-scripts'], { cwd: staging, out, env });
  } catch (error) {
    throw new Error(`Installing code-server failed: ${error instanceof Error ? error.message : String(error)}\n--- last lines of ${logFile} ---\n${tail(logFile, 40)}`);
  } finally {
    closeSync(out);
  }
  const stagedEntry = path.join(staging, path.relative(installDir, entryFile));
  if (!existsSync(stagedEntry)) throw new Error(`npm finished but ${stagedEntry} is missing; see ${logFile}`);
  const vscodeModules = path.join(staging, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  for (const candidates of REQUIRED_FILES) {
    if (!candidates.some((file) => existsSync(path.join(vscodeModules, file)))) {
      throw new Error(`code-server's postinstall left ${candidates.join(' or ')} missing in ${vscodeModules}; see ${logFile}`);
    }
  }
  // --config: without it code-server writes a config file with a generated password into ~/.config.
  const configFile = path.join(staging, 'config.yaml');
  writeFileSync(configFile, 'auth: none\n');
  const version = execFileSync(process.execPath, [stagedEntry, '--config', configFile, '--version'], { encoding: 'utf8', timeout: 60_000 })
    .trim()
    .split('\n')
    .pop();
  renameSync(staging, installDir);
  writeFileSync(completeMarker, `${JSON.stringify({ version, node: process.versions.node, seconds: Math.round((Date.now() - started) / 1000) })}\n`);
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s: ${version}`);
}

/** @param {string} tmp */
function seedRipgrepDownloads(tmp) {
  const rg = '/usr/bin/rg';
  if (!existsSync(rg)) return;
  for (const { packageVersion, asset } of RIPGREP_DOWNLOADS) {
    const dir = path.join(tmp, `vscode-ripgrep-cache-${packageVersion}`);
    const tarball = path.join(dir, asset);
    if (existsSync(tarball)) continue;
    mkdirSync(dir, { recursive: true });
    // The postinstall runs `tar xvf <asset> -C bin/` and then expects bin/rg: rg sits at the archive's root.
    execFileSync('tar', ['-czf', tarball, '-C', path.dirname(rg), path.basename(rg)], { stdio: 'ignore' });
  }
}

/**
 * @param {string[]} args
 * @param {{ cwd: string, out: number, env: NodeJS.ProcessEnv }} options
 */
function runNpm(args, { cwd, out, env }) {
  return new Promise((resolve, reject) => {
    // In the caller's process group, so a Ctrl+C in the terminal ends it too; npm passes a SIGTERM on to the
    // install scripts (node-gyp builds) it runs.
    const child = spawn('npm', args, { cwd, env, stdio: ['ignore', out, out] });
    const timer = setTimeout(() => child.kill('SIGTERM'), INSTALL_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(undefined);
      else reject(new Error(`npm ${args.join(' ')} exited with ${signal ?? code}${signal ? ` (timeout ${INSTALL_TIMEOUT_MS / 60_000} min?)` : ''}`));
    });
  });
}

/** @param {string} file @param {number} lines */
function tail(file, lines) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
