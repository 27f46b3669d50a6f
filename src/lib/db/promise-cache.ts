/**
 * `cache`'s promise for `key`, made by `make` on first use. A promise that fails is forgotten, so a later call
 * retries (a file that was briefly unreachable is not unreadable for the rest of the page's life).
 */
export function cachedPromise<K, V>(cache: Map<K, Promise<V>>, key: K, make: () => Promise<V>): Promise<V> {
  let value = cache.get(key);
  if (!value) {
    value = make();
    cache.set(key, value);
    value.catch(() => cache.delete(key));
  }
  return value;
}
