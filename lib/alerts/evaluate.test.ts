import { describe, expect, it } from "vitest";
import { alertConditionSchema, type AlertCondition } from "@/lib/contract/alerts";
import type { RoomStats } from "@/lib/contract/stats";
import { roomStats } from "@/lib/testing/fixtures";
import { evaluateCondition, lookbackMs, type EvaluationContext, type RoomFacts } from "./evaluate";

const CADENCE = 5_000;
const NOW = 3_600_000;
const ctx: EvaluationContext = { now: NOW, cadenceMs: CADENCE, credential: "ok" };

/** Samples every cadence over the last `minutes` up to NOW, each counter at `count(t)`. */
function recorded(minutes: number, count: (t: number) => Partial<RoomStats>): RoomFacts {
  const samples = [];
  for (let t = NOW - minutes * 60_000; t <= NOW; t += CADENCE) samples.push({ t, stats: roomStats(count(t)) });
  return { samples, status: "live", lastSampleAt: samples.at(-1)!.t, trackedSince: samples[0]!.t, lastFailureAt: null };
}

const condition = (input: unknown): AlertCondition => alertConditionSchema.parse(input);

describe("evaluateCondition", () => {
  it("compares the latest total with the threshold", () => {
    const room = recorded(1, () => ({ totalViewers: 500 }));
    expect(evaluateCondition(condition({ kind: "total", key: "totalViewers", op: "above", threshold: 499 }), room, ctx)).toEqual({ outcome: "breach", value: 500 });
    expect(evaluateCondition(condition({ kind: "total", key: "totalViewers", op: "above", threshold: 500 }), room, ctx).outcome).toBe("ok");
    expect(evaluateCondition(condition({ kind: "total", key: "totalViewers", op: "below", threshold: 501 }), room, ctx).outcome).toBe("breach");
  });

  it("has no data when the latest reading is not current", () => {
    const room = recorded(5, () => ({}));
    const stale = { ...ctx, now: NOW + 3 * CADENCE + 1 };
    expect(evaluateCondition(condition({ kind: "total", key: "totalViewers", op: "above", threshold: 0 }), room, stale)).toEqual({ outcome: "no_data", value: null });
    expect(evaluateCondition(condition({ kind: "total", key: "totalViewers", op: "above", threshold: 0 }), { ...room, samples: [] }, ctx).outcome).toBe("no_data");
  });

  it("judges a per-minute rate over its window", () => {
    // 120 messages a minute.
    const room = recorded(10, (t) => ({ totalMsgCount: Math.floor(t / 500) }));
    const rate = condition({ kind: "rate", key: "totalMsgCount", window: "5m", op: "below", threshold: 150 });
    expect(evaluateCondition(rate, room, ctx)).toEqual({ outcome: "breach", value: 120 });
    expect(evaluateCondition(condition({ kind: "rate", key: "totalMsgCount", window: "5m", op: "below", threshold: 100 }), room, ctx).outcome).toBe("ok");
  });

  it("has no data for a rate whose window is not yet observed", () => {
    const room = recorded(3, (t) => ({ totalMsgCount: Math.floor(t / 500) }));
    expect(evaluateCondition(condition({ kind: "rate", key: "totalMsgCount", window: "5m", op: "below", threshold: 150 }), room, ctx).outcome).toBe("no_data");
  });

  it("finds a drop of the rate from its peak within the window", () => {
    // 120 messages a minute until 2 minutes ago, then 30 a minute: 75 % below the peak.
    const change = NOW - 2 * 60_000;
    const start = NOW - 20 * 60_000;
    const monotonic = recorded(20, (t) => ({ totalMsgCount: t <= change ? ((t - start) / 60_000) * 120 : ((change - start) / 60_000) * 120 + ((t - change) / 60_000) * 30 }));
    const drop = condition({ kind: "drop", key: "totalMsgCount", percent: 50, withinMs: 10 * 60_000 });
    const result = evaluateCondition(drop, monotonic, ctx);
    expect(result.outcome).toBe("breach");
    expect(result.value).toBe(75);
    expect(evaluateCondition(condition({ kind: "drop", key: "totalMsgCount", percent: 80, withinMs: 10 * 60_000 }), monotonic, ctx).outcome).toBe("ok");
  });

  it("does not call a room that was quiet all along a drop", () => {
    const room = recorded(10, () => ({}));
    expect(evaluateCondition(condition({ kind: "drop", key: "totalGiftCoins", percent: 10, withinMs: 300_000 }), room, ctx)).toEqual({ outcome: "ok", value: 0 });
  });

  it("fires 'ended' for an ended room, and clears figure conditions there rather than going to no data", () => {
    const ended: RoomFacts = { ...recorded(1, () => ({})), status: "ended", samples: [] };
    expect(evaluateCondition(condition({ kind: "ended" }), ended, ctx).outcome).toBe("breach");
    expect(evaluateCondition(condition({ kind: "ended" }), recorded(1, () => ({})), ctx).outcome).toBe("ok");
    expect(evaluateCondition(condition({ kind: "rate", key: "totalMsgCount", window: "1m", op: "below", threshold: 10 }), ended, ctx).outcome).toBe("ok");
  });

  it("fires 'stale' after N cadences without a sample, counting from when recording began if none came", () => {
    const room = recorded(1, () => ({}));
    const stale = condition({ kind: "stale", cadences: 4 });
    expect(evaluateCondition(stale, room, { ...ctx, now: NOW + 4 * CADENCE }).outcome).toBe("ok");
    expect(evaluateCondition(stale, room, { ...ctx, now: NOW + 4 * CADENCE + 1 })).toEqual({ outcome: "breach", value: 20 });
    const never: RoomFacts = { samples: [], status: "unknown", lastSampleAt: null, trackedSince: NOW - 60_000, lastFailureAt: NOW - 1000 };
    expect(evaluateCondition(stale, never, ctx).outcome).toBe("breach");
    expect(evaluateCondition(stale, { ...never, trackedSince: null }, ctx).outcome).toBe("no_data");
  });

  it("follows the credential's known state", () => {
    const room = recorded(1, () => ({}));
    const credential = condition({ kind: "credential" });
    expect(evaluateCondition(credential, room, { ...ctx, credential: "rejected" }).outcome).toBe("breach");
    expect(evaluateCondition(credential, room, { ...ctx, credential: "expired" }).outcome).toBe("breach");
    expect(evaluateCondition(credential, room, { ...ctx, credential: "expiring" }).outcome).toBe("ok");
    expect(evaluateCondition(credential, room, { ...ctx, credential: "unknown" }).outcome).toBe("no_data");
  });

  it("asks for enough history to judge each condition", () => {
    expect(lookbackMs(condition({ kind: "rate", key: "totalMsgCount", window: "15m", op: "below", threshold: 1 }), CADENCE)).toBeGreaterThan(15 * 60_000);
    expect(lookbackMs(condition({ kind: "drop", key: "totalMsgCount", percent: 10, withinMs: 600_000, rateWindow: "5m" }), CADENCE)).toBeGreaterThan(15 * 60_000);
    expect(lookbackMs(condition({ kind: "ended" }), CADENCE)).toBe(0);
  });
});
