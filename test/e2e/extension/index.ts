// The extensionTestsPath module: the extension host calls run() once the window is up. It runs the session's test
// files with mocha and writes the results to the file the runner waits for (the runner cannot read this
// process's console); the report also goes to the console, which the workbench forwards to the browser's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { suiteConfig, type SuiteResults, type TestResult } from './config';

export async function run(): Promise<void> {
  const config = suiteConfig();
  const started = Date.now();
  const report: string[] = [];
  const tests: TestResult[] = [];
  let error: string | undefined;
  try {
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, slow: 15_000, reporter: 'spec' });
    const dir = path.join(__dirname, config.session);
    const files = fs.readdirSync(dir).filter((file) => file.endsWith('.test.js')).sort();
    if (files.length === 0) throw new Error(`no test files in ${dir}`);
    for (const file of files) mocha.addFile(path.join(dir, file));
    await runRecorded(mocha, report, tests);
  } catch (caught) {
    error = caught instanceof Error ? (caught.stack ?? caught.message) : String(caught);
  }
  const count = (state: TestResult['state']): number => tests.filter((t) => t.state === state).length;
  const results: SuiteResults = {
    session: config.session,
    passes: count('passed'),
    failures: count('failed'),
    pending: count('pending'),
    durationMs: Date.now() - started,
    report: report.join('\n'),
    tests,
    ...(error ? { error } : {}),
  };
  // Written whole, then renamed: the runner polls for the file and must never read half of it.
  fs.writeFileSync(`${config.resultsFile}.partial`, JSON.stringify(results, null, 2));
  fs.renameSync(`${config.resultsFile}.partial`, config.resultsFile);
  if (error) throw new Error(`The suite did not run: ${error}`);
  if (results.failures > 0) throw new Error(`${results.failures} of ${tests.length} tests failed`);
}

/** Runs mocha with its spec reporter, keeping the report's lines and each test's outcome. */
function runRecorded(mocha: Mocha, report: string[], tests: TestResult[]): Promise<void> {
  const Base = Mocha.reporters.Base;
  const consoleLog = Base.consoleLog;
  Base.consoleLog = (...data: unknown[]): void => {
    report.push(format(...data));
    consoleLog(...data);
  };
  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      Base.consoleLog = consoleLog;
      resolve();
    });
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
    runner.on('pending', (test) => tests.push({ title: test.fullTitle(), state: 'pending' }));
    // Also a failing hook, which fails the tests it guards without running them.
    runner.on('fail', (test, err: Error) => tests.push({ title: test.fullTitle(), state: 'failed', error: err.stack ?? err.message }));
  });
}
