// A map that shares what it does not change with the map it was made from: each revision's snapshot stores only
// what its upgrade changed, over the previous snapshot. Every MAX_DEPTH layers a full copy bounds the lookups.

const DELETED: unique symbol = Symbol('deleted');
const MAX_DEPTH = 32;

export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  private readonly own = new Map<K, V | typeof DELETED>();
  private count = 0;

  private constructor(
    private readonly base: LayeredMap<K, V> | undefined,
    private readonly depth: number,
  ) {
    this.count = base?.count ?? 0;
  }

  static from<K, V>(entries: Iterable<readonly [K, V]> = []): LayeredMap<K, V> {
    const map = new LayeredMap<K, V>(undefined, 0);
    for (const [k, v] of entries) map.set(k, v);
    return map;
  }

  /** A new layer to write into, leaving this one as it is. */
  child(): LayeredMap<K, V> {
    if (this.depth < MAX_DEPTH) return new LayeredMap(this, this.depth + 1);
    // Deep: the layers above the root fold into one over the same root, which is cheap while they hold little next
    // to it; past half the root's size, one full copy starts a new root.
    const layers: LayeredMap<K, V>[] = [];
    let root: LayeredMap<K, V> = this;
    while (root.base) {
      layers.push(root);
      root = root.base;
    }
    const above = layers.reduce((n, layer) => n + layer.own.size, 0);
    if (above * 2 > root.own.size) return LayeredMap.from(this);
    const folded = new LayeredMap<K, V>(root, 1);
    for (let i = layers.length - 1; i >= 0; i--) for (const [k, v] of layers[i]!.own) folded.own.set(k, v);
    folded.count = this.count;
    return new LayeredMap(folded, 2);
  }

  /**
   * The keys that may hold different values in two maps grown from a common layer: those written in the layers
   * above it, on either side. Undefined when they share no layer (then only a full comparison can tell).
   */
  static differingKeys<K, V>(a: LayeredMap<K, V>, b: LayeredMap<K, V>): Set<K> | undefined {
    const inA = new Set<LayeredMap<K, V>>();
    for (let layer: LayeredMap<K, V> | undefined = a; layer; layer = layer.base) inA.add(layer);
    let common: LayeredMap<K, V> | undefined = b;
    while (common && !inA.has(common)) common = common.base;
    if (!common) return undefined;
    const keys = new Set<K>();
    for (const top of [a, b]) for (let layer: LayeredMap<K, V> | undefined = top; layer !== common; layer = layer!.base) for (const k of layer!.own.keys()) keys.add(k);
    return keys;
  }

  get size(): number {
    return this.count;
  }

  get(key: K): V | undefined {
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
    if (!this.has(key)) this.count++;
    this.own.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    if (!this.has(key)) return false;
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
