// The Graph view's lanes, as git graphs draw them: one row per revision, newest first, each revision in a lane (a
// column); a lane runs down to the revision's first parent, a merge opens a lane per further parent, and lanes that
// wait for the same parent meet at its row (a branch point). A down_revision that names no revision gets a ghost row,
// reached by a dashed line. Pure: the webview runs it (graph-webview/), the unit tests and the bench call it.
import type { GraphLocation } from '../../../common/graph-json';
import { markerLookup, shortDate, type RevisionState } from '../views/migrations-tree-model';

/** A line in a row's lane graphics. */
export interface LaneEdge {
  lane: number;
  /** Towards a ghost: a link that points at nothing. */
  dashed: boolean;
}

export interface LayoutNode {
  /** Unique in the section: the revision id (a duplicate id gets `@<file>`), or `ghost:<id>`. */
  key: string;
  revision: string;
  ghost: boolean;
  message: string;
  /** `2026-02-09 16:20`, or ''. */
  date: string;
  /** head, merge, branch point, base: as the Migrations tree says them. */
  markers: string[];
  /** The graph problems that name this revision (not "several heads": the heads are marked). */
  problems: string[];
  /** undefined when no database is connected. */
  state: RevisionState | undefined;
  /** The file, for a revision; for a ghost, the file of the first revision that names it. */
  file: string | undefined;
  /** As declared, for the tooltip (the revision's own arrays: nothing is copied for rows never drawn). */
  downRevisions: readonly string[];
  dependsOn: readonly string[];
  branchLabels: readonly string[];
  lane: number;
  /** Lanes that end in this node, from the row above. */
  incoming: LaneEdge[];
  /** Lanes that leave this node, to the row below: its parents. */
  outgoing: LaneEdge[];
  /** Lanes that pass the row, top to bottom. */
  through: LaneEdge[];
}

export interface SectionLayout {
  nodes: LayoutNode[];
  /** The widest row, in lanes. */
  width: number;
}

const NO_GEOMETRY = (): Pick<LayoutNode, 'lane' | 'incoming' | 'outgoing' | 'through'> => ({ lane: 0, incoming: [], outgoing: [], through: [] });

interface Vertex {
  key: string;
  /** Where the server listed it (newest first); a ghost sorts just after its last child. */
  order: number;
  parents: string[];
  children: number;
  /** Its geometry is filled in by assignLanes: one object, one shape, for the thousands of rows. */
  node: LayoutNode;
}

/** Lays out one script location; `states` colours the rows when a database is connected. */
export function layoutLocation(location: GraphLocation, states?: ReadonlyMap<string, RevisionState>): SectionLayout {
  const vertices = collectVertices(location, states);
  const ordered = topologicalOrder(vertices);
  return assignLanes(ordered, vertices);
}

function collectVertices(location: GraphLocation, states: ReadonlyMap<string, RevisionState> | undefined): Map<string, Vertex> {
  const problemsOf = new Map<string, string[]>();
  for (const problem of location.problems) {
    if (problem.kind === 'multiple-heads') continue;
    for (const id of problem.revisions) problemsOf.set(id, [...(problemsOf.get(id) ?? []), problem.message]);
  }
  const markers = markerLookup(location);
  const vertices = new Map<string, Vertex>();
  location.revisions.forEach((revision, order) => {
    // The first declaration owns the id, as everywhere else in the client (revision-walk.ts); a duplicate keeps a row.
    const key = vertices.has(revision.revision) ? `${revision.revision}@${revision.file}` : revision.revision;
    const state = states?.get(revision.revision);
    vertices.set(key, {
      key,
      order,
      parents: [...new Set(revision.down_revisions)],
      children: 0,
      node: {
        key,
        revision: revision.revision,
        ghost: false,
        message: revision.message,
        date: shortDate(revision.create_date),
        markers: markers(revision.revision),
        problems: problemsOf.get(revision.revision) ?? [],
        state,
        file: revision.file,
        downRevisions: revision.down_revisions,
        dependsOn: revision.depends_on,
        branchLabels: revision.branch_labels,
        ...NO_GEOMETRY(),
      },
    });
  });
  for (const vertex of [...vertices.values()]) {
    vertex.parents = vertex.parents.map((parent) => {
      if (vertices.has(parent)) return parent;
      const key = `ghost:${parent}`;
      const ghost = vertices.get(key);
      if (ghost) ghost.order = Math.max(ghost.order, vertex.order + 0.5);
      else {
        vertices.set(key, {
          key,
          order: vertex.order + 0.5,
          parents: [],
          children: 0,
          node: {
            key,
            revision: parent,
            ghost: true,
            message: `unknown revision: no file declares ${parent}`,
            date: '',
            markers: [],
            problems: [`${vertex.node.revision} names ${parent} as its down_revision, and no file declares it`],
            state: undefined,
            file: vertex.node.file,
            downRevisions: [],
            dependsOn: [],
            branchLabels: [],
            ...NO_GEOMETRY(),
          },
        });
      }
      return key;
    });
    for (const parent of vertex.parents) {
      const p = vertices.get(parent);
      if (p) p.children++;
    }
  }
  return vertices;
}

