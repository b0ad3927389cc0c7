// One row of the Graph view as DOM: the lane graphics (SVG), the message, the short id, the date and the markers.
// Colours are classes: media/graph.css maps them to the theme's --vscode-* variables.
import type { LaneEdge, LayoutNode } from '../src/graph-view/layout';
import type { Row, Section } from '../src/graph-view/rows';

export const ROW_HEIGHT = 24;
const LANE_WIDTH = 14;
const MID = ROW_HEIGHT / 2;
/** Past this many lanes the graphics are cut: the text must stay readable. */
const MAX_LANES = 24;
const SVG = 'http://www.w3.org/2000/svg';
/** Lane colours cycle through this many theme chart colours (graph.css: .lane-0 ... .lane-3). */
const LANE_COLOURS = 4;

export interface RowLook {
  selected: boolean;
  /** The search box's query, trimmed and lower-cased: its occurrences in the id and the message are marked. */
  query: string;
  /** The query matches the row. */
  match: boolean;
  /** A search is active and this row does not match. */
  dim: boolean;
}

export function laneX(lane: number): number {
  return LANE_WIDTH / 2 + lane * LANE_WIDTH;
}

export function graphWidth(section: Section): number {
  return Math.min(section.layout.width, MAX_LANES) * LANE_WIDTH + 4;
}

export function renderRow(row: Row, index: number, sections: readonly Section[], look: RowLook): HTMLElement {
  const element = document.createElement('div');
  element.id = `row-${index}`;
  element.className = 'row';
  element.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
  element.dataset['index'] = String(index);
  const section = sections[row.section]!;
  if (row.kind === 'section') {
    element.classList.add('section');
    element.setAttribute('role', 'presentation');
    element.append(text('span', 'title', section.title), text('span', 'subtitle', section.subtitle));
    return element;
  }
  element.setAttribute('role', 'treeitem');
  element.setAttribute('aria-selected', String(look.selected));
  if (look.selected) element.classList.add('selected');
  if (look.match) element.classList.add('match');
  if (look.dim) element.classList.add('dim');
  if (row.kind === 'run') {
    const run = section.runs[row.run]!;
    const first = section.layout.nodes[run.start]!;
    const count = run.end - run.start;
    element.classList.add('run');
    element.setAttribute('aria-level', '1');
    element.setAttribute('aria-expanded', String(row.expanded));
    element.title = row.expanded ? `Fold these ${count} revisions (Left)` : `${count} revisions without a branch, merge or marker (Enter or Right: show them)`;
    element.append(
      runGraphics(section, first, row.expanded),
      text('span', 'twisty', row.expanded ? '▾' : '▸'),
      text('span', 'message', row.expanded ? `${count} revisions` : `… ${count} revisions`),
    );
    return element;
  }
  const node = section.layout.nodes[row.node]!;
  element.classList.add('node');
  if (node.ghost) element.classList.add('ghost');
  if (node.state) element.classList.add(`state-${node.state}`);
  element.setAttribute('aria-level', row.inRun ? '2' : '1');
  element.title = tooltip(node);
  element.append(
    nodeGraphics(section, node),
    marked('message', node.ghost ? 'unknown revision' : node.message || '(no message)', node.ghost ? '' : look.query),
    marked('id', shortId(node.revision), look.query),
  );
  if (node.date) element.append(text('span', 'date', node.date));
  for (const marker of node.markers) element.append(text('span', `badge ${marker.replace(' ', '-')}`, marker));
  if (node.state === 'current') element.append(text('span', 'badge current', 'current'));
  if (node.ghost) element.append(text('span', 'badge problem', 'missing'));
  else if (node.problems.length > 0) element.append(text('span', 'badge problem', 'problem'));
  return element;
}

/** Alembic ids are 12 hex digits; longer ones (hand-written) are cut, the tooltip has them whole. */
function shortId(id: string): string {
  return id.length > 14 ? `${id.slice(0, 12)}…` : id;
}

