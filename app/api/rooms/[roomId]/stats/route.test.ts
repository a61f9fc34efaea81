// GET /api/rooms/{roomId}/stats, through the real handler, against the real stand-in.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { captureLogs, call, configureConsole, disposeConsole, startStandIn } from "@/lib/testing/console-harness";
import { findCredentialLeaks } from "@/lib/testing/secrets";
import { DEMO_APP } from "@/simulator/demo-app";
import type { Simulator } from "@/simulator/server";
import { mintUserSig } from "@/simulator/usersig";
import { GET as health } from "../../../health/route";
import { GET } from "./route";

let sim: Simulator;
let logs: ReturnType<typeof captureLogs>;

const stats = (roomId: string) => call(GET, `/api/rooms/${encodeURIComponent(roomId)}/stats`, { roomId });

beforeAll(async () => {
  sim = await startStandIn({ slowMs: 9000 });
});
afterAll(async () => {
  await disposeConsole();
  await sim.close();
});
beforeEach(async () => {
  sim.setFault("demo-quiet", "none");
  logs = captureLogs();
  await configureConsole(sim);
});
afterEach(() => {
  logs.restore();
  // Whatever happened, no credential reached a log line.
  expect(findCredentialLeaks(logs.lines.join("\n"), DEMO_APP.secretKey)).toEqual([]);
});

describe("a room that is live", () => {
  it("answers the six totals with Tencent's RequestId and the time it answered", async () => {
    const before = Date.now();
    const res = await stats("demo-popular");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(Object.keys(res.body).sort()).toEqual(["fetchedAt", "requestId", "roomId", "stats"]);
    expect(res.body.roomId).toBe("demo-popular");
    expect(res.body.requestId).toMatch(/^Id-/);
    expect(Date.parse(res.body.fetchedAt)).toBeGreaterThanOrEqual(before - 5);
    const truth = sim.snapshot("demo-popular").totals!;
    expect(res.body.stats.totalViewers).toBeGreaterThan(0);
    expect(res.body.stats.totalViewers).toBeLessThanOrEqual(truth.TotalViewers);
    expect(res.body.stats.totalUniqueGiftSenders).toBeLessThanOrEqual(res.body.stats.totalGiftsSent);
  });

  it("handles a RoomId in UTF-8", async () => {
    const res = await stats("直播间-1");
    expect(res.status).toBe(200);
    expect(res.body.roomId).toBe("直播间-1");
  });

  it("shares one upstream call among concurrent lookups of one room, and reuses it for the freshness window", async () => {
    const before = sim.calls().total;
    const answers = await Promise.all(Array.from({ length: 200 }, () => stats("demo-quiet")));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.body.requestId)).size).toBe(1);
    expect((await stats("demo-quiet")).body.requestId).toBe(answers[0]!.body.requestId);
    expect(sim.calls().total - before).toBe(1);
  });

  it("retries intermittent 100001 and answers once Tencent does", async () => {
    await configureConsole(sim, { STATS_FRESHNESS_MS: "0" });
    const before = sim.calls().total;
    // About a third of the flaky room's calls fail; every lookup still answers, through retries.
    for (let i = 0; i < 10; i++) expect((await stats("demo-flaky")).status).toBe(200);
    expect(sim.calls().total - before).toBeGreaterThan(10);
  });
});

describe("invalid RoomIds are refused before any upstream call", () => {
  it.each([
    ["empty", ""],
    ["49 bytes", "a".repeat(49)],
    ["17 CJK characters (51 bytes)", "直".repeat(17)],
    ["a control character", "room\u0007id"],
    // /rooms/%20: a blank RoomId is refused like any other space, never sent upstream.
    ["a single space", " "],
    ["spaces only", "   "],
  ])("%s", async (_label, roomId) => {
    const before = sim.calls().total;
    const res = await stats(roomId);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_room_id");
    expect(res.body.error.message).toMatch(/RoomId/);
    expect(sim.calls().total).toBe(before);
  });
});

describe("RoomIds Tencent refuses", () => {
  it("400 invalid_room_id for Tencent's 100002, not retried", async () => {
    sim.setFault("demo-quiet", "invalid_params");
    const before = sim.calls().total;
    const res = await stats("demo-quiet");
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "invalid_room_id", upstreamCode: 100002, requestId: expect.stringMatching(/^Id-/) });
    expect(sim.calls().total - before).toBe(1);
  });
});

