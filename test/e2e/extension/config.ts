// What the runner tells the suite, in one environment variable of the code-server or VS Code process (the extension
// host inherits its environment): the session, where the results go, what was installed and seeded.
import * as path from 'node:path';

export const CONFIG_ENV = 'ALEMBIC_E2E';

export interface SuiteConfig {
  /** Which folder of test files runs: trusted/ or untrusted/. */
  session: 'trusted' | 'untrusted';
  /** Where index.ts writes the results (SuiteResults) for the runner. */
  resultsFile: string;
  /** The extensions folder the .vsix was installed into: the extension under test must load from there. */
  extensionsDir: string;
  /** The migration the runner gave a problem on disk before the window opened, relative to the workspace folder. */
  seededMigration: string;
  /** The rule that problem breaks. */
  seededRule: string;
}

export interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface SuiteResults {
  session: string;
  passes: number;
  failures: number;
  pending: number;
  durationMs: number;
  /** Mocha's spec report, as it would print on a terminal. */
  report: string;
  tests: TestResult[];
  /** Set when the suite could not run at all (a test file that does not load). */
  error?: string;
}

export function suiteConfig(): SuiteConfig {
  const raw = process.env[CONFIG_ENV];
  if (!raw) throw new Error(`${CONFIG_ENV} is not set: run the suite through test/e2e/run-extension-tests.mjs`);
  const config = JSON.parse(raw) as SuiteConfig;
  return { ...config, extensionsDir: path.resolve(config.extensionsDir) };
}