/**
 * Children before parents, otherwise in the server's order (newest first). A cycle would stall the walk: its
 * earliest revision is then taken anyway, so a broken graph still shows every revision, once.
 */
function topologicalOrder(vertices: Map<string, Vertex>): Vertex[] {
  const waiting = new Map<string, number>();
  for (const vertex of vertices.values()) waiting.set(vertex.key, vertex.children);
  const heap = new MinHeap<Vertex>((a, b) => a.order - b.order);
  for (const vertex of vertices.values()) if (vertex.children === 0) heap.push(vertex);
  const byOrder = [...vertices.values()].sort((a, b) => a.order - b.order);
  let fallback = 0;
  const done = new Set<string>();
  const ordered: Vertex[] = [];
  while (ordered.length < vertices.size) {
    let next = heap.pop();
    while (next && done.has(next.key)) next = heap.pop();
    if (!next) {
      while (fallback < byOrder.length && done.has(byOrder[fallback]!.key)) fallback++;
      next = byOrder[fallback];
      if (!next) break;
    }
    done.add(next.key);
    ordered.push(next);
    for (const parent of next.parents) {
      const left = (waiting.get(parent) ?? 0) - 1;
      waiting.set(parent, left);
      const p = vertices.get(parent);
      if (left === 0 && p && !done.has(parent)) heap.push(p);
    }
  }
  return ordered;
}

interface LaneSlot {
  /** The vertex this lane runs down to. */
  awaits: string;
  dashed: boolean;
}

function assignLanes(ordered: Vertex[], vertices: Map<string, Vertex>): SectionLayout {
  const lanes: (LaneSlot | null)[] = [];
  const placed = new Set<string>();
  const nodes: LayoutNode[] = [];
  let width = 0;
  for (const vertex of ordered) {
    const incoming: LaneEdge[] = [];
    const through: LaneEdge[] = [];
    for (let i = 0; i < lanes.length; i++) {
      const slot = lanes[i];
      if (!slot) continue;
      if (slot.awaits === vertex.key) {
        incoming.push({ lane: i, dashed: slot.dashed });
        lanes[i] = null;
      } else through.push({ lane: i, dashed: slot.dashed });
    }
    const lane = incoming[0]?.lane ?? freeLane(lanes, -1);
    placed.add(vertex.key);
    const outgoing: LaneEdge[] = [];
    // A parent already placed above is a cycle: the problems say so, and no lane can run upwards.
    for (const parent of vertex.parents.filter((p) => !placed.has(p))) {
      const target = outgoing.length === 0 ? lane : freeLane(lanes, lane);
      const dashed = vertices.get(parent)?.node.ghost === true;
      lanes[target] = { awaits: parent, dashed };
      outgoing.push({ lane: target, dashed });
    }
    // Lanes only grow to the right, so the row's widest lane is the last of these (before trailing free ones go).
    width = Math.max(width, lanes.length, lane + 1, (incoming[incoming.length - 1]?.lane ?? -1) + 1, (through[through.length - 1]?.lane ?? -1) + 1);
    while (lanes.length > 0 && lanes[lanes.length - 1] === null) lanes.pop();
    const node = vertex.node as LayoutNode;
    node.lane = lane;
    node.incoming = incoming;
    node.outgoing = outgoing;
    node.through = through;
    nodes.push(node);
  }
  return { nodes, width };
}

/** The first free lane right of `after`, else a new one. */
function freeLane(lanes: (LaneSlot | null)[], after: number): number {
  for (let i = after + 1; i < lanes.length; i++) if (lanes[i] === null) return i;
  lanes.push(null);
  return lanes.length - 1;
}

class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => number) {}

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (this.less(items[i]!, items[up]!) >= 0) break;
      [items[i], items[up]] = [items[up]!, items[i]!];
      i = up;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < items.length && this.less(items[l]!, items[min]!) < 0) min = l;
        if (r < items.length && this.less(items[r]!, items[min]!) < 0) min = r;
        if (min === i) break;
        [items[i], items[min]] = [items[min]!, items[i]!];
        i = min;
      }
    }
    return top;
  }
}
