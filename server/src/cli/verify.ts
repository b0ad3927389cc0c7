// `alembic-lint verify PATH`: the project's migrations run for real on a throwaway database (host/verify/), with
// progress on stderr and the report on stdout: a table of the revisions and their problems, or VerifyJson.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveCommand } from '../../../common/alembic-command';
import { driverForUrl } from '../../../common/interpreter-search';
import { VERIFY_EXIT, type VerifyJson, type VerifyProgressJson, type VerifyRevisionJson } from '../../../common/verify-json';
import type { FileSystem } from '../core/fs';
import type { RevisionGraph } from '../core/graph/types';
import { schemaToJson } from '../core/schema';
import type { Workspace } from '../core/workspace';
import { resolveRevision, verifyPlan, type VerifyScope } from '../core/verify/plan';
import { AlembicProcesses } from '../host/verify/alembic-process';
import { findOnPath } from '../host/interpreter-probe';
import { chooseVerifyInterpreter } from '../host/verify/interpreter';
import { runVerify } from '../host/verify/run-verify';
import { CannotRunError } from '../host/verify/errors';
import { embeddedScratch, serverScratch, type ScratchDatabase } from '../host/verify/scratch';
import { serverUrlFromProject } from '../host/verify/server-url';
import type { VerifyCommand } from './args';
import { UsageError } from './errors';
import { dedupeNotices, displayPath, noticeLine } from './report';
import { loadTargets, resolveTargets } from './targets';
import { parsingOptions } from './workers';
import { formatVerifyText, progressLine } from './verify-text';

export interface VerifyIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stderr is a terminal: the progress line is rewritten in place. */
  tty: boolean;
}

/** Variables that would point the project's env.py (or libpq) at another database than the scratch one. */
const DATABASE_VARIABLES = ['DATABASE_URL', 'POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_HOST', 'POSTGRES_PORT', 'POSTGRES_DB', 'PGDATABASE', 'PGSERVICE', 'PGHOST', 'PGHOSTADDR', 'PGPORT', 'PGUSER'];

