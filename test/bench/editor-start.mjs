// npm run bench, the editor's part: activation -> first diagnostics in a real workbench (code-server, headless
// chromium, the extension as installed) for 300 and 5,000 generated migrations, against `alembic-lint check` on the
// same files. The server says when it published (its "Indexed ..." line in the output, measured from the extension's
// activation, which it learns in `initialize`): that line is read from the output channel's log file.
//   npm run build && npm run compile-tests && node test/bench/editor-start.mjs [300,5000]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { onExit } from '../../scripts/lib/exit-cleanup.cjs';
import { repoRoot } from '../../scripts/lib/repo.mjs';
import { withWorkbench } from '../e2e/browser.mjs';

const require = createRequire(import.meta.url);
const { writeProject } = require(path.join(repoRoot, 'out', 'test', 'bench', 'generate.js'));
const { line } = require(path.join(repoRoot, 'out', 'test', 'bench', 'stats.js'));

const SIZES = (process.argv[2] ?? process.env.BENCH_EDITOR_FILES ?? '300,5000').split(',').map(Number);
const INDEXED_TIMEOUT_MS = 5 * 60_000;
const INDEXED = /^.*Indexed (\d+) migration files .*; diagnostics ([\d.]+) (ms|s) after the extension activated.*$/m;

/** `alembic-lint check` on the project, in a process of its own as CI runs it: the faster of two runs, in ms. */
function cliMs(project) {
  const runs = [0, 1].map(() => {
    const started = process.hrtime.bigint();
    try {
      execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'check', project], { stdio: 'ignore' });
    } catch {
      // Exit 1: findings. The time is what counts.
    }
    return Number(process.hrtime.bigint() - started) / 1e6;
  });
  return Math.min(...runs);
}

/** The language server's output channel as VS Code logs it, once it holds the "Indexed" line. */
async function indexedLine(userDataDir) {
  const deadline = Date.now() + INDEXED_TIMEOUT_MS;
  while (Date.now() < deadline) {
    for (const file of logFiles(path.join(userDataDir, 'logs'))) {
      if (!file.includes('Alembic Language Server')) continue;
      const match = INDEXED.exec(readFileSync(file, 'utf8'));
      if (match) return { files: Number(match[1]), ms: Number(match[2]) * (match[3] === 's' ? 1000 : 1), line: match[0].replace(/^.*?Indexed/, 'Indexed') };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No "Indexed ..." line in the Alembic Language Server output after ${INDEXED_TIMEOUT_MS / 1000} s`);
}

function logFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => (entry.isDirectory() ? logFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

for (const size of SIZES) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'alembic-bench-editor-'));
  const removeRoot = () => rmSync(root, { recursive: true, force: true });
  // Also on Ctrl+C or a timeout's SIGTERM, which skip the finally below.
  const forgetRoot = onExit(removeRoot);
  try {
    const { project } = writeProject(root, size);
    const cli = cliMs(project);
    const indexed = await withWorkbench(async ({ server }) => indexedLine(server.userDataDir), {
      name: `bench-editor-${size}`,
      project,
      settings: { 'remote.autoForwardPorts': false },
    });
    if (indexed.files !== size) throw new Error(`The server indexed ${indexed.files} files, not ${size}`);
    console.log(line(`editor: activation -> first diagnostics (${size} files)`, indexed.ms, 'ms'));
    console.log(line(`  alembic-lint check on the same files`, cli, 'ms'));
    console.log(line(`  editor behind the CLI`, indexed.ms - cli, 'ms', { max: 500 }));
    console.log(`  the server's own account: ${indexed.line}`);
  } finally {
    forgetRoot();
    removeRoot();
  }
}
