// What both extension-host runners (test/e2e/run-extension-tests*.mjs) do around the editor they start: compile
// the mocha suite, copy the example project with a seeded problem, start PostgreSQL, hand the session its
// settings through the environment, and read back the results the suite writes.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { readZipEntries, vsixPath, vsixProblems } from './e2e-vsix.mjs';
import { onExit } from './lib/exit-cleanup.cjs';
import { exampleProject, repoRoot } from './lib/repo.mjs';

/** test/e2e/extension/config.ts reads the session's settings from this variable. */
const CONFIG_ENV = 'ALEMBIC_E2E';

const suiteProject = path.join(repoRoot, 'test', 'e2e', 'extension');
const compiledRoot = path.join(repoRoot, 'out', 'e2e');
const compiledSuite = path.join(compiledRoot, 'test', 'e2e', 'extension');

/** The migration given a problem on disk before the window opens, and the rule it breaks. */
const SEED = {
  migration: 'database_migrations/versions/0003_add_orders_status.py',
  rule: 'require-if-exists',
  from: 'DROP COLUMN IF EXISTS status',
  to: 'DROP COLUMN status',
};

/** @typedef {'trusted' | 'untrusted'} Session */

/** The sessions, each in a window of its own: test files from test/e2e/extension/<session>/. */
export const SESSIONS = /** @type {const} */ (['trusted', 'untrusted']);

/**
 * The .vsix `npm run package` wrote, checked: every file the extension loads is in it and nothing else is.
 * @returns {{ vsix: string, entries: number, bytes: number, problems: string[] }}
 */
export function checkPackage() {
  if (!existsSync(vsixPath)) throw new Error(`${path.relative(repoRoot, vsixPath)} is missing: run \`npm run package\` first`);
  const bundle = path.join(repoRoot, 'dist', 'extension.js');
  if (existsSync(bundle) && statSync(bundle).mtimeMs > statSync(vsixPath).mtimeMs) {
    throw new Error(`${path.relative(repoRoot, vsixPath)} is older than dist/extension.js: run \`npm run package\` again`);
  }
  const entries = readZipEntries(vsixPath);
  return { vsix: vsixPath, entries: entries.length, bytes: statSync(vsixPath).size, problems: vsixProblems(entries.map((e) => e.name)) };
}

/**
 * Compiles test/e2e/extension to out/e2e and makes the compiled folder a minimal extension of its own: the
 * editor runs extensionTestsPath only beside an extensionDevelopmentPath, and this one contributes nothing, so the
 * extension under test stays the installed .vsix.
 * @returns {{ testsPath: string, developmentPath: string }}
 */
