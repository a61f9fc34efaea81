import { LRUCache } from "lru-cache";

// Concurrent lookups of one key share one load, and its outcome is reused for the freshness
// window, so a thousand operators polling one room cost about one upstream call per window.
// Failures are shared and reused too: during an upstream outage the console must not multiply its
// callers' retries into Tencent's traffic. Behind an interface because a later step keeps this in
// Redis for several instances, so an outcome is kept as plain data: a value, or a failure encoded by
// the caller's codec (an Error object cannot cross to another process; its data can).

export interface CoalescingCache<T> {
  get(key: string, load: () => Promise<T>): Promise<T>;
}

/** How a failure is kept: as data, and back as the error every caller of the window is given. */
export interface FailureCodec<F> {
  /** Null: not reused (it is still shared with the callers already waiting for it). */
  encode(error: unknown): F | null;
  decode(failure: F): unknown;
}

/** The default: any Error reused as its message. */
const messageCodec: FailureCodec<{ message: string }> = {
  encode: (error) => (error instanceof Error ? { message: error.message } : null),
  decode: ({ message }) => new Error(message),
};

export interface MemoryCacheOptions<F> {
  freshnessMs: number;
  /** Bound on remembered outcomes; the least recently used go first. */
  maxEntries?: number;
  failures?: FailureCodec<F>;
  /** How long a failure is reused, where it should be less than a value (default: freshnessMs). */
  failureFreshnessMs?: number;
}

type Outcome<T, F> = { ok: true; value: T } | { ok: false; failure: F };

export function createMemoryCoalescingCache<T, F = { message: string }>({
  freshnessMs,
  maxEntries = 10_000,
  failures = messageCodec as unknown as FailureCodec<F>,
  failureFreshnessMs = freshnessMs,
}: MemoryCacheOptions<F>): CoalescingCache<T> {
  const inFlight = new Map<string, Promise<T>>();
  // lru-cache treats a ttl of 0 as "forever"; with no freshness window only coalescing remains.
  const recent = freshnessMs > 0 ? new LRUCache<string, Outcome<T, F>>({ max: maxEntries, ttl: freshnessMs }) : null;

  return {
    get(key, load) {
      const hit = recent?.get(key);
      if (hit) return hit.ok ? Promise.resolve(hit.value) : Promise.reject(failures.decode(hit.failure));
      const pending = inFlight.get(key);
      if (pending) return pending;

      const promise = load().then(
        (value) => {
          recent?.set(key, { ok: true, value });
          return value;
        },
        (error: unknown) => {
          const failure = failures.encode(error);
          if (failure !== null && failureFreshnessMs > 0) recent?.set(key, { ok: false, failure }, { ttl: Math.min(failureFreshnessMs, freshnessMs) });
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
