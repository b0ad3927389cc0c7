// Runs one of the project's migration commands (migrate.py, or python -m alembic) for verify: an argument array and
// no shell, the database only in the environment (never in argv), the output kept for the failure's message. The
// child leads a process group so an interrupted run takes down whatever it started (a wrapper's children too).
import { spawn, type ChildProcess } from 'node:child_process';
import { argsFor, type MigrationAction, type MigrationCommand } from '../../../../common/alembic-command';

export interface ProcessOutcome {
  ok: boolean;
  /** stderr then stdout: where tracebacks and Alembic's log lines are. */
  output: string;
}

/** Beyond this much output only the end is kept: the traceback that matters is at the end. */
const MAX_OUTPUT = 256 * 1024;

export class AlembicProcesses {
  private readonly running = new Set<ChildProcess>();

  constructor(private readonly command: MigrationCommand) {}

  /** The folder the commands run in (alembic.ini's): relative paths in their tracebacks start there. */
  get cwd(): string {
    return this.command.cwd;
  }

  run(action: MigrationAction, env: NodeJS.ProcessEnv): Promise<ProcessOutcome> {
    return new Promise((resolve) => {
      const posix = process.platform !== 'win32';
      let child: ChildProcess;
      try {
        child = spawn(this.command.file, argsFor(this.command, action), { cwd: this.command.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: posix, windowsHide: true });
      } catch (error) {
        resolve({ ok: false, output: `could not start ${this.command.file}: ${error instanceof Error ? error.message : String(error)}` });
        return;
      }
      this.running.add(child);
      let stdout = '';
      let stderr = '';
      const keep = (text: string, chunk: Buffer): string => (text + chunk.toString('utf8')).slice(-MAX_OUTPUT);
      child.stdout?.on('data', (chunk: Buffer) => (stdout = keep(stdout, chunk)));
      child.stderr?.on('data', (chunk: Buffer) => (stderr = keep(stderr, chunk)));
      child.on('error', (error) => {
        this.running.delete(child);
        resolve({ ok: false, output: `could not start ${this.command.file}: ${error.message}` });
      });
      child.on('close', (code) => {
        this.running.delete(child);
        resolve({ ok: code === 0, output: `${stderr}\n${stdout}` });
      });
    });
  }

  /** Kills the process groups of the commands still running (an interrupted verify). */
  killAll(): void {
    for (const child of this.running) {
      if (child.pid === undefined) continue;
      try {
        if (process.platform === 'win32') child.kill('SIGKILL');
        else process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
  }
}