function compileSuite() {
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', suiteProject], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  } catch (error) {
    const output = /** @type {{ stdout?: string }} */ (error).stdout ?? '';
    throw new Error(`Compiling ${path.relative(repoRoot, suiteProject)} failed:\n${output || String(error)}`);
  }
  const manifest = { name: 'alembic-e2e-suite', publisher: 'alembic-tools', version: '0.0.0', private: true, engines: { vscode: '^1.91.0' } };
  writeFileSync(path.join(compiledSuite, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { testsPath: path.join(compiledSuite, 'index.js'), developmentPath: compiledSuite };
}

/**
 * A copy of examples/backend in `root` with one problem on disk, for the diagnostics tests.
 * @param {string} root
 */
function prepareWorkspace(root) {
  const workspace = path.join(root, path.basename(exampleProject));
  cpSync(exampleProject, workspace, { recursive: true, filter: (src) => !/(^|[\\/])(__pycache__|\.alembic|\.env)$/.test(src) });
  const file = path.join(workspace, SEED.migration);
  const text = readFileSync(file, 'utf8');
  if (!text.includes(SEED.from)) throw new Error(`${SEED.migration} no longer contains "${SEED.from}": update SEED in scripts/e2e-extension-host.mjs`);
  writeFileSync(file, text.replace(SEED.from, SEED.to));
  return workspace;
}

/**
 * @typedef {object} TestDatabase
 * @property {() => Promise<string>} createDatabase a fresh database's URL (with the password: environment only)
 * @property {() => Promise<void>} stop
 */

/**
 * A throwaway PostgreSQL cluster on a loopback port (test/db/harness.ts, compiled with the suite), installing
 * Debian's server, Alembic and psycopg2 first when they are missing.
 * @returns {Promise<TestDatabase>}
 */
async function startTestDatabase() {
  const require = createRequire(import.meta.url);
  /** @type {typeof import('../test/db/harness.js')} */
  const harness = require(path.join(compiledRoot, 'test', 'db', 'harness.js'));
  await harness.ensureSystemPackages();
  const server = await harness.startPostgres();
  return {
    createDatabase: async () => server.url(await server.createDatabase()),
    stop: () => server.stop(),
  };
}

/**
 * The environment a session's editor (and so its extension host) gets.
 * @param {{ session: Session, resultsFile: string, extensionsDir: string, databaseUrl: string }} options
 * @returns {Record<string, string>}
 */
function sessionEnv({ session, resultsFile, extensionsDir, databaseUrl }) {
  const config = { session, resultsFile, extensionsDir, seededMigration: SEED.migration, seededRule: SEED.rule };
  // The extension reads DATABASE_URL from its environment: the password never goes into settings.
  return { [CONFIG_ENV]: JSON.stringify(config), DATABASE_URL: databaseUrl };
}

/**
 * @typedef {object} SuiteResults what test/e2e/extension/index.ts writes
 * @property {string} session
 * @property {number} passes
 * @property {number} failures
 * @property {number} pending
 * @property {number} durationMs
 * @property {string} report mocha's spec report
 * @property {{ title: string, state: string, error?: string }[]} tests
 * @property {string} [error]
 */

/**
 * Waits for the suite's results file, or for the editor to end first.
 * @param {string} file
 * @param {{ timeoutMs: number, ended: Promise<string> }} options ended: resolves with why the editor or its
 *   extension host stopped (a suite that never writes its results ends it too)
 * @returns {Promise<SuiteResults>}
 */
export async function waitForResults(file, { timeoutMs, ended }) {
  let endedBecause = '';
  ended.then((why) => {
    endedBecause = why;
  });
  const deadline = Date.now() + timeoutMs;
  /** @type {number | undefined} */
  let graceUntil;
  for (;;) {
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
    if (endedBecause) {
      // The results are renamed into place just before the extension host reports its exit.
      graceUntil ??= Date.now() + 3000;
      if (Date.now() > graceUntil) throw new Error(`The suite wrote no results: ${endedBecause}`);
    }
    if (Date.now() > deadline) throw new Error(`The suite wrote no results within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * @param {SuiteResults} results
 * @returns {boolean} whether every test passed
 */
export function passed(results) {
  return !results.error && results.failures === 0 && results.passes > 0 && results.pending === 0;
}

/**
 * @typedef {object} SessionContext what a runner's session gets ready-made
 * @property {string} root a temporary folder for the session, removed afterwards
 * @property {string} workspace the folder to open (a copy of examples/backend with the seeded problem)
 * @property {string} extensionsDir an empty folder to install the .vsix into
 * @property {string} vsix
 * @property {{ testsPath: string, developmentPath: string }} suite
 * @property {Record<string, string>} env for the editor's environment
 * @property {string} resultsFile where the suite writes its results
 */

/**
 * Checks the package, compiles the suite, starts PostgreSQL, runs each session with a fresh database and
 * folders, prints mocha's reports, and stops everything it started.
 * @param {{ editor: string, sessions: readonly Session[], runSession: (session: Session, context: SessionContext) => Promise<SuiteResults> }} options
 * @returns {Promise<number>} the exit status: 0 when every test of every session passed
 */
export async function runSessions({ editor, sessions, runSession }) {
  const started = Date.now();
  const pkg = checkPackage();
  console.log(`Package ${path.relative(repoRoot, pkg.vsix)}: ${pkg.entries} files, ${(pkg.bytes / 1024 / 1024).toFixed(1)} MiB`);
  if (pkg.problems.length > 0) {
    console.log(`  ✗ the package is not right:\n    ${pkg.problems.join('\n    ')}`);
    return 1;
  }
  console.log('  ✓ holds every file the extension loads, and nothing else');
  const suite = compileSuite();
  const database = await startTestDatabase();
  let failed = 0;
  try {
    for (const session of sessions) {
      const sessionStarted = Date.now();
      console.log(`\nSession "${session}" (${editor}, ${session === 'trusted' ? 'trusted workspace' : 'Restricted Mode'}):`);
      const root = mkdtempSync(path.join(os.tmpdir(), `alembic-e2e-${session}-`));
      const removeRoot = () => rmSync(root, { recursive: true, force: true, maxRetries: 3 });
      // Ctrl+C or SIGTERM ends the process without running the finally below; the exit hooks still run.
      const forgetRoot = onExit(removeRoot);
      try {
        const resultsFile = path.join(root, 'results.json');
        const extensionsDir = path.join(root, 'extensions');
        const databaseUrl = await database.createDatabase();
        const context = { root, workspace: prepareWorkspace(root), extensionsDir, vsix: pkg.vsix, suite, resultsFile, env: sessionEnv({ session, resultsFile, extensionsDir, databaseUrl }) };
        const results = await runSession(session, context);
        console.log(results.report);
        if (results.error) console.log(`The suite did not run: ${results.error}`);
        if (!passed(results)) failed++;
      } catch (error) {
        console.log(`  ✗ ${error instanceof Error ? error.message : String(error)}`);
        failed++;
      } finally {
        forgetRoot();
        removeRoot();
      }
      console.log(`Session "${session}" took ${((Date.now() - sessionStarted) / 1000).toFixed(1)} s`);
    }
  } finally {
    await database.stop();
  }
  const verdict = failed === 0 ? 'All sessions passed' : `${failed} of ${sessions.length} sessions failed (see test-results/extension-host-*)`;
  console.log(`\n${verdict} in ${editor}, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return failed === 0 ? 0 : 1;
}

/**
 * The sessions named by --session (repeatable), or all of them.
 * @param {string[] | undefined} names
 * @returns {Session[]}
 */
export function pickSessions(names) {
  for (const name of names ?? []) if (!SESSIONS.includes(/** @type {never} */ (name))) throw new Error(`--session ${name}: expected ${SESSIONS.join(' or ')}`);
  return /** @type {Session[]} */ (names ?? [...SESSIONS]);
}
