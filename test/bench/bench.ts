// npm run bench: the figures behind "keystroke to diagnostics stays fast in a workspace with thousands of
// migrations". Prints measurements against their targets; asserts nothing about time.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { resolveConfig, type LintConfig } from '../../server/src/core/config';
import { lintFile } from '../../server/src/core/lint';
import { DocumentTrees, parseMigration } from '../../server/src/core/migration';
import { initParsers } from '../../server/src/host/parsers';
import { ruleDefaults } from '../../server/src/core/rules';
import { Workspace } from '../../server/src/core/workspace';
import { NodeFileSystem } from '../../server/src/host/node-fs';
import { parseAhead } from '../../server/src/host/parse/parse-pool';
import { readMigration } from '../../server/src/core/migration/read-migration';
import { onExit } from '../helpers/exit-cleanup';
import { fileUri, LspClient } from '../lsp/client';
import { graphFigures, graphViewFigures, parseFigures, schemaFigures, sqlFigures, throttleFigures } from './components';
import { largeMigration, typedMigration, writeProject } from './generate';
import { line, summary } from './stats';

const FILES = Number(process.env.BENCH_FILES ?? 5000);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 200);
const WARM_UP_KEYSTROKES = 20;

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * The CPU time a process has used (user + system, all its threads: GC and WASM helpers too), in ms. Unlike wall
 * time it hardly moves when other work shares the machine: the figure to compare builds by on a busy machine.
 */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime, fields 14 and 15 of stat(5), in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resolves once the process's CPU time has stopped moving (two readings 300 ms apart), or after 30 s. */
async function settled(pid: number): Promise<void> {
  let last = cpuMs(pid);
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    await new Promise((r) => setTimeout(r, 300));
    const now = cpuMs(pid);
    // One clock tick (10 ms) is noise: a timer, the stdio pipe.
    if (now - last <= 10) return;
    last = now;
  }
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/**
 * The cold index as the CLI runs it (host/project.ts loadProjects): the files read and parsed in worker threads and
 * the main thread (host/parse/parse-pool.ts), then the graph and the rules in the main thread. CPU is the process's,
 * all threads. Then what the threads cost: one worker's start with its parsers' WASM, and the structured clone that
 * brings the MigrationFiles back (serialize in the worker, deserialize in the main thread), measured here in-process.
 */
async function parallelColdIndex(report: (s: string) => void, root: string, config: LintConfig, inProcessFindings: number): Promise<void> {
  const cpu = process.cpuUsage();
  let t = process.hrtime.bigint();
  const ws = new Workspace(new NodeFileSystem(), [root], config);
  const plan = ws.plan();
  // Forced: by default no worker starts on fewer than 3 cores (see parse-pool.ts), and this line is about them.
  const ahead = await parseAhead(plan.reads, { minFiles: 0, workers: Math.max(1, os.availableParallelism() - 1) });
  const inThreads = ms(t);
  for (const _ of ws.loading(plan, ahead.files));
  const parsed = ms(t);
  let findings = 0;
  for (const p of ws.paths()) findings += ws.findings(p).length;
  const cold = ms(t);
  const used = process.cpuUsage(cpu);
  report(line(`cold index in ${ahead.workers} worker threads + main: read + parse`, parsed, 'ms'));
  report(line(`  of which the threads' parse (${ahead.files.size} files back)`, inThreads, 'ms'));
  report(line('cold index in worker threads: + graph + all rules (total)', cold, 'ms', { max: 2000 }));
  report(line('  process CPU time (all threads)', (used.user + used.system) / 1000, 'ms'));
  if (findings !== inProcessFindings || ahead.problems.length > 0) report(`  DIFFERS: ${findings} findings (in-process ${inProcessFindings}); ${ahead.problems.join('; ')}`);

  const few = plan.reads.slice(0, 1);
  t = process.hrtime.bigint();
  await parseAhead(few, { workers: 1, minFiles: 0, mainThread: false });
  report(line('one worker: start, load the parsers, parse 1 file, end', ms(t), 'ms'));

  const sample = plan.reads.slice(0, 1000).map((r) => ahead.files.get(r.path) ?? readMigration(new NodeFileSystem(), r));
  t = process.hrtime.bigint();
  const bytes = v8.serialize(sample);
  const serialized = ms(t);
  t = process.hrtime.bigint();
  v8.deserialize(bytes);
  const deserialized = ms(t);
  report(line(`structured clone of 1,000 MigrationFiles (${(bytes.length / 1e6).toFixed(1)} MB): serialize`, serialized, 'ms'));
  report(line('  deserialize (in the main thread)', deserialized, 'ms'));
  // Its workspace is garbage now: it must not weigh on the heap figure below.
  (globalThis as { gc?: () => void }).gc?.();
}

