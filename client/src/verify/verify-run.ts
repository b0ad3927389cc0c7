// One run of `alembic-lint verify` in a child process: progress read from stderr as it comes, the VerifyJson from
// stdout, the exit code read as the CLI defines it (0 all ok, 1 problems, 2 cannot run). Cancel sends SIGTERM to
// the child's process group (the CLI drops its scratch database on it) and SIGKILL after a grace period. Pure
// (node only), so the tests drive it with fake CLIs.
import { VERIFY_EXIT, type VerifyJson, type VerifyProgressJson } from '../../../common/verify-json';
import { runChild, type ChildCommand } from '../alembic/runner';
import { jsonObject, StderrLines } from './verify-progress';

export type VerifyOutcome =
  | { kind: 'verified'; json: VerifyJson; exitCode: 0 | 1; messages: string[] }
  /** Exit 2: no interpreter with Alembic, no database; `message` is the CLI's own. */
  | { kind: 'cannot-run'; message: string }
  | { kind: 'cancelled' }
  /** Anything else: a crash, JSON that cannot be read. */
  | { kind: 'failed'; message: string };

export interface VerifyRunOptions {
  env: Record<string, string>;
  signal?: AbortSignal;
  onProgress?: (progress: VerifyProgressJson) => void;
  /** Plain stderr lines (masked), for the output channel. */
  onMessage?: (line: string) => void;
  /** After SIGTERM, how long the CLI has to clean up before SIGKILL. */
  killGraceMs?: number;
}

/** Dropping a scratch database or stopping PGlite takes a few seconds on a busy machine. */
export const VERIFY_KILL_GRACE_MS = 10_000;

export async function runVerify(command: ChildCommand, o: VerifyRunOptions): Promise<VerifyOutcome> {
  const lines = new StderrLines();
  const messages: string[] = [];
  const handle = (events: ReturnType<StderrLines['push']>): void => {
    for (const event of events) {
      if (event.kind === 'progress') o.onProgress?.(event.progress);
      else {
        messages.push(event.text);
        o.onMessage?.(event.text);
      }
    }
  };
  const result = await runChild(command, {
    env: o.env,
    ...(o.signal ? { signal: o.signal } : {}),
    killGraceMs: o.killGraceMs ?? VERIFY_KILL_GRACE_MS,
    onStderr: (text) => handle(lines.push(text)),
  });
  handle(lines.end());
  if (result.cancelled) return { kind: 'cancelled' };
  if (result.error !== undefined) return { kind: 'failed', message: result.error };
  const said = messages.join('\n').trim();
  if (result.exitCode === VERIFY_EXIT.cannotRun) return { kind: 'cannot-run', message: said || 'verify cannot run (exit code 2)' };
  if (result.exitCode === VERIFY_EXIT.ok || result.exitCode === VERIFY_EXIT.problems) {
    const json = parseVerifyJson(result.stdout);
    if (json) return { kind: 'verified', json, exitCode: result.exitCode, messages };
    return { kind: 'failed', message: `verify printed no result it could read${said ? `: ${said}` : ''}` };
  }
  const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${String(result.exitCode)}`;
  return { kind: 'failed', message: `verify ${how}${said ? `: ${said}` : ''}` };
}

/** The document on stdout, checked for the fields the editor reads; undefined when it is not one. */
export function parseVerifyJson(stdout: string): VerifyJson | undefined {
  const value = jsonObject(stdout);
  if (!value) return undefined;
  const { database, revisions } = value;
  if (typeof database !== 'string' || !Array.isArray(revisions)) return undefined;
  const valid = revisions.every((r: unknown) => {
    if (typeof r !== 'object' || r === null) return false;
    const { revision, file, status, problems } = r as Record<string, unknown>;
    return typeof revision === 'string' && typeof file === 'string' && typeof status === 'string' && ['ok', 'failed', 'irreversible'].includes(status) && Array.isArray(problems);
  });
  return valid ? (value as unknown as VerifyJson) : undefined;
}
