// Lexicon tables as checked data: built from literal lists, refusing a key or word listed twice
// (in a Map the later entry would silently replace the earlier one).

export function checkedMap<K, V>(name: string, entries: readonly (readonly [K, V])[]): ReadonlyMap<K, V> {
  const map = new Map<K, V>();
  for (const [k, v] of entries) {
    if (map.has(k)) throw new Error(`${name}: '${String(k)}' is listed twice (${JSON.stringify(map.get(k))} and ${JSON.stringify(v)})`);
    map.set(k, v);
  }
  return map;
}

export function checkedSet<T>(name: string, items: readonly T[]): ReadonlySet<T> {
  const set = new Set<T>();
  for (const x of items) {
    if (set.has(x)) throw new Error(`${name}: '${String(x)}' is listed twice`);
    set.add(x);
  }
  return set;
}
