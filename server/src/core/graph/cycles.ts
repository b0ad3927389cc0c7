// Cycles through down_revision and depends_on (Alembic refuses both), found with Tarjan's strongly connected
// components, iteratively: a long linear history would overflow the call stack of a recursive version.
import type { RevisionNode } from './types';

/**
 * Each strongly connected component with more than one revision, or a revision naming itself, once, as the ids
 * met walking from its smallest id towards parents. Sorted by that first id.
 */
export function findCycles(nodes: ReadonlyMap<string, RevisionNode>): string[][] {
  const ids = [...nodes.keys()];
  const indexOf = new Map<string, number>();
  ids.forEach((id, i) => indexOf.set(id, i));
  const edges = ids.map((id) => {
    const node = nodes.get(id)!;
    const targets: number[] = [];
    for (const ref of [...node.parents, ...node.dependencies]) {
      const target = indexOf.get(ref);
      if (target !== undefined && !targets.includes(target)) targets.push(target);
    }
    return targets;
  });

  const order = new Int32Array(ids.length).fill(-1);
  const low = new Int32Array(ids.length);
  const onStack = new Uint8Array(ids.length);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;

  for (let start = 0; start < ids.length; start++) {
    if (order[start] !== -1) continue;
    const frames: { v: number; next: number }[] = [{ v: start, next: 0 }];
    order[start] = low[start] = counter++;
    stack.push(start);
    onStack[start] = 1;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const out = edges[frame.v]!;
      if (frame.next < out.length) {
        const w = out[frame.next++]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frames.push({ v: w, next: 0 });
        } else if (onStack[w]) {
          low[frame.v] = Math.min(low[frame.v]!, order[w]!);
        }
        continue;
      }
      frames.pop();
      const caller = frames[frames.length - 1];
      if (caller) low[caller.v] = Math.min(low[caller.v]!, low[frame.v]!);
      if (low[frame.v] !== order[frame.v]) continue;
      const component: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        component.push(w);
      } while (w !== frame.v);
      if (component.length > 1 || edges[frame.v]!.includes(frame.v)) components.push(component);
    }
  }
  return components.map((c) => walkComponent(c, edges, ids)).sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
}

/** The component's ids in the order a depth-first walk from its smallest id meets them, staying inside it. */
function walkComponent(component: number[], edges: number[][], ids: string[]): string[] {
  const members = new Set(component);
  const first = component.reduce((best, v) => (ids[v]! < ids[best]! ? v : best));
  const seen = new Set<number>([first]);
  const result: string[] = [];
  const todo = [first];
  while (todo.length > 0) {
    const v = todo.pop()!;
    result.push(ids[v]!);
    const next = edges[v]!.filter((w) => members.has(w) && !seen.has(w));
    for (let i = next.length - 1; i >= 0; i--) {
      seen.add(next[i]!);
      todo.push(next[i]!);
    }
  }
  return result;
}
