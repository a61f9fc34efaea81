import { LRUCache } from "lru-cache";

// Concurrent lookups of one key share one load, and its outcome is reused for the freshness
// window, so a thousand operators polling one room cost about one upstream call per window.
// Failures are shared and reused too: during an upstream outage the console must not multiply its
// callers' retries into Tencent's traffic. Behind an interface because a later step keeps this in
// Redis for several instances.

export interface CoalescingCache<T> {
  get(key: string, load: () => Promise<T>): Promise<T>;
}

export interface MemoryCacheOptions {
  freshnessMs: number;
  /** Bound on remembered outcomes; the least recently used go first. */
  maxEntries?: number;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function createMemoryCoalescingCache<T>({ freshnessMs, maxEntries = 10_000 }: MemoryCacheOptions): CoalescingCache<T> {
  const inFlight = new Map<string, Promise<T>>();
  // lru-cache treats a ttl of 0 as "forever"; with no freshness window only coalescing remains.
  const recent = freshnessMs > 0 ? new LRUCache<string, Outcome<T>>({ max: maxEntries, ttl: freshnessMs }) : null;

  return {
    get(key, load) {
      const hit = recent?.get(key);
      if (hit) return hit.ok ? Promise.resolve(hit.value) : Promise.reject(hit.error);
      const pending = inFlight.get(key);
      if (pending) return pending;

      const promise = load().then(
        (value) => {
          recent?.set(key, { ok: true, value });
          return value;
        },
        (error: unknown) => {
          recent?.set(key, { ok: false, error });
          throw error;
        },
      );
      const settled = () => inFlight.delete(key);
      promise.then(settled, settled);
      inFlight.set(key, promise);
      return promise;
    },
  };
}
