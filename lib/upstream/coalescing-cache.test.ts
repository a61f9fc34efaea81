import { describe, expect, it } from "vitest";
import { UpstreamError, type UpstreamErrorData } from "@/lib/tencent/errors";
import { createMemoryCoalescingCache } from "./coalescing-cache";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("coalescing cache", () => {
  it("shares one load among concurrent callers of one key", async () => {
    const cache = createMemoryCoalescingCache<number>({ freshnessMs: 1000 });
    const gate = deferred<number>();
    let loads = 0;
    const load = () => {
      loads++;
      return gate.promise;
    };
    const callers = Array.from({ length: 1000 }, () => cache.get("room-a", load));
    gate.resolve(42);
    expect(await Promise.all(callers)).toEqual(Array(1000).fill(42));
    expect(loads).toBe(1);
  });

  it("keeps keys apart", async () => {
    const cache = createMemoryCoalescingCache<string>({ freshnessMs: 1000 });
    const [a, b] = await Promise.all([cache.get("a", async () => "A"), cache.get("b", async () => "B")]);
    expect([a, b]).toEqual(["A", "B"]);
  });

  it("reuses an outcome for the freshness window, then loads again", async () => {
    const cache = createMemoryCoalescingCache<number>({ freshnessMs: 60 });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get("k", load)).toBe(1);
    expect(await cache.get("k", load)).toBe(1);
    await sleep(80);
    expect(await cache.get("k", load)).toBe(2);
  });

  it("shares and reuses failures so an outage is not amplified", async () => {
    const cache = createMemoryCoalescingCache<number>({ freshnessMs: 1000 });
    let loads = 0;
    const load = async () => {
      loads++;
      throw new Error("upstream down");
    };
    const results = await Promise.allSettled([cache.get("k", load), cache.get("k", load)]);
    await expect(cache.get("k", load)).rejects.toThrow("upstream down");
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(loads).toBe(1);
  });

  it("with no freshness window still coalesces but never reuses", async () => {
    const cache = createMemoryCoalescingCache<number>({ freshnessMs: 0 });
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get("k", load), cache.get("k", load)]);
    expect([a, b]).toEqual([1, 1]);
    expect(await cache.get("k", load)).toBe(2);
  });

  it("keeps a failure as plain data and gives every later caller of the window the same error back", async () => {
    const cache = createMemoryCoalescingCache<number, UpstreamErrorData>({
      freshnessMs: 1000,
      failures: { encode: (e) => (UpstreamError.is(e) ? e.toData() : null), decode: (data) => UpstreamError.fromData(data) },
    });
    let loads = 0;
    const load = async () => {
      loads++;
      throw new UpstreamError("Tencent answered 100004", { kind: "not_found", errorCode: 100004, requestId: "Id-1" });
    };
    await expect(cache.get("k", load)).rejects.toThrow("Tencent answered 100004");
    const reused = await cache.get("k", load).catch((e: unknown) => e);
    expect(UpstreamError.is(reused)).toBe(true);
    expect(reused).toMatchObject({ kind: "not_found", code: "room_not_found", errorCode: 100004, requestId: "Id-1" });
    // Plain data survives a round trip through JSON, as a cache in another process would hold it.
    expect(JSON.parse(JSON.stringify((reused as UpstreamError).toData()))).toMatchObject({ kind: "not_found", errorCode: 100004 });
    expect(loads).toBe(1);
  });

  it("does not reuse a failure its codec cannot keep", async () => {
    const cache = createMemoryCoalescingCache<number, UpstreamErrorData>({ freshnessMs: 1000, failures: { encode: () => null, decode: (d) => UpstreamError.fromData(d) } });
    let loads = 0;
    const load = async () => {
      loads++;
      throw new TypeError("a bug");
    };
    await expect(cache.get("k", load)).rejects.toThrow("a bug");
    await expect(cache.get("k", load)).rejects.toThrow("a bug");
    expect(loads).toBe(2);
  });
});
