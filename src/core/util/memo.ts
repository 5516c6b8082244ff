// The one bounded memo. Lemmas, synonyms, zone checks, due instants, slugs… are pure in their key
// and asked again and again, so they are remembered; the bound keeps a stream of fresh keys (a
// large corpus, a table full of garbage) from growing memory without limit.

/**
 * A Map that forgets everything once it holds `max` entries and a new key arrives. Clearing at
 * once is cheaper than tracking recency, and the keys that matter are learnt again in a moment.
 */
export class BoundedMemo<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new RangeError(`a memo holds at least one entry, not ${max}`);
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Remembers `value` for `key` (forgetting everything first when full) and returns it. */
  set(key: K, value: V): V {
    if (this.map.size >= this.max && !this.map.has(key)) this.map.clear();
    this.map.set(key, value);
    return value;
  }

  /** The remembered value for `key`, computing and remembering it when absent (undefined and null included). */
  getOr(key: K, compute: (key: K) => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined || this.map.has(key)) return hit as V;
    return this.set(key, compute(key));
  }

  clear(): void {
    this.map.clear();
  }
}