function tooltip(node: LayoutNode): string {
  return [
    node.ghost ? `${node.revision} (no file declares it)` : `${node.revision} ${node.message}`,
    ...(node.ghost ? [] : [node.downRevisions.length > 0 ? `Revises: ${node.downRevisions.join(', ')}` : 'Revises: (base)']),
    ...(node.dependsOn.length > 0 ? [`Depends on: ${node.dependsOn.join(', ')}`] : []),
    ...(node.branchLabels.length > 0 ? [`Branch labels: ${node.branchLabels.join(', ')}`] : []),
    ...(node.date ? [`Created: ${node.date}`] : []),
    ...(node.markers.length > 0 ? [`Marked: ${node.markers.join(', ')}`] : []),
    ...(node.state ? [`Database: ${node.state}`] : []),
    ...node.problems.map((p) => `Problem: ${p}`),
    ...(node.file ? [node.ghost ? `Enter opens ${node.file}, which names it` : node.file] : []),
  ].join('\n');
}

function text(tag: string, className: string, content: string): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = content;
  return element;
}

/** A span with each occurrence of `query` (lower case; '' for none) in a <mark>. */
function marked(className: string, content: string, query: string): HTMLElement {
  const element = text('span', className, '');
  const lower = content.toLowerCase();
  let at = 0;
  for (let found = query ? lower.indexOf(query) : -1; found >= 0; found = lower.indexOf(query, at)) {
    element.append(content.slice(at, found), text('mark', '', content.slice(found, found + query.length)));
    at = found + query.length;
  }
  element.append(content.slice(at));
  return element;
}

function svgRoot(section: Section): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  const width = graphWidth(section);
  svg.setAttribute('class', 'lanes');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(ROW_HEIGHT));
  svg.setAttribute('viewBox', `0 0 ${width} ${ROW_HEIGHT}`);
  svg.setAttribute('aria-hidden', 'true');
  return svg;
}

function path(svg: SVGSVGElement, d: string, lane: number, extra = ''): void {
  const element = document.createElementNS(SVG, 'path');
  element.setAttribute('d', d);
  element.setAttribute('class', `edge lane-${lane % LANE_COLOURS}${extra}`);
  svg.append(element);
}

function nodeGraphics(section: Section, node: LayoutNode): SVGSVGElement {
  const svg = svgRoot(section);
  const x = laneX(node.lane);
  for (const edge of node.through) path(svg, `M${laneX(edge.lane)} 0V${ROW_HEIGHT}`, edge.lane, dashed(edge));
  for (const edge of node.incoming) {
    const from = laneX(edge.lane);
    path(svg, edge.lane === node.lane ? `M${x} 0V${MID}` : `M${from} 0C${from} ${MID * 0.75} ${x} ${MID * 0.25} ${x} ${MID}`, edge.lane, dashed(edge));
  }
  for (const edge of node.outgoing) {
    const to = laneX(edge.lane);
    path(svg, edge.lane === node.lane ? `M${x} ${MID}V${ROW_HEIGHT}` : `M${x} ${MID}C${x} ${MID * 1.75} ${to} ${MID * 1.25} ${to} ${ROW_HEIGHT}`, edge.lane, dashed(edge));
  }
  const circle = document.createElementNS(SVG, 'circle');
  circle.setAttribute('cx', String(x));
  circle.setAttribute('cy', String(MID));
  circle.setAttribute('r', node.state === 'current' ? '5' : '4');
  const kind = node.ghost ? 'ghost' : node.state ? `state-${node.state}` : `lane-${node.lane % LANE_COLOURS}`;
  const shape = node.markers.includes('merge') ? ' merge' : '';
  circle.setAttribute('class', `dot ${kind}${shape}${node.problems.length > 0 && !node.ghost ? ' problem' : ''}`);
  svg.append(circle);
  return svg;
}

/** A folded run: every lane open across it goes straight through, dotted while folded. */
function runGraphics(section: Section, first: LayoutNode, expanded: boolean): SVGSVGElement {
  const svg = svgRoot(section);
  const lanes = [...first.through, { lane: first.lane, dashed: false }].sort((a, b) => a.lane - b.lane);
  for (const edge of lanes) path(svg, `M${laneX(edge.lane)} 0V${ROW_HEIGHT}`, edge.lane, expanded ? dashed(edge) : ' folded');
  return svg;
}

function dashed(edge: LaneEdge): string {
  return edge.dashed ? ' dashed' : '';
}
