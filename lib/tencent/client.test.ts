// The upstream client against the stand-in: retry policy, UserSig renewal, budget per attempt.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenBucket, type UpstreamBudget } from "@/lib/upstream/budget";
import { DEMO_APP } from "@/simulator/demo-app";
import { createSimulator, type Simulator } from "@/simulator/server";
import { createTencentClient, randomUint32, type TencentClientOptions } from "./client";
import { createMintingProvider, type UserSigProvider } from "./credential";
import { genUserSig } from "./usersig";
import type { UpstreamError } from "./errors";

let sim: Simulator;
beforeAll(async () => {
  sim = await createSimulator({ port: 0, seed: 11 });
});
afterAll(() => sim.close());

const identity = { sdkAppId: DEMO_APP.sdkAppId, identifier: "administrator" };

function client(overrides: Partial<TencentClientOptions> = {}) {
  return createTencentClient({
    baseUrl: sim.url,
    ...identity,
    userSig: createMintingProvider({ ...identity, secretKey: DEMO_APP.secretKey }),
    budget: createTokenBucket({ ratePerSecond: 100 }),
    ...overrides,
  });
}

/** A budget that counts the tokens taken. */
function countingBudget(): UpstreamBudget & { taken: number } {
  const inner = createTokenBucket({ ratePerSecond: 100 });
  const budget = {
    taken: 0,
    acquire: async (ms: number) => {
      budget.taken++;
      await inner.acquire(ms);
    },
    holdOff: (ms: number) => inner.holdOff(ms),
  };
  return budget;
}

const callsTo = async (fn: () => Promise<unknown>) => {
  const before = sim.calls().total;
  const outcome = await fn().catch((e: UpstreamError) => e);
  return { outcome, calls: sim.calls().total - before };
};

describe("Tencent client", () => {
  it("mints a new UserSig and retries once when Tencent says the current one expired", async () => {
    let renewals = 0;
    const now = Math.floor(Date.now() / 1000);
    const expired = genUserSig({ ...identity, time: now - 3 * 86400, expire: 86400 }, DEMO_APP.secretKey);
    const fresh = genUserSig({ ...identity, time: now, expire: 86400 }, DEMO_APP.secretKey);
    const provider: UserSigProvider = {
      mode: "secret_key",
      current: () => (renewals === 0 ? expired : fresh),
      renew: () => (renewals++, true),
      expiresAtMs: () => 0,
    };
    const { outcome, calls } = await callsTo(() => client({ userSig: provider }).getRoomStats("demo-quiet"));
    expect(outcome).toMatchObject({ stats: { totalViewers: expect.any(Number) }, requestId: expect.stringMatching(/^Id-/) });
    expect(renewals).toBe(1);
    expect(calls).toBe(2);
  });

  it("does not retry a signature Tencent cannot verify", async () => {
    const provider = createMintingProvider({ ...identity, secretKey: "f".repeat(64) });
    const { outcome, calls } = await callsTo(() => client({ userSig: provider }).getRoomStats("demo-quiet"));
    expect(outcome).toMatchObject({ kind: "misconfigured" });
    expect(calls).toBe(1);
  });

  it("mints a new UserSig only once when Tencent keeps saying it expired", async () => {
    let renewals = 0;
    const expired = genUserSig({ ...identity, time: Math.floor(Date.now() / 1000) - 3 * 86400, expire: 86400 }, DEMO_APP.secretKey);
    const provider: UserSigProvider = { mode: "secret_key", current: () => expired, renew: () => (renewals++, true), expiresAtMs: () => 0 };
    const { outcome, calls } = await callsTo(() => client({ userSig: provider }).getRoomStats("demo-quiet"));
    expect(outcome).toMatchObject({ kind: "misconfigured", errorCode: 70001 });
    expect(renewals).toBe(1);
    expect(calls).toBe(2);
  });

  it("does not start an attempt that could not be answered before the deadline", async () => {
    // The first attempt times out after 5 s against a 6 s deadline: a second would have 1 s, less
    // than Tencent may take, so the caller hears "timeout" at once instead of after another try.
    const slow = await createSimulator({ port: 0, seed: 11, slowMs: 5500 });
    try {
      const started = Date.now();
      const c = createTencentClient({
        baseUrl: slow.url,
        ...identity,
        userSig: createMintingProvider({ ...identity, secretKey: DEMO_APP.secretKey }),
        budget: createTokenBucket({ ratePerSecond: 100 }),
        deadlineMs: 6000,
      });
      const outcome = await c.getRoomStats("demo-slow").catch((e: UpstreamError) => e);
      expect(outcome).toMatchObject({ kind: "timeout" });
      expect(slow.calls().total).toBe(1);
      expect(Date.now() - started).toBeLessThan(5800);
    } finally {
      await slow.close();
    }
  });

  it("never retries a room that does not exist", async () => {
    const { outcome, calls } = await callsTo(() => client().getRoomStats("nobody-here"));
    expect(outcome).toMatchObject({ kind: "not_found", errorCode: 100004, requestId: expect.stringMatching(/^Id-/) });
    expect(calls).toBe(1);
  });

  it("takes a budget token for every attempt, retries included", async () => {
    const budget = countingBudget();
    const { calls } = await callsTo(() => client({ budget }).getRoomStats("demo-html502"));
    expect(calls).toBeGreaterThan(1);
    expect(budget.taken).toBe(calls);
  });

  it("keeps retries inside one overall deadline", async () => {
    const started = Date.now();
    const { outcome } = await callsTo(() => client({ deadlineMs: 1500, minAttemptMs: 100 }).getRoomStats("demo-html502"));
    expect(outcome).toMatchObject({ kind: "upstream", httpStatus: 502 });
    expect(Date.now() - started).toBeLessThan(1700);
  });

  it("draws random from the whole unsigned 32-bit range", () => {
    const draws = Array.from({ length: 20_000 }, randomUint32);
    expect(draws.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff)).toBe(true);
    // Each quarter of the range gets about a quarter of the draws (Math.random()*1e9 would fill one).
    const quarters = [0, 0, 0, 0];
    for (const n of draws) quarters[Math.floor(n / 2 ** 30)]!++;
    for (const q of quarters) expect(q / draws.length).toBeGreaterThan(0.22);
    expect(new Set(draws).size).toBeGreaterThan(19_900);
  });
});
