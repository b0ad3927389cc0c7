import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphPageHtml } from '../../../client/src/graph-view/html';
import { layoutLocation } from '../../../client/src/graph-view/layout';
import { isFromWebview } from '../../../client/src/graph-view/messages';
import { COLLAPSE_OVER, RUN_EDGE, makeSection, nextMatch, runId, runOf, searchMatches, visibleRows, type Row, type Section } from '../../../client/src/graph-view/rows';
import { fileToOpen, graphViewLocations, revisionOfFile } from '../../../client/src/graph-view/view-data';
import { revisionAssignmentLine } from '../../../client/src/alembic/revision-lines';
import { revisionStates } from '../../../client/src/views/migrations-tree-model';
import { branched, linear, LOC, location, rev } from './tree-model-fixtures';

function section(loc = linear(30), current?: string[]): Section {
  return makeSection(loc.path, 'backend', '', layoutLocation(loc, current ? revisionStates(loc, current) : undefined));
}

/** Rows as text: `#` a header, the revision of a node, `[22]` a folded run, `[-22]` an open one. */
function labels(sections: Section[], rows: Row[]): string[] {
  return rows.map((row) => {
    const s = sections[row.section]!;
    if (row.kind === 'section') return '#';
    if (row.kind === 'node') return s.layout.nodes[row.node]!.revision;
    const run = s.runs[row.run]!;
    return `[${row.expanded ? '-' : ''}${run.end - run.start}]`;
  });
}

test('a long linear run folds its middle; the newest revisions and the run\'s start stay in view', () => {
  const s = section();
  // 0030 is the head and 0001 the base: 28 plain revisions between them, of which all but RUN_EDGE at each end fold.
  assert.deepEqual(s.runs, [{ key: '0005', start: 1 + RUN_EDGE, end: 29 - RUN_EDGE }]);
  assert.deepEqual(labels([s], visibleRows([s], new Set())), ['#', '0030', '0029', '0028', '0027', '[22]', '0004', '0003', '0002', '0001']);
  const open = visibleRows([s], new Set([runId(s, s.runs[0]!)]));
  assert.equal(labels([s], open).length, 10 + 22);
  assert.equal(labels([s], open)[5], '[-22]');
  assert.deepEqual(open[6], { kind: 'node', section: 0, node: 4, inRun: '0005' });
  assert.equal(runOf(s, 4), s.runs[0]);
  assert.equal(runOf(s, 3), undefined);
});

test('runs no longer than the threshold stay open, and short histories never fold', () => {
  assert.deepEqual(section(linear(COLLAPSE_OVER + 2)).runs, []);
  assert.equal(section(linear(COLLAPSE_OVER + 3)).runs.length, 1);
  assert.deepEqual(section(branched()).runs, []);
});

test('the current revision, heads, merges and branch points end a run', () => {
  const s = section(linear(30), ['0015']);
  assert.deepEqual(
    s.runs.map((r) => [r.key, r.end - r.start]),
    [
      ['0019', 8],
      ['0005', 7],
    ],
  );
  const rows = labels([s], visibleRows([s], new Set()));
  assert.ok(rows.includes('0015'), 'the current revision is never folded');
});

test('a run keeps its key when new revisions come on top, so a run the user opened stays open', () => {
  const before = section(linear(30));
  const after = section(linear(31));
  assert.equal(runId(before, before.runs[0]!), `${LOC} 0005`);
  assert.equal(runId(after, after.runs[0]!), `${LOC} 0005`);
  const open = new Set([runId(before, before.runs[0]!)]);
  assert.deepEqual(labels([after], visibleRows([after], open)).slice(5, 7), ['[-23]', '0027']);
});

test('several script locations are sections of their own, each with its header', () => {
  const a = section(linear(2));
  const b = makeSection('/w/plugins/migrations', 'plugins', '', layoutLocation(location([rev('p1')], [], '/w/plugins/migrations')));
  assert.deepEqual(labels([a, b], visibleRows([a, b], new Set())), ['#', '0002', '0001', '#', 'p1']);
});

