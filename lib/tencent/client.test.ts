// The upstream client against the stand-in: retry policy, UserSig renewal, budget per attempt.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenBucket, type UpstreamBudget } from "@/lib/upstream/budget";
import { DEMO_APP } from "@/simulator/demo-app";
import { createSimulator, type Simulator } from "@/simulator/server";
import { createTencentClient, parseRoomInfo, parseRoomList, randomUint32, type TencentClientOptions } from "./client";
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

describe("get_room_info", () => {
  it("reads the room's details, CreateTime as the room's real start", async () => {
    const answer = await client().getRoomInfo("demo-popular");
    expect(answer.info).toMatchObject({ roomId: "demo-popular", name: "Friday live show", maxMembers: 1000, messagesDisabled: expect.any(Boolean) });
    expect(answer.info.createdAt).toBe(new Date(Math.floor(sim.snapshot("demo-popular").startedAt / 1000) * 1000).toISOString());
    expect(["free", "apply"]).toContain(answer.info.takeSeatMode);
    expect(answer.info.coverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__sim\/covers\//);
    expect(answer.requestId).toMatch(/^Id-/);
  });

  it("takes its tokens from its own budget, not get_room_stats'", async () => {
    const stats = countingBudget();
    const info = countingBudget();
    await client({ budget: stats, budgets: { get_room_info: info } }).getRoomInfo("demo-quiet");
    expect([stats.taken, info.taken]).toEqual([0, 1]);
  });

  it("follows the same error rules: an ended room is not found, at once", async () => {
    const before = sim.calls().byApi.get_room_info;
    const outcome = await client().getRoomInfo("demo-ended").catch((e: UpstreamError) => e);
    expect(outcome).toMatchObject({ kind: "not_found", errorCode: 100004 });
    expect(sim.calls().byApi.get_room_info - before).toBe(1);
  });

  it("accepts TakeSeatMode as a string or as the older integer, and needs RoomId and CreateTime", () => {
    const base = { RoomId: "r", CreateTime: 1_750_000_000 };
    expect(parseRoomInfo({ RoomInfo: { ...base, TakeSeatMode: 1 } })?.takeSeatMode).toBe("free");
    expect(parseRoomInfo({ RoomInfo: { ...base, TakeSeatMode: 2 } })?.takeSeatMode).toBe("apply");
    expect(parseRoomInfo({ RoomInfo: { ...base, TakeSeatMode: "ApplyToTake" } })?.takeSeatMode).toBe("apply");
    expect(parseRoomInfo({ RoomInfo: { ...base, TakeSeatMode: "Other" } })?.takeSeatMode).toBeNull();
    expect(parseRoomInfo({ RoomInfo: base })).toMatchObject({ name: "", owner: "", coverUrl: "", createdAt: "2025-06-15T15:06:40.000Z", seatsEnabled: null });
    expect(parseRoomInfo({ RoomInfo: { RoomId: "r" } })).toBeNull();
    expect(parseRoomInfo({})).toBeNull();
  });
});

describe("get_room_list", () => {
  it("pages through the live rooms with Next", async () => {
    const c = client();
    const first = await c.getRoomList("", 20);
    expect(first.rooms).toHaveLength(20);
    expect(first.next).not.toBe("");
    const second = await c.getRoomList(first.next, 20);
    const ids = new Set([...first.rooms, ...second.rooms].map((r) => r.roomId));
    expect(ids.size).toBe(first.rooms.length + second.rooms.length);
    expect(first.rooms[0]!.viewCount).toBeGreaterThanOrEqual(first.rooms[19]!.viewCount);
  });

  it("refuses a page larger than Tencent's 20 before calling", async () => {
    const before = sim.calls().byApi.get_room_list;
    await expect(client().getRoomList("", 21)).rejects.toThrow(RangeError);
    expect(sim.calls().byApi.get_room_list).toBe(before);
  });

  it("treats Tencent's rate-limit answer as a rate limit, and holds off its own budget", async () => {
    const limited = await createSimulator({ port: 0, seed: 11, listRateLimit: 1 });
    try {
      const list = countingBudget();
      const holds: number[] = [];
      const c = createTencentClient({
        baseUrl: limited.url,
        ...identity,
        userSig: createMintingProvider({ ...identity, secretKey: DEMO_APP.secretKey }),
        budget: createTokenBucket({ ratePerSecond: 100 }),
        budgets: { get_room_list: { ...list, acquire: list.acquire, holdOff: (ms: number) => void holds.push(ms) } },
        deadlineMs: 1200,
        minAttemptMs: 100,
      });
      // Three at once against 1 a second: at most two can land in two different seconds.
      const outcomes = await Promise.all([1, 2, 3].map(() => c.getRoomList("", 5).catch((e: UpstreamError) => e)));
      expect(outcomes).toContainEqual(expect.objectContaining({ kind: "rate_limited", errorCode: 60007 }));
      expect(holds.length).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it("reads a page, and refuses one without Next", () => {
    expect(parseRoomList({ Next: "", RoomList: [{ RoomId: "a", CreateTime: 1_750_000_000, ViewCount: 3 }] })).toEqual({
      next: "",
      rooms: [{ roomId: "a", name: "", owner: "", coverUrl: "", createdAt: "2025-06-15T15:06:40.000Z", viewCount: 3 }],
    });
    expect(parseRoomList({ RoomList: [] })).toBeNull();
  });
});
