// Per-user and per-token API quotas: a token bucket per principal, refilled at API_QUOTA_PER_MINUTE
// and holding a tenth of a minute's worth, so a script can burst briefly but never spend the team's
// upstream budget. In memory per instance; a fleet keeps the buckets in Redis (./redis-limits.ts),
// so a principal's quota is the same whichever instances its requests reach.

export type QuotaAnswer = { ok: true } | { ok: false; retryAfterMs: number };

export interface RequestQuota {
  /** Takes one request from `key`'s bucket, or says how long until one is available. */
  take(key: string): Promise<QuotaAnswer>;
}

const MAX_BUCKETS = 50_000;

/** A bucket's size for a quota of `perMinute`: a tenth of a minute's worth, and at least 10. */
export const quotaCapacity = (perMinute: number) => Math.max(10, Math.ceil(perMinute / 10));

export function createMemoryRequestQuota(options: { perMinute: number; now?: () => number }): RequestQuota {
  const now = options.now ?? Date.now;
  const ratePerMs = options.perMinute / 60_000;
  const capacity = quotaCapacity(options.perMinute);
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    async take(key) {
      const t = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        // Forget the oldest idle buckets rather than grow without bound (a full bucket is the default).
        if (buckets.size >= MAX_BUCKETS) buckets.delete(buckets.keys().next().value!);
        bucket = { tokens: capacity, at: t };
        buckets.set(key, bucket);
      }
      bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * ratePerMs);
      bucket.at = t;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / ratePerMs) };
    },
  };
}
