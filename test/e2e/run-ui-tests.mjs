// The UI tests (test/e2e/ui): playwright-core and headless chromium driving code-server with the packaged .vsix
// installed. One file at a time: each starts its own code-server and browser, and two at once on a small machine
// make the timings the tests wait on flaky. Exits with node's test runner's code.
//   npm run package && node test/e2e/run-ui-tests.mjs
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/repo.mjs';

const uiDir = path.join(repoRoot, 'test', 'e2e', 'ui');
const files = readdirSync(uiDir)
  .filter((name) => name.endsWith('.test.mjs'))
  .sort()
  .map((name) => path.join(uiDir, name));
if (files.length === 0) throw new Error(`No *.test.mjs in ${uiDir}`);

const started = Date.now();
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], { cwd: repoRoot, stdio: 'inherit' });
// Ctrl+C reaches the child through the terminal's process group; its own cleanup stops what each test started.
process.on('SIGINT', () => {});
child.on('exit', (code) => {
  console.log(`UI tests: ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s (screenshots in test-results/ui-*.png)`);
  process.exit(code ?? 1);
});
