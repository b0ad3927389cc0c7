// Runs one migration command: spawn with an argument array (no shell), stream masked output line by
// line, kill the whole process tree on cancel or timeout, and always settle. runChild is the same for any program
// (verify runs the bundled CLI with it).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { argsFor, type MigrationAction, type MigrationCommand } from '../../../common/alembic-command';
import { cliErrorMessage, generatedFiles, lastStartedRevision } from './cli-output';
import { maskAll, secretsInEnv } from '../mask-secrets';

export interface RunOptions {
  /** The whole environment of the child (process.env plus the resolved connection's env). Never echoed. */
  env: NodeJS.ProcessEnv;
  /** Masked output, whole lines, stdout and stderr in arrival order. */
  onOutput?: (text: string) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Secrets to mask besides the ones found in env (passwords, URL passwords). */
  secrets?: string[];
}

/** A program to run: an argument array, never a shell string. */
export interface ChildCommand {
  file: string;
  args: readonly string[];
  cwd: string;
}

export interface ChildOptions extends RunOptions {
  /** Masked stderr only, whole lines (a program that writes progress there). */
  onStderr?: (text: string) => void;
  /** How long after SIGTERM the tree gets SIGKILL; a program that cleans up on SIGTERM may need longer. */
  killGraceMs?: number;
}

/** How a program ended, and what it printed. */
export interface ChildResult {
  exitCode: number | null;
  signal: string | null;
  cancelled: boolean;
  timedOut: boolean;
  /** Masked, capped at the end. */
  stdout: string;
  stderr: string;
  /** Why it did not run or finish (spawn failure, cancel, timeout); for a migration command, also its own error message. Masked. */
  error?: string;
}

export interface RunResult extends ChildResult {
  ok: boolean;
  /** The revision Alembic was running when the command failed. */
  failedRevision?: string;
  /** Files a revision or merge command generated (absolute paths as Alembic prints them). */
  generatedFiles?: string[];
}

/** SIGTERM first; what ignores it gets SIGKILL after this long. */
const KILL_GRACE_MS = 2000;
/** After the process exits, how long to wait for its pipes to drain (a grandchild may hold them open). */
const DRAIN_MS = 1000;
/** After SIGKILL, settle even if the process never reports its exit (uninterruptible sleep). */
const GIVE_UP_MS = 3000;
/** Kept per stream; the end matters most (the traceback), so the start is dropped first. */
const MAX_CAPTURE = 4 * 1024 * 1024;

