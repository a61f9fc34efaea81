import { describe, expect, it } from "vitest";
import { createMemoryRequestQuota } from "./request-quota";

describe("the request quota", () => {
  it("allows a burst of a tenth of a minute's quota, then the steady rate, per key", () => {
    let t = 0;
    const quota = createMemoryRequestQuota({ perMinute: 600, now: () => t });
    for (let i = 0; i < 60; i++) expect(quota.take("token:a").ok).toBe(true);
    expect(quota.take("token:a")).toEqual({ ok: false, retryAfterMs: 100 });
    // Another principal has its own bucket.
    expect(quota.take("user:b").ok).toBe(true);
    t += 100; // 600 a minute is one every 100 ms
    expect(quota.take("token:a").ok).toBe(true);
    expect(quota.take("token:a").ok).toBe(false);
  });

  it("refills to the burst and no further", () => {
    let t = 0;
    const quota = createMemoryRequestQuota({ perMinute: 60, now: () => t });
    for (let i = 0; i < 10; i++) quota.take("k");
    t += 3_600_000;
    let allowed = 0;
    while (quota.take("k").ok) allowed++;
    expect(allowed).toBe(10);
  });
});
