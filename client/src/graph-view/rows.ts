// What the Graph view lists: a header per script location, then its revisions, with each long linear run folded
// into one "… 37 revisions" row that expands in place. Runs, visible rows and search matches are plain data, so the
// webview only draws them and the unit tests check them. Pure.
import type { LayoutNode, SectionLayout } from './layout';

/** A run folds only when it is longer than this. */
export const COLLAPSE_OVER = 8;
/** Plain rows kept visible at each end of a folded run: the newest revisions and the run's start stay in view. */
export const RUN_EDGE = 3;

export interface Run {
  /**
   * The key of its last (oldest) folded node: stable when new revisions come on top, the usual update, so a run the
   * user opened stays open.
   */
  key: string;
  /** Node indices [start, end) that fold. */
  start: number;
  end: number;
}

export interface Section {
  /** The script location's path. */
  id: string;
  title: string;
  subtitle: string;
  layout: SectionLayout;
  runs: Run[];
}

export type Row =
  | { kind: 'section'; section: number }
  | { kind: 'node'; section: number; node: number; inRun?: string }
  | { kind: 'run'; section: number; run: number; expanded: boolean };

/**
 * A node nothing happens at: one lane in, the same lane out, no marker, no problem, not the database's current
 * revision. Other lanes may pass it, as long as none starts or ends there.
 */
export function isPlain(node: LayoutNode): boolean {
  return (
    !node.ghost &&
    node.incoming.length === 1 &&
    node.incoming[0]?.lane === node.lane &&
    node.outgoing.length === 1 &&
    node.outgoing[0]?.lane === node.lane &&
    !node.outgoing[0].dashed &&
    node.markers.length === 0 &&
    node.problems.length === 0 &&
    node.state !== 'current'
  );
}

/** The runs of plain nodes that fold: the middle of every run longer than COLLAPSE_OVER. */
export function foldableRuns(layout: SectionLayout): Run[] {
  const runs: Run[] = [];
  const nodes = layout.nodes;
  let start = 0;
  while (start < nodes.length) {
    if (!isPlain(nodes[start]!)) {
      start++;
      continue;
    }
    let end = start;
    while (end < nodes.length && isPlain(nodes[end]!)) end++;
    if (end - start > COLLAPSE_OVER) runs.push({ key: nodes[end - RUN_EDGE - 1]!.key, start: start + RUN_EDGE, end: end - RUN_EDGE });
    start = end;
  }
  return runs;
}

export function makeSection(id: string, title: string, subtitle: string, layout: SectionLayout): Section {
  return { id, title, subtitle, layout, runs: foldableRuns(layout) };
}

/** The rows shown, top to bottom; `expanded` holds `<section id> <run key>` of the runs the user opened. */
export function visibleRows(sections: readonly Section[], expanded: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];
  sections.forEach((section, s) => {
    rows.push({ kind: 'section', section: s });
    let node = 0;
    section.runs.forEach((run, r) => {
      for (; node < run.start; node++) rows.push({ kind: 'node', section: s, node });
      const open = expanded.has(runId(section, run));
      rows.push({ kind: 'run', section: s, run: r, expanded: open });
      if (open) for (; node < run.end; node++) rows.push({ kind: 'node', section: s, node, inRun: run.key });
      node = run.end;
    });
    for (; node < section.layout.nodes.length; node++) rows.push({ kind: 'node', section: s, node });
  });
  return rows;
}

export function runId(section: Section, run: Run): string {
  return `${section.id} ${run.key}`;
}

/** The run a node folds into, if any. */
export function runOf(section: Section, node: number): Run | undefined {
  return section.runs.find((run) => node >= run.start && node < run.end);
}

/** Does a node match the search box: its id or its message, ignoring case. An empty query matches nothing. */
export function matches(node: LayoutNode, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return false;
  return node.revision.toLowerCase().includes(q) || node.message.toLowerCase().includes(q);
}

export interface NodeRef {
  section: number;
  node: number;
}

/** Every matching node, top to bottom, folded or not. */
export function searchMatches(sections: readonly Section[], query: string): NodeRef[] {
  const found: NodeRef[] = [];
  if (query.trim() === '') return found;
  sections.forEach((section, s) => section.layout.nodes.forEach((node, n) => matches(node, query) && found.push({ section: s, node: n })));
  return found;
}

/** The match after (or before, `step` -1) `from`, wrapping around; the first (last) when `from` is none. */
export function nextMatch(found: readonly NodeRef[], from: NodeRef | undefined, step: 1 | -1): NodeRef | undefined {
  if (found.length === 0) return undefined;
  if (!from) return step === 1 ? found[0] : found[found.length - 1];
  const compare = (a: NodeRef, b: NodeRef) => a.section - b.section || a.node - b.node;
  if (step === 1) return found.find((m) => compare(m, from) > 0) ?? found[0];
  for (let i = found.length - 1; i >= 0; i--) if (compare(found[i]!, from) < 0) return found[i];
  return found[found.length - 1];
}