function lintOnce(filePath: string, text: string, config = resolveConfig({}, ruleDefaults()).config): void {
  const file = parseMigration(filePath, text);
  lintFile(file, undefined, config, 'file');
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-bench-'));
  const removeRoot = (): void => fs.rmSync(root, { recursive: true, force: true });
  // Also on Ctrl+C or a CI timeout's SIGTERM, which skip the finally below.
  const forgetRoot = onExit(removeRoot);
  try {
    const out: string[] = [];
    const report = (s: string) => {
      out.push(s);
      console.log(s);
    };
    report(`alembic-lint benchmark: ${FILES} migrations, node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'})`);
    const { project, versions } = writeProject(root, FILES);
    const big = path.join(versions, '9999_big.py');
    // The big migration continues the history, so the workspace keeps one head.
    const bigText = largeMigration(String(FILES).padStart(4, '0'));
    fs.writeFileSync(big, bigText);

    let t = process.hrtime.bigint();
    await initParsers();
    report(line('load WASM parsers (once per process)', ms(t), 'ms'));

    // Cold index: find the location, read and parse every file, build the graph, lint everything.
    const config = resolveConfig({}, ruleDefaults()).config;
    t = process.hrtime.bigint();
    const ws = new Workspace(new NodeFileSystem(), [root], config);
    ws.load();
    const parsed = ms(t);
    let findings = 0;
    for (const p of ws.paths()) findings += ws.findings(p).length;
    const cold = ms(t);
    report(line(`cold index: read + parse ${ws.paths().length} files`, parsed, 'ms'));
    report(line('cold index: + graph + all rules (total)', cold, 'ms', { max: 2000 }));
    report(`  (${findings} findings; heads: ${ws.graphs()[0]?.heads.join(', ')}; in-process: Workspace.load(), one thread)`);
    await parallelColdIndex(report, root, config, findings);

    // Per-file lint: parse + every file rule, each file of the workspace once (warm).
    const samples: number[] = [];
    for (const p of ws.paths().slice(0, 2000)) {
      const text = ws.file(p)!.text;
      const s = process.hrtime.bigint();
      lintOnce(p, text, config);
      samples.push(ms(s));
    }
    const perFile = summary(samples);
    report(line('per-file lint (parse + rules), median', perFile.median, 'ms', { max: 1 }));
    report(line('per-file lint (parse + rules), p95', perFile.p95, 'ms'));

    const bigSamples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const s = process.hrtime.bigint();
      lintOnce(big, bigText, config);
      bigSamples.push(ms(s));
    }
    const bigStats = summary(bigSamples);
    report(line('300-line migration lint, median', bigStats.median, 'ms'));
    report(line('300-line migration lint, p95', bigStats.p95, 'ms'));

    // What the server does on a keystroke in an open document: incremental re-parse, then the rules.
    const trees = new DocumentTrees();
    trees.parse(big, bigText);
    const typing: number[] = [];
    for (let i = 0; i < 200; i++) {
      const text = typedMigration(bigText, i);
      const s = process.hrtime.bigint();
      lintFile(trees.parse(big, text), undefined, config, 'file');
      typing.push(ms(s));
    }
    trees.dispose();
    report(line('300-line migration, keystroke re-lint (incremental), median', summary(typing).median, 'ms'));

    // Incremental: an edit that changes down_revision rebuilds the location's graph.
    const graphSamples: number[] = [];
    const mid = ws.paths()[Math.floor(FILES / 2)]!;
    const midText = ws.file(mid)!.text;
    for (let i = 0; i < 20; i++) {
      const edited = i % 2 === 0 ? midText.replace(/down_revision = "(\d+)"/, 'down_revision = "0001"') : midText;
      const s = process.hrtime.bigint();
      ws.update(mid, edited);
      ws.findings(mid);
      graphSamples.push(ms(s));
    }
    report(line('edit changing down_revision (graph rebuild), median', summary(graphSamples).median, 'ms'));
    // What the index holds, not the garbage the runs above left for the collector.
    (globalThis as { gc?: () => void }).gc?.();
    const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
    report(line(`core heap with ${FILES} files indexed`, heapMb, 'MB'));

    // Through the language server over stdio: keystroke -> publishDiagnostics for that version.
    const client = LspClient.start();
    try {
      t = process.hrtime.bigint();
      await client.initialize(project);
      const uri = fileUri(big);
      await client.open(uri, bigText, 1);
      await client.waitForDiagnostics(uri, (p) => p.version === 1, 'first diagnostics', 120_000);
      report(line('server start -> first diagnostics (5,000 files)', ms(t), 'ms'));
      const startCpu = client.pid === undefined ? NaN : cpuMs(client.pid);
      report(line('  server CPU time until then', startCpu, 'ms'));
      // The open file is published last: the server may still be collecting the load's garbage. Typing is measured
      // once its CPU time stops moving, as a user types once the workspace is indexed.
      if (client.pid !== undefined) await settled(client.pid);
      const lines = bigText.split('\n');
      const sqlLine = lines.findIndex((l) => l.includes('CREATE INDEX IF NOT EXISTS'));
      let version = 1;
      const typeKeys = async (count: number): Promise<number[]> => {
        const samples: number[] = [];
        for (let i = 0; i < count; i++) {
          const v = ++version;
          // Type into the SQL (even) and delete it again (odd): every keystroke changes what the parsers see.
          const at = { line: sqlLine, character: 20 };
          const change = v % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: sqlLine, character: 21 } }, text: '' };
          const s = process.hrtime.bigint();
          await client.change(uri, v, [change]);
          await client.waitForDiagnostics(uri, (p) => p.version === v, `diagnostics for version ${v}`, 30_000);
          samples.push(ms(s));
          // A fast typist: ~10 keys a second.
          await new Promise((r) => setTimeout(r, 100));
        }
        return samples;
      };
      // The first keystrokes run the edit path before V8 has optimised it: shown on their own line, not in the p95.
      const warmUp = summary(await typeKeys(WARM_UP_KEYSTROKES));
      report(line(`keystroke -> diagnostics, the first ${WARM_UP_KEYSTROKES} (warm-up), median`, warmUp.median, 'ms'));
      report(line(`  the first ${WARM_UP_KEYSTROKES}, slowest`, warmUp.max, 'ms'));
      const cpuBefore = client.pid === undefined ? NaN : cpuMs(client.pid);
      const k = summary(await typeKeys(KEYSTROKES));
      report(line(`keystroke -> diagnostics (server, stdio), the next ${KEYSTROKES}, median`, k.median, 'ms'));
      report(line('keystroke -> diagnostics (server, stdio), p95', k.p95, 'ms', { max: 15 }));
      const pid = client.pid;
      if (pid !== undefined) report(line('  server CPU time per keystroke', (cpuMs(pid) - cpuBefore) / KEYSTROKES, 'ms'));
      if (pid !== undefined) report(line('server memory (RSS) after the run', rssMb(pid), 'MB', { max: 200 }));
      await client.shutdown();
    } finally {
      client.kill();
    }

    // Last, so their garbage does not weigh on the heap and memory figures above.
    parseFigures(report, ws.paths().filter((p) => p !== big).map((p) => ({ path: p, text: ws.file(p)!.text })), { path: big, text: bigText });
    sqlFigures(report);
    graphFigures(report);
    graphViewFigures(report);
    schemaFigures(report, () => {
      const fresh = new Workspace(new NodeFileSystem(), [root], config);
      fresh.load();
      return fresh;
    });
    await throttleFigures(report);
    fs.writeFileSync(path.join(os.tmpdir(), 'alembic-bench-last.txt'), out.join('\n') + '\n');
  } finally {
    forgetRoot();
    removeRoot();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
