// What the CLI writes to stderr while it verifies: one VerifyProgressJson per line as each step starts, and plain
// lines (what went wrong, what to install). Chunks may end mid-line; nothing that is not a progress line is lost.
import type { VerifyProgressJson, VerifyStep } from '../../../common/verify-json';

export type StderrEvent = { kind: 'progress'; progress: VerifyProgressJson } | { kind: 'message'; text: string };

const STEPS: ReadonlySet<string> = new Set<VerifyStep>(['upgrade', 'downgrade', 'reupgrade', 'rerun']);

/** A progress line, or undefined for anything else (a plain message, a JSON line of another shape). */
export function parseProgressLine(line: string): VerifyProgressJson | undefined {
  const text = line.trim();
  const v = text.startsWith('{') ? jsonObject(text) : undefined;
  if (!v) return undefined;
  const count = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (v['type'] !== 'progress' || !count(v['index']) || !count(v['total']) || typeof v['revision'] !== 'string' || typeof v['step'] !== 'string' || !STEPS.has(v['step'])) return undefined;
  return { type: 'progress', index: v['index'], total: v['total'], revision: v['revision'], step: v['step'] as VerifyStep };
}

/** The JSON object the text holds, or undefined (not JSON, or not an object). */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Splits stderr's chunks into whole lines and reads each once. */
export class StderrLines {
  private pending = '';

  /** The events of the lines this chunk completes. */
  push(chunk: string): StderrEvent[] {
    this.pending += chunk;
    const lines = this.pending.split(/\r?\n/);
    this.pending = lines.pop() ?? '';
    return lines.flatMap(lineEvent);
  }

  /** The last line, when the stream ended without a newline. */
  end(): StderrEvent[] {
    const rest = this.pending;
    this.pending = '';
    return lineEvent(rest);
  }
}

function lineEvent(line: string): StderrEvent[] {
  if (line.trim() === '') return [];
  const progress = parseProgressLine(line);
  return [progress ? { kind: 'progress', progress } : { kind: 'message', text: line.trimEnd() }];
}

/** "Verifying 0003 (2 of 5): downgrade", the progress notification's message. */
export function progressMessage(progress: VerifyProgressJson): string {
  return `Verifying ${progress.revision} (${progress.index} of ${progress.total}): ${progress.step}`;
}

const STEP_ORDER: readonly VerifyStep[] = ['upgrade', 'downgrade', 'reupgrade', 'rerun'];

/** How far the run is when this step starts, from 0 to 1: four steps per revision. */
export function progressFraction(progress: VerifyProgressJson): number {
  if (progress.total <= 0) return 0;
  const steps = progress.total * STEP_ORDER.length;
  const before = (Math.max(1, progress.index) - 1) * STEP_ORDER.length + STEP_ORDER.indexOf(progress.step);
  return Math.min(1, before / steps);
}
