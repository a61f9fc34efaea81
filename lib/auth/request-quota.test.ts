// The request quota's rules, held by both implementations: in memory (one console) and in a real
// Redis (a fleet), on the same clock. ./redis-limits.test.ts has what only the fleet's has.
import { afterEach, describe, expect, it } from "vitest";
import { connectTestRedis } from "@/lib/testing/redis";
import { createRedisRequestQuota } from "./redis-limits";
import { createMemoryRequestQuota, type RequestQuota } from "./request-quota";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Make = (options: { perMinute: number; now: () => number }) => Promise<RequestQuota>;

const IMPLEMENTATIONS: [string, Make][] = [
  ["in memory", async (options) => createMemoryRequestQuota(options)],
  [
    "in Redis",
    async (options) => {
      const { redis, prefix, close } = await connectTestRedis();
      cleanups.push(close);
      return createRedisRequestQuota({ redis, prefix, ...options });
    },
  ],
];

describe.each(IMPLEMENTATIONS)("the request quota %s", (_, make) => {
  it("allows a burst of a tenth of a minute's quota, then the steady rate, per key", async () => {
    let t = 1_000_000;
    const quota = await make({ perMinute: 600, now: () => t });
    for (let i = 0; i < 60; i++) expect((await quota.take("token:a")).ok).toBe(true);
    expect(await quota.take("token:a")).toEqual({ ok: false, retryAfterMs: 100 });
    // Another principal has its own bucket.
    expect((await quota.take("user:b")).ok).toBe(true);
    t += 100; // 600 a minute is one every 100 ms
    expect((await quota.take("token:a")).ok).toBe(true);
    expect((await quota.take("token:a")).ok).toBe(false);
  });

  it("refills to the burst and no further", async () => {
    let t = 1_000_000;
    const quota = await make({ perMinute: 60, now: () => t });
    for (let i = 0; i < 10; i++) await quota.take("k");
    t += 3_600_000;
    let allowed = 0;
    while ((await quota.take("k")).ok) allowed++;
    expect(allowed).toBe(10);
  });
});
