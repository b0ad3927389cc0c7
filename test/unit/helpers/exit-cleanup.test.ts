// The exit hooks that remove the tests' temporary folders however a test, bench or e2e process ends, in a child
// process, loaded both ways: test/helpers/exit-cleanup.ts (the TypeScript tests) and an ES module's import of
// scripts/lib/exit-cleanup.cjs (the .mjs scripts).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../helpers/repo';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'exit-cleanup-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

const copies = {
  ts: (body: string) => ['-e', `const { onExit } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'helpers', 'exit-cleanup.js'))});\n${body}`],
  mjs: (body: string) => ['--input-type=module', '-e', `import { onExit } from ${JSON.stringify(pathToFileURL(path.join(repoRoot, 'scripts', 'lib', 'exit-cleanup.cjs')).href)};\n${body}`],
};

/**
 * Runs `body` (with `dir` and `onExit` in scope) in a child; once it prints "ready", sends `signal` if given.
 * Resolves with how it ended and whether `dir` is still there.
 */
function run(copy: keyof typeof copies, body: string, signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; kept: boolean }> {
  const dir = fs.mkdtempSync(path.join(root, 'dir-'));
  const script = `const dir = ${JSON.stringify(dir)};\nconst fs = process.getBuiltinModule ? process.getBuiltinModule('node:fs') : require('node:fs');\n${body}\nprocess.stdout.write('ready');`;
  const child = spawn(process.execPath, copies[copy](script), { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.once('data', () => signal && child.kill(signal));
  return new Promise((resolve) => child.once('exit', (code, signalCode) => resolve({ code, signal: signalCode, kept: fs.existsSync(dir) })));
}

const remove = "onExit(() => fs.rmSync(dir, { recursive: true, force: true }));";
const wait = 'setInterval(() => {}, 1000);';

for (const copy of ['ts', 'mjs'] as const) {
  test(`${copy}: removed at a normal exit and on SIGTERM / SIGINT, which still end the process by that signal`, async () => {
    assert.deepEqual(await run(copy, remove), { code: 0, signal: null, kept: false });
    assert.deepEqual(await run(copy, `${remove}\n${wait}`, 'SIGTERM'), { code: null, signal: 'SIGTERM', kept: false });
    assert.deepEqual(await run(copy, `${remove}\n${wait}`, 'SIGINT'), { code: null, signal: 'SIGINT', kept: false });
  });

  test(`${copy}: a process that handles the signal itself keeps it, and the cleanup runs at its exit; a forgotten one never runs`, async () => {
    const handles = "let stopping = false;\nprocess.on('SIGINT', () => { stopping = true; setTimeout(() => process.exit(3), 50); });";
    assert.deepEqual(await run(copy, `${remove}\n${handles}\n${wait}`, 'SIGINT'), { code: 3, signal: null, kept: false });
    const stillThere = `${handles}\nconst timer = setInterval(() => { if (stopping && !fs.existsSync(dir)) process.exit(4); }, 5);\n${remove}`;
    assert.equal((await run(copy, stillThere, 'SIGINT')).code, 3, 'not removed while the handler is still stopping');
    assert.deepEqual(await run(copy, "const forget = onExit(() => fs.rmSync(dir, { recursive: true }));\nforget();"), { code: 0, signal: null, kept: true });
  });
}
