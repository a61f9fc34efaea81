import { describe, expect, it } from "vitest";
import { healthResponseSchema, overviewResponseSchema, roomHistoryResponseSchema, roomStatsResponseSchema, watchlistResponseSchema } from "./api";

describe("the API contract", () => {
  it("validates the health answer", () => {
    const good = {
      status: "ok",
      problems: [],
      simulated: true,
      freshnessMs: 1000,
      history: { storeOk: true, storeError: null, storeErrorAt: null, heldSamples: 0, droppedSamples: 0, recorder: { running: true, rooms: 3, cadenceSeconds: 10 } },
      credential: { mode: "usersig", status: "expiring", expiresAt: "2025-01-16T00:00:00Z", lastCheckedAt: null, lastErrorCode: null },
      cluster: null,
      alerts: {
        evaluator: { running: true, failing: false, lastCycleAt: "2025-01-15T12:00:00.000Z", lastCycleMs: 4.2, rules: 2, pairs: 7 },
        outbox: { pending: 1, oldestPendingAt: "2025-01-15T11:59:50.000Z", givenUp: 0, checkedAt: "2025-01-15T12:00:00.000Z" },
        lastFailure: { error: "http_503", at: "2025-01-15T11:59:55.000Z" },
      },
    };
    expect(healthResponseSchema.safeParse(good).success).toBe(true);
    expect(healthResponseSchema.safeParse({ ...good, status: "degraded", problems: ["alerts_failing", "notifications_delayed"] }).success).toBe(true);
    expect(healthResponseSchema.safeParse({ ...good, alerts: { ...good.alerts, outbox: null, lastFailure: null } }).success).toBe(true);
    expect(healthResponseSchema.safeParse({ ...good, alerts: undefined }).success).toBe(false);
    expect(healthResponseSchema.safeParse({ ...good, status: "degraded", problems: ["redis_unreachable"], cluster: { redis: "local", instances: 3 } }).success).toBe(true);
    expect(healthResponseSchema.safeParse({ ...good, cluster: { redis: "down", instances: 3 } }).success).toBe(false);
    expect(healthResponseSchema.safeParse({ ...good, simulated: "yes" }).success).toBe(false);
    expect(healthResponseSchema.safeParse({ ...good, status: "degraded", problems: ["storage_failing"] }).success).toBe(true);
    expect(healthResponseSchema.safeParse({ ...good, problems: ["on_fire"] }).success).toBe(false);
  });

  it("validates the room stats answer", () => {
    const good = {
      roomId: "abc",
      stats: {
        totalViewers: 1,
        totalGiftsSent: 2,
        totalGiftCoins: 3,
        totalUniqueGiftSenders: 4,
        totalLikesReceived: 5,
        totalMsgCount: 6,
      },
      requestId: "req",
      fetchedAt: "2025-01-15T12:00:00.000Z",
    };
    expect(roomStatsResponseSchema.safeParse(good).success).toBe(true);
    expect(roomStatsResponseSchema.safeParse({ ...good, stats: { ...good.stats, totalViewers: "1" } }).success).toBe(false);
  });

  it("validates the watchlist and overview answers", () => {
    expect(watchlistResponseSchema.safeParse({ rooms: [{ roomId: "a", status: "live", lastSampleAt: null, endedAt: null }] }).success).toBe(true);
    const row = {
      roomId: "a",
      status: "error",
      error: { code: "upstream_timeout", upstreamCode: null, at: "2026-11-25T18:00:00.000Z" },
      lastSampleAt: "2026-11-25T18:00:00.000Z",
      totals: { totalViewers: 1, totalGiftsSent: 2, totalGiftCoins: 3, totalUniqueGiftSenders: 4, totalLikesReceived: 5, totalMsgCount: 6 },
      ratesPerMinute: { totalViewers: 1, totalGiftsSent: null, totalGiftCoins: 0, totalUniqueGiftSenders: 0, totalLikesReceived: 2, totalMsgCount: 3 },
      sparkline: [{ t: "2026-11-25T18:00:00.000Z", v: null }],
    };
    expect(overviewResponseSchema.safeParse({ rooms: [row] }).success).toBe(true);
    expect(overviewResponseSchema.safeParse({ rooms: [{ ...row, status: "gone" }] }).success).toBe(false);
  });

  it("validates the room history answer", () => {
    const good = {
      roomId: "a",
      status: "unknown",
      firstSampleAt: null,
      lastSampleAt: null,
      endedAt: null,
      createdAt: null,
      cadenceSeconds: null,
      sampleCount: 0,
      samples: [],
      rateWindow: "5m",
      rates: [],
      gaps: [],
    };
    expect(roomHistoryResponseSchema.safeParse(good).success).toBe(true);
    expect(roomHistoryResponseSchema.safeParse({ ...good, status: "gone" }).success).toBe(false);
    expect(roomHistoryResponseSchema.safeParse({ ...good, rateWindow: "10m" }).success).toBe(false);
  });
});
