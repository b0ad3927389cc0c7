// Figures for single components, measured here rather than asserted in their unit tests (which check behaviour
// only): the SQL layer on an uncached string, the revision graph on large histories, the schema model, the change
// throttle.
import { buildGraph } from '../../server/src/core/graph/build';
import { formatHistory } from '../../server/src/core/graph/history';
import { graphToJson } from '../../server/src/core/graph/json';
import { layoutLocation } from '../../client/src/graph-view/layout';
import { makeSection, visibleRows } from '../../client/src/graph-view/rows';
import type { ScriptLocation } from '../../server/src/core/graph/types';
import { DocumentTrees, parseMigration, type ParseOptions } from '../../server/src/core/migration';
import { analyzeSql } from '../../server/src/core/sql';
import type { MigrationFile } from '../../server/src/core/types';
import type { Workspace } from '../../server/src/core/workspace';
import { ChangeThrottle, DOCUMENT_INTERVAL_MS } from '../../server/src/lsp/change-throttle';
import { fiveStatements } from '../helpers/sql-samples';
import { branchy, linear } from '../unit/graph/factory';
import { typedMigration } from './generate';
import { line, summary } from './stats';

type Report = (s: string) => void;

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Best of several runs: the least disturbed by garbage collection and by other processes on the machine. */
function bestMs(run: () => void, times = 7): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, ms(start));
  }
  return best;
}

function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/**
 * parseMigration alone, in CPU time (what a busy machine moves least): every file of the workspace, with the SQL layer
 * and without it (the Python side: the syntax tree and the walk over it), and the 300-line migration parsed anew and
 * re-parsed after a keystroke (DocumentTrees, as the server does). The parsers must be loaded.
 */
export function parseFigures(report: Report, files: ReadonlyArray<{ path: string; text: string }>, big: { path: string; text: string }): void {
  const noSql: ParseOptions = { analyzeSql: () => ({ statements: [] }) };
  report(line(`parseMigration, ${files.length} files: CPU`, cpuMs(() => files.forEach((f) => parseMigration(f.path, f.text))), 'ms'));
  report(line('  without the SQL layer (the Python side): CPU', cpuMs(() => files.forEach((f) => parseMigration(f.path, f.text, noSql))), 'ms'));
  report(line('parseMigration, 300-line migration x 200: CPU', cpuMs(() => { for (let i = 0; i < 200; i++) parseMigration(big.path, big.text); }), 'ms'));
  const trees = new DocumentTrees();
  trees.parse(big.path, big.text);
  const typing = cpuMs(() => {
    for (let i = 0; i < 200; i++) trees.parse(big.path, typedMigration(big.text, i));
  });
  trees.dispose();
  report(line('  re-parsed after a keystroke (incremental) x 200: CPU', typing, 'ms'));
}

/** analyzeSql on a new text each time (nothing from the cache). The parsers must be loaded. */
export function sqlFigures(report: Report): void {
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) {
    const sql = fiveStatements(`orders_${i}`);
    const start = process.hrtime.bigint();
    analyzeSql({ text: sql, segments: [{ sqlStart: 0, fileStart: 1000, length: sql.length }], range: { start: 999, end: 1001 + sql.length }, editable: true }, { sqlalchemyText: true, driverParams: false });
    samples.push(ms(start));
  }
  report(line('uncached five-statement SQL string (analyzeSql), median', summary(samples).median, 'ms', { max: 1 }));
}

/** The graph is rebuilt on every edit that changes a revision id: build + history + JSON, and how it scales. */
export function graphFigures(report: Report): void {
  const location: ScriptLocation = { path: '/r/db', versionDirs: ['/r/db/versions'] };
  const versions = '/r/db/versions';
  const everything = (files: MigrationFile[]) => () => {
    const graph = buildGraph(location, files);
    formatHistory(graph);
    graphToJson([graph]);
  };
  const linear5k = linear(versions, 5000);
  const branchy5k = branchy(versions, 5000);
  const branchy20k = branchy(versions, 20_000);
  report(line('buildGraph, 5,000 linear revisions', bestMs(() => buildGraph(location, linear5k)), 'ms'));
  report(line('graph + history + json, 5,000 linear', bestMs(everything(linear5k)), 'ms', { max: 250 }));
  const branchyMs = bestMs(everything(branchy5k));
  report(line('graph + history + json, 5,000 with branches', branchyMs, 'ms', { max: 250 }));
  const branchy20kMs = bestMs(everything(branchy20k));
  report(line('graph + history + json, 20,000 with branches', branchy20kMs, 'ms'));
  // 4x the revisions: linear work takes about 4x, quadratic work 16x.
  report(line('  20,000 / 5,000 with branches (linear: ~4x)', branchy20kMs / branchyMs, 'x', { max: 10 }));
}

