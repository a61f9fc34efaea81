import { describe, expect, it } from "vitest";
import type { RoomStats } from "@/lib/contract/stats";
import { zeroStats } from "@/lib/testing/fixtures";
import { buildReport, giftSendersPer100Viewers, likesPerViewer, messagesPerViewer, streamDuration, streamRatios } from "./report";
import type { Sample } from "./series";

const CADENCE = 10_000;

const sample = (seconds: number, stats: Partial<RoomStats>): Sample => ({ t: seconds * 1000, stats: zeroStats(stats) });

// Every 10 s, except one 60 s hole (more than 3 cadences) and a likes counter that restarts.
const recording: Sample[] = [
  sample(0, {}),
  sample(10, { totalMsgCount: 5, totalLikesReceived: 10, totalViewers: 10 }),
  sample(20, { totalMsgCount: 25, totalLikesReceived: 20, totalViewers: 12, totalGiftCoins: 100, totalGiftsSent: 2, totalUniqueGiftSenders: 1 }),
  sample(30, { totalMsgCount: 30, totalLikesReceived: 30, totalViewers: 13, totalGiftCoins: 100, totalGiftsSent: 2, totalUniqueGiftSenders: 1 }),
  // After the hole: 970 messages in 60 s would be the top rate if the hole counted.
  sample(90, { totalMsgCount: 1000, totalLikesReceived: 40, totalViewers: 13, totalGiftCoins: 100, totalGiftsSent: 2, totalUniqueGiftSenders: 1 }),
  sample(100, { totalMsgCount: 1010, totalLikesReceived: 5, totalViewers: 13, totalGiftCoins: 100, totalGiftsSent: 2, totalUniqueGiftSenders: 1 }),
  sample(110, { totalMsgCount: 1020, totalLikesReceived: 15, totalViewers: 14, totalGiftCoins: 150, totalGiftsSent: 4, totalUniqueGiftSenders: 2 }),
];

describe("buildReport", () => {
  // A window of one cadence gives the rates between neighbouring samples, which keeps these
  // figures easy to check by hand; the 1-minute window has a test of its own below.
  const report = buildReport(recording, { endedAt: null, cadenceMs: CADENCE, rateWindowMs: CADENCE })!;

  it("spans the recording, ending at the last sample unless told otherwise", () => {
    expect(report).toMatchObject({ startedAt: 0, endedAt: 110_000, durationMs: 110_000, sampleCount: 7 });
    expect(buildReport(recording, { endedAt: 125_000, cadenceMs: CADENCE, rateWindowMs: CADENCE })).toMatchObject({ endedAt: 125_000, durationMs: 125_000 });
  });

  it("takes the final totals from the last sample, even after a reset", () => {
    expect(report.finalTotals).toEqual(recording.at(-1)!.stats);
    expect(report.finalTotals).not.toBe(recording.at(-1)!.stats);
  });

  it("finds each peak rate and when it happened, skipping gaps and resets", () => {
    expect(report.peaks.totalMsgCount).toEqual({ perMinute: 120, t: 20_000 });
    expect(report.peaks.totalGiftCoins).toEqual({ perMinute: 600, t: 20_000 });
    // Ties go to the first time the rate was reached.
    expect(report.peaks.totalLikesReceived).toEqual({ perMinute: 60, t: 10_000 });
    expect(report.peaks.totalViewers).toEqual({ perMinute: 60, t: 10_000 });
  });

  it("takes peaks over the chosen window, and averages that do not depend on it", () => {
    // In the recording above, every minute either starts before the first sample or reaches into
    // the hole (30 s to 90 s): no peak is claimed over a minute.
    const minute = buildReport(recording, { endedAt: null, cadenceMs: CADENCE, rateWindowMs: 60_000 })!;
    expect(minute.peaks.totalMsgCount).toEqual(null);
    const burst: Sample[] = [0, 10, 20, 30, 40, 50, 60, 70, 80].map((s, i) => sample(s, { totalMsgCount: [0, 5, 25, 30, 30, 40, 60, 130, 135][i] }));
    const windowed = buildReport(burst, { endedAt: null, cadenceMs: CADENCE, rateWindowMs: 60_000 })!;
    // 0..60 s: 60; 10..70 s: 125; 20..80 s: 110. Between neighbours it would read 420 (70 in 10 s).
    expect(windowed.peaks.totalMsgCount).toEqual({ perMinute: 125, t: 70_000 });
    expect(buildReport(burst, { endedAt: null, cadenceMs: CADENCE, rateWindowMs: CADENCE })!.peaks.totalMsgCount).toEqual({ perMinute: 420, t: 70_000 });
    expect(windowed.averages).toEqual(buildReport(burst, { endedAt: null, cadenceMs: CADENCE, rateWindowMs: CADENCE })!.averages);
    expect(windowed.averages.totalMsgCount).toBeCloseTo((135 * 60) / 80, 10);
  });

  it("averages over the observed time only", () => {
    // 50 messages over the 50 s observed; likes lose the reset interval too: 40 over 40 s.
    expect(report.averages.totalMsgCount).toBe(60);
    expect(report.averages.totalLikesReceived).toBe(60);
    expect(report.averages.totalGiftCoins).toBe(180);
    expect(report.averages.totalViewers).toBeCloseTo(16.8, 10);
  });

  it("counts resets and gaps", () => {
    expect(report.resets).toEqual({ count: 1, events: [{ t: 100_000, key: "totalLikesReceived" }] });
    expect(report.gaps).toEqual({ count: 1, totalMs: 60_000 });
  });

  it("counts a restart that drops several counters at once as one reset", () => {
    const restarted = buildReport([sample(0, { totalMsgCount: 9, totalLikesReceived: 9 }), sample(10, { totalMsgCount: 1, totalLikesReceived: 2 })], {
      endedAt: null,
      cadenceMs: CADENCE,
      rateWindowMs: CADENCE,
    })!;
    expect(restarted.resets.count).toBe(1);
    expect(restarted.resets.events).toHaveLength(2);
    // Nothing known about those counters' rates: no peak, no average, and never a negative.
    expect(restarted.peaks.totalMsgCount).toBeNull();
    expect(restarted.averages.totalMsgCount).toBeNull();
    expect(restarted.averages.totalViewers).toBe(0);
  });

  it("computes ratios from the final totals", () => {
    expect(report.ratios).toEqual({
      coinsPerGift: 37.5,
      giftsPerSender: 2,
      giftSendersPer100Viewers: 200 / 14,
      likesPerViewer: 15 / 14,
      messagesPerViewer: 1020 / 14,
    });
  });

  it("returns null for an empty recording", () => {
    expect(buildReport([], { endedAt: null, cadenceMs: CADENCE, rateWindowMs: CADENCE })).toBeNull();
  });

  it("reports totals but no rates for a single sample, and null ratios over zero", () => {
    const single = buildReport([sample(5, {})], { endedAt: null, cadenceMs: CADENCE, rateWindowMs: CADENCE })!;
    expect(single).toMatchObject({ startedAt: 5_000, endedAt: 5_000, durationMs: 0, sampleCount: 1, finalTotals: zeroStats() });
    expect(Object.values(single.peaks).every((peak) => peak === null)).toBe(true);
    expect(Object.values(single.averages).every((average) => average === null)).toBe(true);
    expect(Object.values(single.ratios).every((value) => value === null)).toBe(true);
    expect(single.resets.count).toBe(0);
    expect(single.gaps).toEqual({ count: 0, totalMs: 0 });
  });

  it("has no rates when every interval is a gap", () => {
    const sparse = buildReport([sample(0, {}), sample(60, { totalMsgCount: 10 }), sample(120, { totalMsgCount: 20 })], { endedAt: null, cadenceMs: CADENCE, rateWindowMs: CADENCE })!;
    expect(sparse.peaks.totalMsgCount).toBeNull();
    expect(sparse.averages.totalMsgCount).toBeNull();
    expect(sparse.gaps).toEqual({ count: 2, totalMs: 120_000 });
  });

  it("refuses a cadence that cannot define a gap", () => {
    expect(() => buildReport(recording, { endedAt: null, cadenceMs: 0, rateWindowMs: CADENCE })).toThrow(RangeError);
    expect(() => buildReport(recording, { endedAt: null, cadenceMs: Number.NaN, rateWindowMs: CADENCE })).toThrow(RangeError);
  });
});

