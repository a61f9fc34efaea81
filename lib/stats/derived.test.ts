import { describe, expect, it } from "vitest";
import { roomStats } from "@/lib/testing/fixtures";
import type { RoomStats, Sample } from "@/lib/contract/stats";
import { appendSample, chartPoints, coinsPerGift, giftsPerSender, latestChange, ratio, toSample } from "./derived";

const stats = roomStats;

const sample = (t: number, overrides: Partial<RoomStats> = {}, requestId = `req-${t}`): Sample => ({
  t,
  requestId,
  stats: stats(overrides),
});

describe("ratios", () => {
  it("divides", () => {
    expect(ratio(10, 4)).toBe(2.5);
    expect(coinsPerGift(stats())).toBe(25);
    expect(giftsPerSender(stats())).toBe(2.5);
  });

  it("is undefined when there is nothing to divide by", () => {
    expect(ratio(10, 0)).toBeNull();
    expect(ratio(0, 0)).toBeNull();
    expect(coinsPerGift(stats({ totalGiftsSent: 0, totalGiftCoins: 0 }))).toBeNull();
    expect(giftsPerSender(stats({ totalUniqueGiftSenders: 0 }))).toBeNull();
  });

  it("is undefined for non-finite input", () => {
    expect(ratio(Number.NaN, 2)).toBeNull();
    expect(ratio(1, Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe("toSample", () => {
  it("takes the time from fetchedAt", () => {
    const s = toSample({ roomId: "r", stats: stats(), requestId: "abc", fetchedAt: "2025-01-15T12:00:00.000Z" });
    expect(s).toEqual({ t: Date.UTC(2025, 0, 15, 12), requestId: "abc", stats: stats() });
  });

  it("rejects an unreadable time", () => {
    expect(toSample({ roomId: "r", stats: stats(), requestId: "abc", fetchedAt: "yesterday-ish" })).toBeNull();
  });
});

describe("appendSample", () => {
  it("appends newer samples", () => {
    const a = appendSample([], sample(1));
    const b = appendSample(a, sample(2));
    expect(b.map((s) => s.t)).toEqual([1, 2]);
  });

  it("drops a repeat of the last answer and returns the same array", () => {
    const a = appendSample([], sample(1000));
    expect(appendSample(a, sample(2000, {}, "req-1000"))).toBe(a);
    expect(appendSample(a, sample(1000, {}, "other"))).toBe(a);
    expect(appendSample(a, sample(500))).toBe(a);
  });

  it("keeps answers that came without a RequestId", () => {
    let samples: readonly Sample[] = [];
    for (const t of [1000, 2000, 3000]) samples = appendSample(samples, sample(t, {}, ""));
    expect(samples.map((s) => s.t)).toEqual([1000, 2000, 3000]);
  });

  it("keeps only the newest samples", () => {
    let samples: readonly Sample[] = [];
    for (let t = 1; t <= 10; t++) samples = appendSample(samples, sample(t), 3);
    expect(samples.map((s) => s.t)).toEqual([8, 9, 10]);
  });
});

describe("latestChange", () => {
  it("needs two samples", () => {
    expect(latestChange([], "totalViewers")).toBeNull();
    expect(latestChange([sample(1)], "totalViewers")).toBeNull();
  });

  it("reports growth and resets alike", () => {
    const samples = [sample(1, { totalViewers: 100 }), sample(2, { totalViewers: 112 })];
    expect(latestChange(samples, "totalViewers")).toBe(12);
    const reset = [sample(1, { totalLikesReceived: 1000 }), sample(2, { totalLikesReceived: 3 })];
    expect(latestChange(reset, "totalLikesReceived")).toBe(-997);
  });
});

describe("chartPoints", () => {
  it("maps samples to points", () => {
    const points = chartPoints([sample(1000, { totalMsgCount: 1 }), sample(3000, { totalMsgCount: 2 })], "totalMsgCount", 10_000);
    expect(points).toEqual([
      { t: 1000, value: 1 },
      { t: 3000, value: 2 },
    ]);
  });

  it("breaks the line over gaps", () => {
    const points = chartPoints([sample(0), sample(2_000), sample(62_000)], "totalViewers", 10_000);
    expect(points).toEqual([
      { t: 0, value: 100 },
      { t: 2_000, value: 100 },
      { t: 32_000, value: null },
      { t: 62_000, value: 100 },
    ]);
  });
});
