// The Graph view's page script (bundled by esbuild into dist/graph-webview.js). It lays the graph out itself
// (client/src/graph-view/: the same pure modules the unit tests check), draws only the rows in view (5,000
// revisions scroll as 50 do), and talks to the extension through the typed messages of graph-view/messages.ts.
import { layoutLocation } from '../src/graph-view/layout';
import type { FromWebview, GraphViewLocation, RevisionRef, ToWebview, WebviewState } from '../src/graph-view/messages';
import { makeSection, matches, nextMatch, runId, runOf, searchMatches, visibleRows, type NodeRef, type Row, type Section } from '../src/graph-view/rows';
import { ROW_HEIGHT, renderRow } from './render';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): WebviewState | undefined;
  setState(state: WebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const list = byId('list');
const spacer = byId('spacer');
const search = byId('search') as HTMLInputElement;
const count = byId('count');
const legend = byId('legend');
const empty = byId('empty');
/** Rows drawn beyond the visible ones, above and below: a fast scroll shows no blank band. */
const OVERSCAN = 10;

const saved = vscode.getState();
let sections: Section[] = [];
let rows: Row[] = [];
/** `<location>\n<node key>` or `<location>\nrun:<run key>` -> row index. */
let rowIndex = new Map<string, number>();
const expanded = new Set<string>(saved?.expanded ?? []);
let selected: { location: string; key: string } | undefined = saved?.selected;
let query = saved?.query ?? '';
let found: NodeRef[] = [];
let pendingReveal: RevisionRef | undefined;
let received = false;
let frame = 0;

search.value = query;

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element;
}

function rowKey(row: Row): string {
  const section = sections[row.section]!;
  if (row.kind === 'node') return `${section.id}\n${section.layout.nodes[row.node]!.key}`;
  if (row.kind === 'run') return `${section.id}\nrun:${section.runs[row.run]!.key}`;
  return `${section.id}\n`;
}

function selectedIndex(): number | undefined {
  return selected ? rowIndex.get(`${selected.location}\n${selected.key}`) : undefined;
}

function rebuildRows(): void {
  rows = visibleRows(sections, expanded);
  rowIndex = new Map(rows.map((row, i) => [rowKey(row), i]));
  spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
}

function saveState(): void {
  vscode.setState({ ...(selected ? { selected } : {}), expanded: [...expanded], query, scrollTop: list.scrollTop });
}

