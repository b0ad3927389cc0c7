// A map that shares what it does not change with the map it was made from: each revision's snapshot stores only
// what its upgrade changed, over the previous snapshot. Layers are merged in tiers so that lookups stay short and
// each entry is copied only a few times over a long history: MERGE_AT layers of one level at the top of a chain
// become one layer of the next level (like a log-structured merge tree). Over 5,000 revisions an entry is copied
// about four times and a lookup reads at most about 30 layers.

const DELETED: unique symbol = Symbol('deleted');
const MERGE_AT = 8;

export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  private readonly own = new Map<K, V | typeof DELETED>();
  private count = 0;
  /** This map with its top layers merged, made once for all the children of a snapshot. */
  private compacted: LayeredMap<K, V> | undefined;

  private constructor(
    private readonly base: LayeredMap<K, V> | undefined,
    /** 0 for a layer written by one replay; n + 1 for one merged from MERGE_AT layers of level n; Infinity for a root. */
    private readonly level: number,
    /**
     * Every key ever set in a map of this family (a root and all the layers grown from it). A key it lacks is in none
     * of them: the lookup of a new name (is `t_pkey` taken?) answers at once instead of reading every layer.
     */
    private readonly written: Set<K>,
  ) {
    this.count = base?.count ?? 0;
  }

  static from<K, V>(entries: Iterable<readonly [K, V]> = []): LayeredMap<K, V> {
    const map = new LayeredMap<K, V>(undefined, Infinity, new Set());
    for (const [k, v] of entries) map.set(k, v);
    return map;
  }

  /** A new layer to write into, leaving this one as it is. */
  child(): LayeredMap<K, V> {
    // An empty root (the schema before the first revision, one object every history starts from) begins a family of
    // its own: what one history writes must not stay in a set every later history (a rescan, another project) shares.
    const written = this.base === undefined && this.count === 0 ? new Set<K>() : this.written;
    return new LayeredMap(this.compact(), 0, written);
  }

  /** The same entries with MERGE_AT layers of one level at the top merged into one (again while that happens). */
  private compact(): LayeredMap<K, V> {
    if (this.compacted) return this.compacted;
    let top: LayeredMap<K, V> = this;
    for (;;) {
      const run: LayeredMap<K, V>[] = [];
      for (let layer: LayeredMap<K, V> | undefined = top; layer && layer.level === top.level && run.length < MERGE_AT; layer = layer.base) run.push(layer);
      const below = run[run.length - 1]!.base;
      if (run.length < MERGE_AT || !below) break;
      const merged = new LayeredMap<K, V>(below, top.level + 1, this.written);
      for (let i = run.length - 1; i >= 0; i--) for (const [k, v] of run[i]!.own) merged.own.set(k, v);
      // A deletion need not shadow what the layers below never held.
      for (const [k, v] of merged.own) if (v === DELETED && !below.has(k)) merged.own.delete(k);
      merged.count = top.count;
      top = merged;
    }
    this.compacted = top;
    return top;
  }

  /**
   * The keys that may hold different values in two maps grown from a common layer: those written in the layers
   * above it, on either side. Undefined when they share no layer (then only a full comparison can tell).
   */
  static differingKeys<K, V>(a: LayeredMap<K, V>, b: LayeredMap<K, V>): Set<K> | undefined {
    const inA = new Set<LayeredMap<K, V>>();
    for (let layer: LayeredMap<K, V> | undefined = a; layer; layer = layer.base) inA.add(layer);
    // A layer of b, and the layer of a with the same entries: itself, or its compacted form a child grew from.
    let common: LayeredMap<K, V> | undefined = b;
    let commonInA: LayeredMap<K, V> | undefined;
    for (; common; common = common.base) {
      commonInA = inA.has(common) ? common : common.compacted && inA.has(common.compacted) ? common.compacted : undefined;
      if (commonInA) break;
    }
    if (!common || !commonInA) return undefined;
    const keys = new Set<K>();
    for (let layer: LayeredMap<K, V> = a; layer !== commonInA; layer = layer.base!) for (const k of layer.own.keys()) keys.add(k);
    for (let layer: LayeredMap<K, V> = b; layer !== common; layer = layer.base!) for (const k of layer.own.keys()) keys.add(k);
    return keys;
  }

  get size(): number {
    return this.count;
  }

  get(key: K): V | undefined {
    if (!this.written.has(key)) return undefined;
    for (let layer: LayeredMap<K, V> | undefined = this; layer; layer = layer.base) {
      const value = layer.own.get(key);
      if (value !== undefined) return value === DELETED ? undefined : value;
    }
    return undefined;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  set(key: K, value: V): this {
    this.compacted = undefined;
    if (!this.has(key)) this.count++;
    this.written.add(key);
    this.own.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    if (!this.has(key)) return false;
    this.compacted = undefined;
    this.count--;
    if (this.base?.has(key)) this.own.set(key, DELETED);
    else this.own.delete(key);
    return true;
  }

  *entries(): MapIterator<[K, V]> {
    if (!this.base) {
      for (const [k, v] of this.own) if (v !== DELETED) yield [k, v];
      return;
    }
    const seen = new Set<K>();
    for (let layer: LayeredMap<K, V> | undefined = this; layer; layer = layer.base) {
      for (const [k, v] of layer.own) {
        if (seen.has(k)) continue;
        seen.add(k);
        if (v !== DELETED) yield [k, v];
      }
    }
  }

  *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [k, v] of this.entries()) callback(v, k, this);
  }
}