test('search matches ids and messages, ignoring case, folded revisions included; Enter walks them and wraps', () => {
  const loc = linear(30);
  loc.revisions.find((r) => r.revision === '0012')!.message = 'Add ORDERS index';
  const s = section(loc);
  assert.deepEqual(searchMatches([s], 'orders'), [{ section: 0, node: 18 }]);
  assert.deepEqual(searchMatches([s], '  0012 '), [{ section: 0, node: 18 }]);
  assert.deepEqual(searchMatches([s], ''), []);
  const found = searchMatches([s], '002');
  assert.deepEqual(found.map((m) => s.layout.nodes[m.node]!.revision), ['0029', '0028', '0027', '0026', '0025', '0024', '0023', '0022', '0021', '0020', '0002']);
  assert.equal(nextMatch(found, undefined, 1), found[0]);
  assert.equal(nextMatch(found, undefined, -1), found[10]);
  assert.equal(nextMatch(found, found[10], 1), found[0], 'wraps to the first');
  assert.equal(nextMatch(found, found[0], -1), found[10], 'wraps to the last');
  assert.equal(nextMatch(found, { section: 0, node: 15 }, 1), found[10]);
  assert.equal(nextMatch([], undefined, 1), undefined);
});

test('the view data: titles per location, the database standing, states only when connected', () => {
  const loc = linear(3);
  const other = location([rev('p1')], [], '/w/backend/plugins');
  const [first, second] = graphViewLocations([{ name: 'backend', locations: [loc, other], current: ['0002'] }], (p) => p.replace('/w/', ''));
  assert.equal(first?.title, 'backend · database_migrations');
  assert.equal(first?.subtitle, 'backend/database_migrations · 3 revisions · database at 0002 · 1 pending');
  assert.deepEqual(first?.states, [
    ['0003', 'pending'],
    ['0002', 'current'],
    ['0001', 'applied'],
  ]);
  assert.equal(second?.subtitle, 'backend/plugins · 1 revision · database at 0002 · 1 pending');
  const [alone] = graphViewLocations([{ name: 'backend', locations: [loc], current: undefined }], (p) => p);
  assert.equal(alone?.title, 'backend');
  assert.equal(alone?.states, null);
  assert.match(alone?.subtitle ?? '', /no database connected$/);
});

test('a click opens the revision\'s file; on a ghost, the file that names the missing revision', () => {
  const loc = location([rev('0002', ['gone']), rev('0001')]);
  assert.equal(fileToOpen([loc], { location: LOC, revision: '0001' }, false), `${LOC}/versions/0001_step.py`);
  assert.equal(fileToOpen([loc], { location: LOC, revision: 'gone' }, true), `${LOC}/versions/0002_step.py`);
  assert.equal(fileToOpen([loc], { location: '/elsewhere', revision: '0001' }, false), undefined);
  assert.deepEqual(revisionOfFile([loc], `${LOC}/versions/0002_step.py`), { location: LOC, revision: '0002' });
  assert.equal(revisionOfFile([loc], '/w/backend/env.py'), undefined);
});

test('the code lens goes on the module-level revision assignment, annotated or not', () => {
  assert.equal(revisionAssignmentLine('"""doc"""\nrevision_note = 1\nrevision = "abc"\ndown_revision = None\n'), 2);
  assert.equal(revisionAssignmentLine('revision: str = "abc"\n'), 0);
  assert.equal(revisionAssignmentLine('def f():\n    revision = "x"\n'), undefined);
  assert.equal(revisionAssignmentLine('if revision == "x":\n    pass\n'), undefined);
});

test('the page allows only its own files and its nonce\'s script; the webview\'s messages are checked', () => {
  const html = graphPageHtml({ cspSource: 'vscode-resource:', scriptUri: 'vscode-resource:/dist/graph-webview.js', styleUri: 'vscode-resource:/media/graph.css', nonce: 'abc123' });
  const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-abc123'/);
  assert.doesNotMatch(csp, /unsafe|https?:/);
  assert.match(html, /<script nonce="abc123" src="vscode-resource:\/dist\/graph-webview.js"><\/script>/);
  assert.equal(isFromWebview({ type: 'ready' }), true);
  assert.equal(isFromWebview({ type: 'open', target: { location: LOC, revision: '0001' }, ghost: false }), true);
  assert.equal(isFromWebview({ type: 'open', target: { location: LOC }, ghost: false }), false);
  assert.equal(isFromWebview({ type: 'run', command: 'rm' }), false);
});
