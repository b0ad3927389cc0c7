// `npm start`'s demo: the first Upgrade to Head must work on a fresh machine, also where the python3 first on PATH
// has no Alembic (Debian's /usr/bin/python3 with python3-alembic does). The extension's own search
// (common/interpreter-search.ts, bundled here in memory: one source for the order and the choice) finds an
// interpreter that imports alembic and psycopg2 (the embedded database's postgresql:// URL needs it), and the demo
// folder's .vscode/settings.json gets it as alembic.pythonPath. That file is this machine's (.gitignore).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { findOnPath } from './on-path.mjs';
import { repoRoot } from './repo.mjs';

const PROBE_TIMEOUT_MS = 15_000;
const SETTING = 'alembic.pythonPath';

/** @returns {Promise<typeof import('../../common/interpreter-search')>} */
async function interpreterSearch() {
  const built = await esbuild.build({
    entryPoints: [path.join(repoRoot, 'common', 'interpreter-search.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const code = built.outputFiles[0]?.text ?? '';
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/**
 * Sets alembic.pythonPath in `folder`/.vscode/settings.json to an interpreter that can import Alembic and psycopg2,
 * unless the one set there already can. Says what it did, or what to install when nothing here can.
 * @param {string} folder
 * @param {(line: string) => void} [log]
 */
export async function prepareDemoPython(folder, log = console.log) {
  const search = await interpreterSearch();
  const settingsFile = path.join(folder, '.vscode', 'settings.json');
  /** @type {Record<string, unknown>} */
  let settings = {};
  if (existsSync(settingsFile)) {
    try {
      settings = JSON.parse(readFileSync(settingsFile, 'utf8'));
    } catch {
      log(`${path.relative(repoRoot, settingsFile)} is not plain JSON: left as it is (set ${SETTING} there yourself if the first Upgrade cannot find Alembic).`);
      return;
    }
  }
  const driver = search.driverForUrl('postgresql://');
  /** @param {import('../../common/interpreter-search').InterpreterCandidate} candidate */
  const probe = (candidate) => probeInterpreter(candidate.executable, search);
  const common = {
    projectDir: folder,
    workspaceDir: folder,
    home: os.homedir(),
    exists: (/** @type {string} */ file) => existsSync(file),
    onPath: findOnPath,
  };
  const current = typeof settings[SETTING] === 'string' ? String(settings[SETTING]) : '';
  if (current) {
    const kept = await search.chooseInterpreter(search.interpreterCandidates({ ...common, setting: current }), probe, driver);
    if (kept.status === 'ready') {
      log(`The demo runs migrations with ${current} (${SETTING} in ${path.relative(repoRoot, settingsFile)}).`);
      return;
    }
  }
  const choice = await search.chooseInterpreter(search.interpreterCandidates(common), probe, driver);
  if (choice.status !== 'ready' || !choice.chosen) {
    log(`No Python here can import alembic and psycopg2, so the demo's Upgrade will say so: ${search.choiceReason(choice)}`);
    log(`To run migrations, install them: ${search.installHint(choice).command}`);
    return;
  }
  settings[SETTING] = choice.chosen.candidate.executable;
  mkdirSync(path.dirname(settingsFile), { recursive: true });
  writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
  log(`The demo runs migrations with ${choice.chosen.candidate.executable}: ${search.choiceReason(choice)} (${SETTING} in ${path.relative(repoRoot, settingsFile)})`);
}

/**
 * The extension's probe, as a script can run it: an argument array, no shell, a timeout.
 * @param {string} executable
 * @param {typeof import('../../common/interpreter-search')} search
 * @returns {Promise<import('../../common/interpreter-search').ProbeResult>}
 */
function probeInterpreter(executable, search) {
  return new Promise((resolve) => {
    execFile(executable, ['-c', search.PROBE_SCRIPT], { timeout: PROBE_TIMEOUT_MS, killSignal: 'SIGKILL', windowsHide: true }, (error, stdout) => {
      if (error && !stdout.trim()) resolve({ ran: false, problem: `failed: ${error.message.split('\n')[0]}` });
      else resolve(search.parseProbeOutput(stdout));
    });
  });
}