export async function runMigrationCommand(command: MigrationCommand, action: MigrationAction, o: RunOptions): Promise<RunResult> {
  const secrets = [...secretsInEnv(o.env), ...(o.secrets ?? [])];
  const mask = (text: string): string => maskAll(text, secrets);
  const env: NodeJS.ProcessEnv = { PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8', ...o.env };
  const child = await runChild({ file: command.file, args: argsFor(command, action), cwd: command.cwd }, { ...o, env });
  const { transcript, ...rest } = child;
  const ok = child.error === undefined && child.exitCode === 0;
  const result: RunResult = { ...rest, ok };
  const files = generatedFiles(transcript);
  if (files.length) result.generatedFiles = files.map(mask);
  if (!ok) {
    result.error = child.error ?? mask(failureMessage({ stdout: child.stdout, stderr: child.stderr }, child));
    const failed = lastStartedRevision(transcript);
    if (failed) result.failedRevision = mask(failed);
  }
  return result;
}

/** Runs a program in its own process group; settles once, whatever happens (spawn failure, cancel, a grandchild holding the pipes). */
export function runChild(command: ChildCommand, o: ChildOptions): Promise<ChildResult & { transcript: string }> {
  const secrets = [...secretsInEnv(o.env), ...(o.secrets ?? [])];
  const mask = (text: string): string => maskAll(text, secrets);
  const base = { exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, transcript: '' };
  if (o.signal?.aborted) return Promise.resolve({ ...base, cancelled: true, error: 'Cancelled before it started' });

  return new Promise((resolve) => {
    const posix = process.platform !== 'win32';
    let child: ChildProcess;
    try {
      // detached: the child leads a new process group, so the whole tree can be signalled at once.
      child = spawn(command.file, [...command.args], { cwd: command.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'], detached: posix, windowsHide: true });
    } catch (error) {
      resolve({ ...base, cancelled: false, error: mask(spawnFailure(command.file, error)) });
      return;
    }

    const transcript = { stdout: '', stderr: '', both: '' };
    const append = (stream: 'stdout' | 'stderr', text: string): void => {
      transcript[stream] = capped(transcript[stream] + text);
      transcript.both = capped(transcript.both + text);
      o.onOutput?.(mask(text));
      if (stream === 'stderr') o.onStderr?.(mask(text));
    };
    const stdout = new LineBuffer((text) => append('stdout', text));
    const stderr = new LineBuffer((text) => append('stderr', text));
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));

    let cancelled = false;
    let timedOut = false;
    let spawnError: string | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const later = (ms: number, fn: () => void): void => {
      timers.push(setTimeout(fn, ms));
    };

    const settle = (): void => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      o.signal?.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      stdout.end();
      stderr.end();
      // transcript: both streams in arrival order, unmasked, for reading what the program said; never shown.
      const result: ChildResult & { transcript: string } = {
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        cancelled,
        timedOut,
        stdout: mask(transcript.stdout),
        stderr: mask(transcript.stderr),
        transcript: transcript.both,
      };
      const error = spawnError ?? (cancelled ? 'Cancelled' : timedOut ? `Timed out after ${Math.round((o.timeoutMs ?? 0) / 1000)} s` : undefined);
      if (error !== undefined) result.error = mask(error);
      resolve(result);
    };

    const stop = (): void => {
      killTree(child, 'SIGTERM');
      later(o.killGraceMs ?? KILL_GRACE_MS, () => {
        killTree(child, 'SIGKILL');
        later(GIVE_UP_MS, settle);
      });
    };
    const onAbort = (): void => {
      if (exit || settled) return;
      cancelled = true;
      stop();
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    if (o.timeoutMs !== undefined) {
      later(o.timeoutMs, () => {
        if (exit || settled) return;
        timedOut = true;
        stop();
      });
    }

    child.on('error', (error) => {
      // Spawn failures (ENOENT, EACCES) come here with no exit event to follow.
      if (exit) return;
      spawnError = spawnFailure(command.file, error);
      settle();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      later(DRAIN_MS, settle);
    });
    child.on('close', settle);
  });
}

function failureMessage(output: { stdout: string; stderr: string }, exit: { exitCode: number | null; signal: string | null }): string {
  const message = cliErrorMessage(output.stderr, output.stdout);
  if (message) return message;
  if (exit.signal) return `Killed by ${exit.signal}`;
  return `Exited with code ${exit.exitCode ?? 'unknown'}`;
}

function spawnFailure(file: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return `Cannot run "${file}": not found (set alembic.pythonPath or alembic.command)`;
  if (code === 'EACCES') return `Cannot run "${file}": permission denied`;
  return `Cannot run "${file}": ${error instanceof Error ? error.message : String(error)}`;
}

/** Signals the process group the child leads: the CLI and whatever it started. Only processes we started. */
function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  const pid = child.pid;
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    execFile('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true }, () => undefined);
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

function capped(text: string): string {
  return text.length > MAX_CAPTURE ? text.slice(text.length - MAX_CAPTURE) : text;
}

/** Emits whole lines only, so a password split across two chunks is still masked whole. */
class LineBuffer {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(private readonly emit: (text: string) => void) {}

  push(chunk: Buffer): void {
    this.pending += this.decoder.write(chunk);
    const lastNewline = this.pending.lastIndexOf('\n');
    if (lastNewline === -1) {
      // A line this long is not a log line; emit it rather than hold memory forever.
      if (this.pending.length > MAX_CAPTURE) this.flush();
      return;
    }
    this.emit(this.pending.slice(0, lastNewline + 1));
    this.pending = this.pending.slice(lastNewline + 1);
  }

  end(): void {
    this.pending += this.decoder.end();
    this.flush();
  }

  private flush(): void {
    if (this.pending) this.emit(this.pending);
    this.pending = '';
  }
}