describe("rooms that do not exist", () => {
  it("404 for an unknown room, with Tencent's code and RequestId", async () => {
    const res = await stats("no-such-room");
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: "room_not_found", upstreamCode: 100004, requestId: expect.stringMatching(/^Id-/) });
    expect(res.body.error.message).toMatch(/does not exist or has been dismissed/);
  });

  it("404 for a room that has ended", async () => {
    const res = await stats("demo-ended");
    expect(res.status).toBe(404);
    expect(res.body.error.upstreamCode).toBe(100004);
  });
});

describe("upstream failures never come back as 200", () => {
  it("502 for an HTML error page from a gateway", async () => {
    const res = await stats("demo-html502");
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: "upstream_error", reason: "http_status", upstreamStatus: 502 });
    // Said in words a person can act on, not the gateway's page.
    expect(res.body.error.message).toMatch(/HTTP 502.*gateway or proxy/);
    expect(res.text).not.toMatch(/<html/i);
  });

  it("502 for a truncated JSON answer", async () => {
    const res = await stats("demo-truncated");
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: "upstream_error", reason: "bad_body" });
    expect(res.body.error).not.toHaveProperty("upstreamStatus");
    expect(res.body.error.message).toMatch(/cut off/);
  });

  it("502 when the connection drops without an answer", async () => {
    const res = await stats("demo-down");
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: "upstream_error", reason: "network" });
    expect(res.body.error.message).toMatch(/could not connect to Tencent/);
    // Three failures, three different sentences.
    const messages = await Promise.all(["demo-html502", "demo-truncated", "demo-down"].map(async (room) => (await stats(room)).body.error.message));
    expect(new Set(messages).size).toBe(3);
  });

  it("504 when Tencent does not answer in time", async () => {
    const started = Date.now();
    const res = await stats("demo-slow");
    expect(res.status).toBe(504);
    expect(res.body.error.code).toBe("upstream_timeout");
    // One overall deadline, not a timeout per retry stacked up.
    expect(Date.now() - started).toBeLessThan(9500);
  });

  it("429 with Retry-After when Tencent keeps reporting its rate limit", async () => {
    sim.setFault("demo-quiet", "rate_limit_storm");
    const before = sim.calls().total;
    const started = Date.now();
    const res = await stats("demo-quiet");
    // Retried after slowing down (the whole process held off), then given up inside the deadline.
    expect(sim.calls().total - before).toBeGreaterThan(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({ code: "rate_limited", upstreamCode: 60007 });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});

describe("the upstream budget", () => {
  it("refuses what would exceed it with 429 and Retry-After, and Tencent never sees the excess", async () => {
    await configureConsole(sim, { TENCENT_RATE_LIMIT: "5", STATS_FRESHNESS_MS: "0" });
    const before = sim.calls();
    const rooms = sim.roomIds().filter((r) => r.startsWith("live-")).slice(0, 40);
    const answers = await Promise.all(rooms.map((r) => stats(r)));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const a of limited) {
      expect(a.body.error.code).toBe("rate_limited");
      expect(a.body.error.upstreamCode).toBeUndefined();
      expect(Number(a.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    const after = sim.calls();
    // 5/s less the 15 % headroom is 4/s; with a wait of at most 2 s about 4 + 2 * 4 calls reached
    // Tencent, never a refusal.
    expect(after.total - before.total).toBeLessThanOrEqual(16);
    expect(after.rejectedRateLimit).toBe(before.rejectedRateLimit);
  });

  it("holds where Tencent counts, at arrival: a 600-lookup burst over 300 rooms through a jittery network", async () => {
    // Calls reach this stand-in up to 80 ms late, each by its own delay, and it counts them when
    // they arrive: calls sent evenly arrive bunched, as over a real network.
    const jittery = await startStandIn({ rooms: 320, jitterMs: 80 });
    try {
      await configureConsole(jittery);
      const rooms = jittery.roomIds().filter((r) => r.startsWith("live-")).slice(0, 300);
      expect(rooms).toHaveLength(300);
      const answers = await Promise.all([...rooms, ...rooms].map((r) => stats(r)));
      const calls = jittery.calls();
      expect(calls.busiestSecond).toBeLessThanOrEqual(100);
      expect(calls.rejectedRateLimit).toBe(0);
      // The budget was spent (two seconds' worth answered), and what it could not cover the console
      // refused itself, never Tencent.
      expect(answers.filter((a) => a.status !== 429).length).toBeGreaterThan(150);
      for (const a of answers) {
        if (a.status === 429) expect(a.body.error.upstreamCode).toBeUndefined();
        else expect([200, 404]).toContain(a.status);
      }
    } finally {
      await jittery.close();
    }
  });
});

describe("credential problems", () => {
  it("500 misconfigured for a wrong key, without a word about the credential", async () => {
    const wrongKey = "0".repeat(64);
    await configureConsole(sim, { TENCENT_SECRET_KEY: wrongKey });
    const res = await stats("demo-popular");
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe("misconfigured");
    expect(res.body.error.message).toMatch(/Contact whoever runs this console/);
    expect(res.text).not.toMatch(/usersig|secret|key|TLS\./i);
    expect(logs.lines.join("\n")).not.toContain(wrongKey);
    // Logged loudly for whoever runs the console.
    expect(logs.lines.some((l) => l.includes('"level":"error"') && l.includes(String(res.body.error.upstreamCode)))).toBe(true);
    const h = await call(health, "/api/health", {});
    expect(h.body.credential).toMatchObject({ mode: "secret_key", status: "rejected", lastErrorCode: res.body.error.upstreamCode });
  });

  it("500 misconfigured when the account is not an App administrator", async () => {
    await configureConsole(sim, { TENCENT_ADMIN_USERID: "support-bot" });
    const before = sim.calls().total;
    const res = await stats("demo-popular");
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({ code: "misconfigured", upstreamCode: 60010 });
    expect(sim.calls().total - before).toBe(1);
  });

  it("500 misconfigured for an expired ready-made UserSig (nothing to renew it with)", async () => {
    const expired = mintUserSig({
      sdkAppId: DEMO_APP.sdkAppId,
      secretKey: DEMO_APP.secretKey,
      identifier: "administrator",
      nowSeconds: Math.floor(Date.now() / 1000) - 3 * 86400,
      expireSeconds: 86400,
    });
    await configureConsole(sim, { TENCENT_SECRET_KEY: undefined, TENCENT_USERSIG: expired });
    const res = await stats("demo-popular");
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({ code: "misconfigured", upstreamCode: 70001 });
    expect(findCredentialLeaks(res.text, DEMO_APP.secretKey)).toEqual([]);
    expect(res.text).not.toContain(expired);
    const h = await call(health, "/api/health", {});
    expect(h.body.credential).toMatchObject({ mode: "usersig", status: "rejected" });
  });

  it("a ready-made UserSig with under a day left still works, and health warns of it", async () => {
    const expiring = mintUserSig({
      sdkAppId: DEMO_APP.sdkAppId,
      secretKey: DEMO_APP.secretKey,
      identifier: "administrator",
      nowSeconds: Math.floor(Date.now() / 1000) - 80_000,
      expireSeconds: 86_400,
    });
    await configureConsole(sim, { TENCENT_SECRET_KEY: undefined, TENCENT_USERSIG: expiring });
    expect((await stats("demo-quiet")).status).toBe(200);
    const h = await call(health, "/api/health", {});
    expect(h.body.credential).toMatchObject({ mode: "usersig", status: "expiring" });
    expect(Date.parse(h.body.credential.expiresAt) - Date.now()).toBeLessThan(86_400_000);
    expect(h.text).not.toContain(expiring);
    expect(logs.lines.some((l) => l.includes('"level":"warn"') && l.includes("TENCENT_USERSIG expires in under a day"))).toBe(true);
  });

  it("health reports a working credential from real traffic and never calls Tencent itself", async () => {
    const before = sim.calls().total;
    const idle = await call(health, "/api/health", {});
    expect(idle.status).toBe(200);
    expect(idle.body).toMatchObject({ status: "ok", freshnessMs: 1000 });
    expect(idle.body.credential).toMatchObject({ mode: "secret_key", status: "unknown", lastCheckedAt: null });
    expect(sim.calls().total).toBe(before);
    await stats("demo-quiet");
    const after = await call(health, "/api/health", {});
    expect(after.body.credential.status).toBe("ok");
    expect(after.text).not.toContain(DEMO_APP.secretKey);
  });
});