function draw(): void {
  frame = 0;
  const first = Math.max(0, Math.floor(list.scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((list.scrollTop + list.clientHeight) / ROW_HEIGHT) + OVERSCAN);
  const current = selectedIndex();
  const needle = query.trim().toLowerCase();
  const drawn: HTMLElement[] = [];
  for (let i = first; i < last; i++) {
    const row = rows[i]!;
    const hit = row.kind === 'node' && matches(sections[row.section]!.layout.nodes[row.node]!, query);
    drawn.push(renderRow(row, i, sections, { selected: i === current, query: needle, match: hit, dim: needle !== '' && !hit && row.kind !== 'section' }));
  }
  spacer.replaceChildren(...drawn);
  if (current !== undefined && current >= first && current < last) list.setAttribute('aria-activedescendant', `row-${current}`);
  else list.removeAttribute('aria-activedescendant');
}

function scheduleDraw(): void {
  if (frame === 0) frame = requestAnimationFrame(draw);
}

/** Scrolls a row into view: centred when it was far away (a jump), at the nearest edge when it was close (a step). */
function reveal(index: number, centre: boolean): void {
  const top = index * ROW_HEIGHT;
  const view = list.clientHeight;
  if (centre && (top < list.scrollTop || top + ROW_HEIGHT > list.scrollTop + view)) list.scrollTop = top - view / 2 + ROW_HEIGHT / 2;
  else if (top < list.scrollTop) list.scrollTop = top;
  else if (top + ROW_HEIGHT > list.scrollTop + view) list.scrollTop = top + ROW_HEIGHT - view;
}

function select(index: number, centre = false): void {
  const row = rows[index];
  if (!row || row.kind === 'section') return;
  const [location, key] = rowKey(row).split('\n') as [string, string];
  selected = { location, key };
  reveal(index, centre);
  draw();
  saveState();
}

/** Selects a node, opening the run it is folded in. */
function selectNode(ref: NodeRef, centre: boolean): void {
  const section = sections[ref.section]!;
  const run = runOf(section, ref.node);
  if (run && !expanded.has(runId(section, run))) {
    expanded.add(runId(section, run));
    rebuildRows();
  }
  const index = rowIndex.get(`${section.id}\n${section.layout.nodes[ref.node]!.key}`);
  if (index !== undefined) select(index, centre);
}

function activate(index: number): void {
  const row = rows[index];
  if (!row) return;
  if (row.kind === 'run') return toggleRun(index, !row.expanded);
  if (row.kind !== 'node') return;
  const section = sections[row.section]!;
  const node = section.layout.nodes[row.node]!;
  vscode.postMessage({ type: 'open', target: { location: section.id, revision: node.revision }, ghost: node.ghost });
}

function toggleRun(index: number, open: boolean): void {
  const row = rows[index];
  if (row?.kind !== 'run' || row.expanded === open) return;
  const section = sections[row.section]!;
  const id = runId(section, section.runs[row.run]!);
  if (open) expanded.add(id);
  else expanded.delete(id);
  rebuildRows();
  select(rowIndex.get(`${section.id}\nrun:${section.runs[row.run]!.key}`) ?? index);
}

/** The selectable row `step` rows away from `from` (section headers skipped), clamped to the list. */
function step(from: number, by: number): number {
  const direction = by < 0 ? -1 : 1;
  let index = Math.max(0, Math.min(rows.length - 1, from + by));
  while (rows[index]?.kind === 'section') index += direction;
  if (index < 0 || index >= rows.length) {
    index = Math.max(0, Math.min(rows.length - 1, from));
    while (rows[index]?.kind === 'section' && index < rows.length - 1) index++;
  }
  return index;
}

function onListKey(event: KeyboardEvent): void {
  const current = selectedIndex() ?? step(-1, 1);
  const page = Math.max(1, Math.floor(list.clientHeight / ROW_HEIGHT) - 1);
  const row = rows[current];
  let handled = true;
  switch (event.key) {
    case 'ArrowDown':
      select(step(current, 1));
      break;
    case 'ArrowUp':
      select(step(current, -1));
      break;
    case 'PageDown':
      select(step(current, page));
      break;
    case 'PageUp':
      select(step(current, -page));
      break;
    case 'Home':
      select(step(-1, 1));
      break;
    case 'End':
      select(step(rows.length, -1));
      break;
    case 'Enter':
    case ' ':
      activate(current);
      break;
    case 'ArrowRight':
      if (row?.kind === 'run') toggleRun(current, true);
      break;
    case 'ArrowLeft':
      if (row?.kind === 'run') toggleRun(current, false);
      else if (row?.kind === 'node' && row.inRun) {
        const section = sections[row.section]!;
        const runIndex = rowIndex.get(`${section.id}\nrun:${row.inRun}`);
        if (runIndex !== undefined) toggleRun(runIndex, false);
      }
      break;
    default:
      handled = false;
      if ((event.key === 'f' && (event.ctrlKey || event.metaKey)) || event.key === '/') {
        search.focus();
        search.select();
        handled = true;
      }
  }
  if (handled) event.preventDefault();
}

function currentNode(): NodeRef | undefined {
  const row = rows[selectedIndex() ?? -1];
  return row?.kind === 'node' ? { section: row.section, node: row.node } : undefined;
}

function updateCount(): void {
  if (query.trim() === '') count.textContent = '';
  else if (found.length === 0) count.textContent = 'No match';
  else {
    const at = currentNode();
    const position = at ? found.findIndex((m) => m.section === at.section && m.node === at.node) : -1;
    count.textContent = position >= 0 ? `${position + 1} of ${found.length}` : `${found.length} ${found.length === 1 ? 'match' : 'matches'}`;
  }
}

function jump(direction: 1 | -1, fromSelection = true): void {
  const target = nextMatch(found, fromSelection ? currentNode() : undefined, direction);
  if (target) selectNode(target, true);
  updateCount();
}

function onSearchInput(): void {
  query = search.value;
  found = searchMatches(sections, query);
  // Typing keeps the selection while it still matches, else moves to the first match: incremental search.
  const at = currentNode();
  const stillMatches = at && found.some((m) => m.section === at.section && m.node === at.node);
  if (!stillMatches && found.length > 0) jump(1, false);
  else {
    draw();
    updateCount();
  }
  saveState();
}

function onSearchKey(event: KeyboardEvent): void {
  if (event.key === 'Enter') jump(event.shiftKey ? -1 : 1);
  else if (event.key === 'Escape') {
    search.value = '';
    onSearchInput();
    list.focus();
  } else if (event.key === 'ArrowDown') list.focus();
  else return;
  event.preventDefault();
}

function onGraph(locations: GraphViewLocation[]): void {
  const before = selectedIndex();
  const offset = before === undefined ? undefined : before * ROW_HEIGHT - list.scrollTop;
  sections = locations.map((l) => makeSection(l.location.path, l.title, l.subtitle, layoutLocation(l.location, l.states ? new Map(l.states) : undefined)));
  rebuildRows();
  found = searchMatches(sections, query);
  empty.hidden = rows.some((row) => row.kind === 'node');
  legend.hidden = !locations.some((l) => l.states !== null);
  const after = selectedIndex();
  if (!received) {
    received = true;
    list.scrollTop = saved?.scrollTop ?? 0;
  } else if (after !== undefined && offset !== undefined) {
    // The selected row stays where it was on screen, however many rows came or went above it.
    list.scrollTop = after * ROW_HEIGHT - offset;
  }
  if (after === undefined) selected = undefined;
  draw();
  updateCount();
  if (pendingReveal) revealRevision(pendingReveal);
}

function revealRevision(target: RevisionRef): void {
  if (!received) {
    pendingReveal = target;
    return;
  }
  pendingReveal = undefined;
  const s = sections.findIndex((section) => section.id === target.location);
  const node = s < 0 ? -1 : sections[s]!.layout.nodes.findIndex((n) => n.revision === target.revision && !n.ghost);
  if (node < 0) return;
  selectNode({ section: s, node }, true);
  updateCount();
  list.focus();
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message.type === 'graph') onGraph(message.locations);
  else if (message.type === 'reveal') revealRevision(message.target);
});
list.addEventListener('scroll', () => {
  scheduleDraw();
  saveState();
}, { passive: true });
list.addEventListener('keydown', onListKey);
list.addEventListener('click', (event) => {
  const element = (event.target as Element).closest<HTMLElement>('.row');
  const index = Number(element?.dataset['index']);
  if (!element || Number.isNaN(index) || rows[index]?.kind === 'section') return;
  if (rows[index]?.kind === 'node') select(index);
  activate(index);
});
search.addEventListener('input', onSearchInput);
search.addEventListener('keydown', onSearchKey);
window.addEventListener('resize', scheduleDraw);
vscode.postMessage({ type: 'ready' });