export async function runVerifyCommand(fs_: FileSystem, command: VerifyCommand, io: VerifyIo): Promise<number> {
  const started = Date.now();
  const { graph, workspace } = await oneGraph(fs_, command, io);
  const ini = graph.location.alembicIni;
  if (ini === undefined) throw new CannotRunError(`verify runs the project's Alembic: no alembic.ini names ${displayPath(graph.location.path, io.cwd)}`);
  const plan = verifyPlan(graph, scope(graph, command));

  const serverUrl = command.database.kind === 'url' ? command.database.url : command.database.kind === 'server' ? serverUrlFromProject(path.dirname(ini), io.env) : undefined;
  // --alembic-command (the extension's alembic.command) runs as given, without an interpreter search, as the editor does.
  const project = { iniPath: ini, dir: path.dirname(ini) };
  const migration = command.alembicCommand
    ? resolveCommand(project, { commandSetting: runnable(command.alembicCommand, project.dir, io.env), python: '', exists: fs.existsSync })
    : resolveCommand(project, {
        python: await chooseVerifyInterpreter({
          ...(command.python === undefined ? {} : { python: command.python }),
          projectDir: path.dirname(ini),
          ...withDriver(serverUrl),
          env: io.env,
        }),
        exists: fs.existsSync,
      });
  const processes = new AlembicProcesses(migration);
  const log = (line: string): void => {
    if (io.env['ALEMBIC_LINT_DEBUG'] === '1') io.stderr(`${line}\n`);
  };

  let database: ScratchDatabase | undefined;
  const interrupted = async (signal: NodeJS.Signals): Promise<void> => {
    processes.killAll();
    await database?.dispose().catch(() => undefined);
    io.stderr(`\nalembic-lint: verify interrupted (${signal}); the throwaway database is gone\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  const onSignal = (signal: NodeJS.Signals): void => void interrupted(signal);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    database = serverUrl === undefined ? await embeddedScratch(log) : await serverScratch(serverUrl, log);
    const baseEnv = { ...io.env };
    for (const name of DATABASE_VARIABLES) delete baseEnv[name];
    const schemas = workspace.revisionSchemas(graph);
    const progress = progressWriter(command, io, plan.verify.length);
    const revisions = await runVerify({
      graph,
      plan,
      processes,
      database,
      baseEnv,
      modelAt: (revision) => {
        const schema = schemas.get(revision)?.schema;
        return schema ? schemaToJson(schema, revision) : undefined;
      },
      displayPath: (file) => displayPath(file, io.cwd),
      progress: progress.write,
      versionTable: { name: command.versionTable ?? 'alembic_version', schema: command.versionTableSchema ?? 'public' },
    });
    progress.end();
    const result: VerifyJson = { database: database.label, revisions };
    io.stdout(command.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatVerifyText(result, { seconds: (Date.now() - started) / 1000, prepared: plan.prepare.length }));
    return revisions.every(passed) ? VERIFY_EXIT.ok : VERIFY_EXIT.problems;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await database?.dispose();
  }
}

/** Irreversible on purpose is no failure: the rerun still ran, and the revisions after it were verified. */
function passed(revision: VerifyRevisionJson): boolean {
  return revision.status !== 'failed';
}

function withDriver(url: string | undefined): { driver?: NonNullable<ReturnType<typeof driverForUrl>> } {
  const driver = driverForUrl(url ?? 'postgresql://');
  return driver ? { driver } : {};
}

async function oneGraph(fs_: FileSystem, command: VerifyCommand, io: VerifyIo): Promise<{ graph: RevisionGraph; workspace: Workspace }> {
  const { loaded } = await loadTargets(fs_, resolveTargets(fs_, [command.path], io.cwd), {}, parsingOptions(io.env));
  for (const notice of dedupeNotices(loaded.flatMap(({ project }) => project.workspace.notices()))) io.stderr(`${noticeLine(notice, io.cwd)}\n`);
  const found = loaded.flatMap(({ project }) => project.workspace.graphs().map((graph) => ({ graph, workspace: project.workspace })));
  const seen = new Set<string>();
  const graphs = found.filter(({ graph }) => !seen.has(graph.location.path) && seen.add(graph.location.path));
  if (graphs.length === 0) throw new UsageError(`no Alembic migrations found in ${command.path}`);
  if (graphs.length > 1) throw new UsageError(`${command.path} holds several script locations (${graphs.map(({ graph }) => displayPath(graph.location.path, io.cwd)).join(', ')}): name one of them`);
  const { graph } = graphs[0]!;
  if (graph.cycles.length > 0) throw new UsageError(`the history has a cycle (${graph.cycles[0]!.join(' -> ')}): Alembic cannot run it`);
  return graphs[0]!;
}

function scope(graph: RevisionGraph, command: VerifyCommand): VerifyScope {
  const out: VerifyScope = {};
  for (const flag of ['revision', 'from', 'only'] as const) {
    const asked = command[flag];
    if (asked === undefined) continue;
    const resolved = resolveRevision(graph, asked, `--${flag}`);
    if (typeof resolved !== 'string') throw new UsageError(resolved.problem);
    out[flag] = resolved;
  }
  return out;
}

/** `--progress json`: a line per step for the editor. Text: a line per revision, rewritten per step on a terminal. */
function progressWriter(command: VerifyCommand, io: VerifyIo, total: number): { write(event: VerifyProgressJson): void; end(): void } {
  let shown = false;
  if (command.progress === 'json') return { write: (event) => io.stderr(`${JSON.stringify(event)}\n`), end: () => undefined };
  if (command.format === 'json' || total === 0) return { write: () => undefined, end: () => undefined };
  let last = '';
  return {
    write(event) {
      if (io.tty) {
        const line = progressLine(event, true);
        io.stderr(`\r${line.padEnd(last.length)}`);
        last = line;
        shown = true;
      } else if (event.step === 'upgrade') {
        io.stderr(`${progressLine(event, false)}\n`);
      }
    },
    end() {
      if (shown) io.stderr(`\r${''.padEnd(last.length)}\r`);
    },
  };
}

/** The --alembic-command as given, once its program is known to exist: else verify cannot run (exit 2), said once. */
function runnable(commandLine: string[], dir: string, env: NodeJS.ProcessEnv): string[] {
  const program = commandLine[0]!;
  const found = program.includes('/') || program.includes(path.sep) ? fs.existsSync(path.resolve(dir, program)) : findOnPath(program, env) !== undefined;
  if (!found) throw new CannotRunError(`--alembic-command: ${program} was not found${program.includes('/') ? '' : ' on PATH'}; install it or name another program`);
  return commandLine;
}
