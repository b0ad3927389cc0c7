// Asks an interpreter what it can import: `<python> -c PROBE_SCRIPT` (common/interpreter-search.ts), an argument
// array and no shell, its process group killed after a timeout; and a cache, so each interpreter is asked once until it changes.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseProbeOutput, PROBE_SCRIPT, type ProbeResult } from '../../../common/interpreter-search';

/** A cold interpreter importing alembic and the drivers on a busy machine: seconds, not tens of them. */
export const PROBE_TIMEOUT_MS = 15_000;

export function probeInterpreter(executable: string, o: { timeoutMs?: number } = {}): Promise<ProbeResult> {
  const timeoutMs = o.timeoutMs ?? PROBE_TIMEOUT_MS;
  return new Promise((resolve) => {
    const posix = process.platform !== 'win32';
    let child: ChildProcess;
    try {
      // detached: the child leads a process group, so a wrapper (a pyenv shim, a script) is killed with what it
      // started, and no grandchild keeps the pipes open past the timeout.
      child = spawn(executable, ['-c', PROBE_SCRIPT], {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: posix,
        windowsHide: true,
        env: { ...process.env, PYTHONIOENCODING: 'utf-8' },
      });
    } catch (error) {
      resolve({ ran: false, problem: startFailure(error) });
      return;
    }
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk.toString('utf8');
    });
    let settled = false;
    const settle = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => {
      killGroup(child);
      settle({ ran: false, timedOut: true, problem: `did not answer within ${Math.round(timeoutMs / 100) / 10} s` });
    }, timeoutMs);
    child.on('error', (error) => settle({ ran: false, problem: startFailure(error) }));
    child.on('close', (code) => {
      if (code !== 0 && !stdout.trim()) {
        const last = stderr.trim().split(/\r?\n/).pop();
        settle({ ran: false, problem: last ? `exited with an error: ${last}` : `exited with code ${String(code)}` });
      } else {
        settle(parseProbeOutput(stdout));
      }
    });
  });
}

/** The probe prints one short line; a program that prints more is not the interpreter we hoped for. */
const MAX_OUTPUT = 64 * 1024;

function startFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'is not found';
  if (code === 'EACCES') return 'is not executable (permission denied)';
  return `could not start: ${error instanceof Error ? error.message : String(error)}`;
}

/** Only the group our probe leads. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
}

/**
 * One probe per interpreter file, keyed by its absolute path and the time the file (or the virtualenv's link)
 * was last changed: a virtualenv made again is probed again. What is installed into an interpreter changes
 * neither, so the owner clears the cache when the setting, the Python extension's selection or a virtualenv
 * changes, and after it reported an interpreter that lacks something (the user is likely installing it).
 */
export class ProbeCache {
  private readonly results = new Map<string, Promise<ProbeResult>>();

  constructor(private readonly probe: (executable: string) => Promise<ProbeResult> = (executable) => probeInterpreter(executable)) {}

  get(executable: string): Promise<ProbeResult> {
    const key = cacheKey(executable);
    let result = this.results.get(key);
    if (!result) {
      result = this.probe(executable);
      this.results.set(key, result);
    }
    return result;
  }

  clear(): void {
    this.results.clear();
  }
}

function cacheKey(executable: string): string {
  if (!path.isAbsolute(executable)) return executable;
  try {
    return `${executable}\0${fs.lstatSync(executable).mtimeMs}`;
  } catch {
    return executable;
  }
}

/** The file a bare command name runs, as the operating system finds it on PATH (PATHEXT's .exe on Windows). */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const windows = process.platform === 'win32';
  const extensions = windows ? ['', ...(env['PATHEXT'] ?? '.EXE').split(';').filter(Boolean)] : [''];
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue;
    for (const extension of extensions) {
      const file = path.join(dir, name + extension);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        if (fs.statSync(file).isFile()) return file;
      } catch {
        // Not here.
      }
    }
  }
  return undefined;
}
