// The sign-in throttle's rules, held by both implementations: in memory (one console) and in a real
// Redis (a fleet), on the same clock. ./redis-limits.test.ts has what only the fleet's has.
import { afterEach, describe, expect, it } from "vitest";
import { connectTestRedis } from "@/lib/testing/redis";
import { createRedisSignInThrottle } from "./redis-limits";
import { createMemorySignInThrottle, type SignInThrottle } from "./sign-in-throttle";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Make = (options: { now: () => number }) => Promise<SignInThrottle>;

const IMPLEMENTATIONS: [string, Make][] = [
  ["in memory", async (options) => createMemorySignInThrottle(options)],
  [
    "in Redis",
    async (options) => {
      const { redis, prefix, close } = await connectTestRedis();
      cleanups.push(close);
      return createRedisSignInThrottle({ redis, prefix, ...options });
    },
  ],
];

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe.each(IMPLEMENTATIONS)("the sign-in throttle %s", (_, make) => {
  it("lets four failures pass, then makes each next attempt wait twice as long", async () => {
    const c = clock();
    const throttle = await make({ now: c.now });
    for (let i = 0; i < 4; i++) {
      expect((await throttle.check("ana@example.com", "10.0.0.1")).ok).toBe(true);
      await throttle.failed("ana@example.com", "10.0.0.1");
    }
    expect((await throttle.check("ana@example.com", "10.0.0.1")).ok).toBe(true);
    await throttle.failed("ana@example.com", "10.0.0.1");
    expect(await throttle.check("ana@example.com", "10.0.0.1")).toEqual({ ok: false, retryAfterMs: 15_000 });
    c.advance(15_000);
    await throttle.failed("ana@example.com", "10.0.0.1");
    expect(await throttle.check("ana@example.com", "10.0.0.1")).toEqual({ ok: false, retryAfterMs: 30_000 });
  });

  it("keys an account by its normalised email, whether or not it exists, from any address", async () => {
    const throttle = await make({ now: clock().now });
    for (let i = 0; i < 5; i++) await throttle.failed(` Nobody@Example.com `, `10.0.0.${i}`);
    expect((await throttle.check("nobody@example.com", "10.9.9.9")).ok).toBe(false);
    expect((await throttle.check("someone-else@example.com", "10.9.9.9")).ok).toBe(true);
  });

  it("gives an address more room than an account, then throttles every email from it", async () => {
    const throttle = await make({ now: clock().now });
    for (let i = 0; i < 20; i++) await throttle.failed(`user${i}@example.com`, "10.0.0.1");
    expect((await throttle.check("fresh@example.com", "10.0.0.1")).ok).toBe(true);
    await throttle.failed("user20@example.com", "10.0.0.1");
    expect((await throttle.check("fresh@example.com", "10.0.0.1")).ok).toBe(false);
    expect((await throttle.check("fresh@example.com", "10.0.0.2")).ok).toBe(true);
  });

  it("starts over after a success, and forgets old failures", async () => {
    const c = clock();
    const throttle = await make({ now: c.now });
    for (let i = 0; i < 4; i++) await throttle.failed("ana@example.com", null);
    await throttle.succeeded("ana@example.com");
    await throttle.failed("ana@example.com", null);
    expect((await throttle.check("ana@example.com", null)).ok).toBe(true);
    for (let i = 0; i < 4; i++) await throttle.failed("bo@example.com", null);
    c.advance(31 * 60_000);
    await throttle.failed("bo@example.com", null);
    expect((await throttle.check("bo@example.com", null)).ok).toBe(true);
  });

  it("never waits more than 15 minutes", async () => {
    const c = clock();
    const throttle = await make({ now: c.now });
    for (let i = 0; i < 40; i++) await throttle.failed("ana@example.com", null);
    const check = await throttle.check("ana@example.com", null);
    expect(check).toEqual({ ok: false, retryAfterMs: 15 * 60_000 });
  });
});