describe("ratios", () => {
  const stats: RoomStats = zeroStats({ totalViewers: 200, totalUniqueGiftSenders: 5, totalLikesReceived: 900, totalMsgCount: 300, totalGiftsSent: 8, totalGiftCoins: 400 });

  it("divides", () => {
    expect(giftSendersPer100Viewers(stats)).toBe(2.5);
    expect(likesPerViewer(stats)).toBe(4.5);
    expect(messagesPerViewer(stats)).toBe(1.5);
    expect(streamRatios(stats)).toEqual({ coinsPerGift: 50, giftsPerSender: 1.6, giftSendersPer100Viewers: 2.5, likesPerViewer: 4.5, messagesPerViewer: 1.5 });
  });

  it("is null when the denominator is 0", () => {
    expect(streamRatios({ ...stats, totalViewers: 0, totalGiftsSent: 0, totalUniqueGiftSenders: 0 })).toEqual({
      coinsPerGift: null,
      giftsPerSender: null,
      giftSendersPer100Viewers: null,
      likesPerViewer: null,
      messagesPerViewer: null,
    });
  });
});

describe("streamDuration", () => {
  const report = { startedAt: 600_000, endedAt: 1_200_000, durationMs: 600_000 };
  it("measures from the creation time when it is known and fits the recording", () => {
    expect(streamDuration(report, 0)).toEqual({ kind: "stream", ms: 1_200_000 });
    // CreateTime is whole seconds: a creation a fraction after the first sample is the same stream.
    expect(streamDuration(report, 600_500)).toEqual({ kind: "stream", ms: 599_500 });
  });
  it("falls back to what was recorded without a creation time, or with one that belongs to another stream", () => {
    expect(streamDuration(report, null)).toEqual({ kind: "recorded", ms: 600_000 });
    expect(streamDuration(report, 700_000)).toEqual({ kind: "recorded", ms: 600_000 });
    expect(streamDuration(report, 600_000 - 2 * 86_400_000)).toEqual({ kind: "recorded", ms: 600_000 });
  });
});
