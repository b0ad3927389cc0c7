// `alembic-lint graph . | head`: the reader closes the pipe after a few lines. The CLI used to die with an unhandled
// EPIPE and its stack trace on stderr; it must end quietly, as a Unix tool does.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { revision } from '../../helpers/hostile-files';
import { repoRoot } from '../../helpers/repo';
import { HANG_GUARD_MS } from '../../helpers/hang-guard';

test('a reader that closes the pipe early ends the CLI without a stack trace', { timeout: HANG_GUARD_MS }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-lint-pipe-'));
  try {
    const versions = path.join(dir, 'migrations', 'versions');
    fs.mkdirSync(versions, { recursive: true });
    fs.writeFileSync(path.join(dir, 'alembic.ini'), '[alembic]\nscript_location = migrations\n');
    // Enough history that `graph` prints far more than a pipe holds (64 KB): 3,000 revisions with long messages.
    const ids = Array.from({ length: 3000 }, (_, i) => String(i + 1).padStart(4, '0'));
    ids.forEach((id, i) => {
      const source = revision(id, i === 0 ? null : (ids[i - 1] ?? null)).replace(`"""${id}"""`, `"""${id} ${'step '.repeat(20)}"""`);
      fs.writeFileSync(path.join(versions, `${id}_step.py`), source);
    });

    const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'graph', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Like `head -1`: read the first chunk, then close our end.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    assert.equal(signal, null);
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|Error|at /, stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