/**
 * The Graph view's layout, as its webview runs it on every graph update: lanes, folded runs and the visible rows, from
 * the server's JSON. It must stay well under a frame's budget of a keystroke's update at 5,000 revisions.
 */
export function graphViewFigures(report: Report): void {
  const location: ScriptLocation = { path: '/r/db', versionDirs: ['/r/db/versions'] };
  const json = (count: number) => graphToJson([buildGraph(location, branchy('/r/db/versions', count))]).locations[0]!;
  const layout = (graph: ReturnType<typeof json>) => () => {
    const section = makeSection(graph.path, 'db', '', layoutLocation(graph));
    visibleRows([section], new Set());
  };
  const fiveK = bestMs(layout(json(5000)));
  report(line('Graph view layout (lanes + folds + rows), 5,000 with branches', fiveK, 'ms', { max: 100 }));
  const twentyK = bestMs(layout(json(20_000)));
  report(line('Graph view layout (lanes + folds + rows), 20,000 with branches', twentyK, 'ms'));
  report(line('  20,000 / 5,000 (linear: ~4x)', twentyK / fiveK, 'x', { max: 10 }));
}

/** The schema model on the benchmark's workspace: made only when asked for (no lint pays for it), then kept. */
/**
 * The schema model: the snapshots of every revision made by a fresh workspace (what the cold index pays for them),
 * kept when nothing changed, and an edit of an early revision's upgrade: its descendants replayed and re-judged.
 */
export function schemaFigures(report: Report, fresh: () => Workspace): void {
  const ws = fresh();
  const graph = ws.graphs()[0];
  if (!graph) return;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let start = process.hrtime.bigint();
  const schemas = ws.revisionSchemas(graph);
  const cold = ms(start);
  gc?.();
  const heap = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  start = process.hrtime.bigint();
  ws.revisionSchemas(graph);
  const warm = ms(start);
  report(line(`schema model: replay ${schemas.size} revisions (first time)`, cold, 'ms'));
  report(line('schema model: again, nothing changed (cached snapshots)', warm, 'ms'));
  report(line('schema model: heap held by the snapshots', heap, 'MB'));

  // Every file linted once, so the editor would have published them all; then an early upgrade gains a table.
  for (const p of ws.paths()) ws.findings(p);
  const early = ws.paths()[10]!;
  const text = ws.file(early)!.text;
  const at = text.indexOf('def upgrade');
  const body = text.indexOf('\n', at) + 1;
  const edited = text.slice(0, body) + '    op.execute("CREATE TABLE IF NOT EXISTS bench_extra (id int)")\n' + text.slice(body);
  const own: number[] = [];
  const after: number[] = [];
  let republished = 0;
  for (let i = 0; i < 6; i++) {
    start = process.hrtime.bigint();
    for (const p of ws.update(early, i % 2 === 0 ? edited : text)) ws.findings(p);
    own.push(ms(start));
    // What the editor does once typing pauses.
    start = process.hrtime.bigint();
    const stale = ws.staleSchemaFiles();
    for (const p of stale) ws.findings(p);
    after.push(ms(start));
    republished = stale.length;
  }
  report(line('edit of an early upgrade: its own findings, median', summary(own).median, 'ms'));
  report(line(`  then the ${republished} revisions built on it re-judged, median`, summary(after).median, 'ms'));
}

/** The server's real throttle and interval: how soon a change after a quiet spell runs, and the spacing in a burst. */
export async function throttleFigures(report: Report): Promise<void> {
  const throttle = new ChangeThrottle<string>(DOCUMENT_INTERVAL_MS);
  const firstRun: number[] = [];
  const burstGap: number[] = [];
  // Resolves with the time the run started, taken inside the run (as the throttle takes its own).
  const run = () => new Promise<bigint>((resolve) => throttle.schedule('doc', () => resolve(process.hrtime.bigint())));
  try {
    for (let round = 0; round < 20; round++) {
      const start = process.hrtime.bigint();
      const firstAt = await run();
      firstRun.push(Number(firstAt - start) / 1e6);
      // A burst right after the run: five changes, one more run.
      const second = run();
      for (let i = 0; i < 4; i++) throttle.schedule('doc', () => undefined);
      burstGap.push(Number((await second) - firstAt) / 1e6);
      // A quiet spell, so the next round's change runs at once again.
      await new Promise((resolve) => setTimeout(resolve, DOCUMENT_INTERVAL_MS + 25));
    }
  } finally {
    throttle.dispose();
  }
  report(line('change throttle: change after a quiet spell -> run, max', summary(firstRun).max, 'ms', { max: 40 }));
  // Node starts a timer from the event loop's cached clock (whole milliseconds), so it fires a millisecond or two
  // early; the target allows 5 ms, as the unit test that used to measure this did.
  report(line(`change throttle: burst -> next run (interval ${DOCUMENT_INTERVAL_MS} ms), min`, Math.min(...burstGap), 'ms', { min: DOCUMENT_INTERVAL_MS - 5 }));
}
