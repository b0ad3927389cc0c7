// Runs the built CLI (dist/cli.js) as users and CI do: a separate process, arguments as an array.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReportedFinding } from '../../../server/src/cli/report';
import { fixturePath, repoRoot } from '../../helpers/repo';
import { HANG_GUARD_MS } from '../../helpers/hang-guard';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs in test/fixtures/cli unless told otherwise, so reported paths are short and stable. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'dist', 'cli.js'), ...args],
      { cwd: options.cwd ?? fixturePath('cli'), env: { ...process.env, NO_COLOR: '', ALEMBIC_LINT_DEBUG: '', ...options.env }, timeout: HANG_GUARD_MS, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr: error?.killed ? `${stderr}\n(killed after ${HANG_GUARD_MS / 60_000} min: hung)` : stderr });
      },
    );
  });
}

/** What `--format json` prints per finding. */
export type JsonDiagnostic = ReportedFinding;

export async function checkJson(args: string[]): Promise<{ result: CliResult; diagnostics: JsonDiagnostic[] }> {
  const result = await runCli(['check', ...args, '--format', 'json']);
  const parsed = JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] };
  return { result, diagnostics: parsed.diagnostics };
}

/** `file rule` pairs, sorted: what a run reported, independent of message wording. */
export function pairs(diagnostics: { file: string; rule: string }[]): string[] {
  return diagnostics.map((d) => `${path.basename(d.file)} ${d.rule}`).sort();
}

/** 1-based line and column (UTF-16) of the first occurrence of `needle` in a fixture file. */
export function fixturePosition(relativeFile: string, needle: string): { line: number; column: number } {
  const text = fs.readFileSync(fixturePath('cli', relativeFile), 'utf8');
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not in ${relativeFile}`);
  return { line: index + 1, column: lines[index]!.indexOf(needle) + 1 };
}
