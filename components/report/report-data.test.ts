import { describe, expect, it } from "vitest";
import { buildReport } from "@/lib/history/report";
import { downsample, perMinuteRates, type Sample } from "@/lib/history/series";
import { STAT_KEYS, type RoomStats } from "@/lib/contract/stats";
import { type RoomHistoryResponse } from "@/lib/contract/api";
import { peaksOf } from "@/lib/history/report";
import { gapIntervals, historyReport, totalsRows } from "./report-data";

const T0 = Date.UTC(2026, 10, 25, 18, 0, 0);
const CADENCE = 10_000;

function stats(n: number): RoomStats {
  return {
    totalViewers: 10 * n,
    totalGiftsSent: n,
    totalGiftCoins: 5 * n,
    totalUniqueGiftSenders: Math.floor(n / 2),
    totalLikesReceived: 20 * n,
    totalMsgCount: n * n,
  };
}

/** A recording with a gap (samples 40..45 missing) and a message reset at sample 70. */
function recording(count: number): Sample[] {
  const samples: Sample[] = [];
  for (let i = 0; i < count; i++) {
    if (i >= 40 && i < 46) continue;
    const s = stats(i);
    if (i >= 70) s.totalMsgCount -= 4000;
    samples.push({ t: T0 + i * CADENCE, stats: s });
  }
  return samples;
}

function response(samples: Sample[], points = 2000): RoomHistoryResponse {
  const rates = perMinuteRates(samples, { maxGapMs: 3 * CADENCE });
  const flat = samples.map((s) => ({ t: s.t, ...s.stats }));
  return {
    roomId: "r",
    status: "ended",
    firstSampleAt: new Date(samples[0]!.t).toISOString(),
    lastSampleAt: new Date(samples.at(-1)!.t).toISOString(),
    endedAt: new Date(samples.at(-1)!.t).toISOString(),
    cadenceSeconds: CADENCE / 1000,
    sampleCount: samples.length,
    samples: downsample(flat, points, STAT_KEYS).map(({ t, ...rest }) => ({ t: new Date(t).toISOString(), ...rest })),
    rates: downsample(rates, points, STAT_KEYS).map(({ t, ...rest }) => ({ t: new Date(t).toISOString(), ...rest })),
  };
}

describe("historyReport", () => {
  it("matches buildReport on an unthinned recording", () => {
    const samples = recording(100);
    const expected = buildReport(samples, { endedAt: samples.at(-1)!.t, cadenceMs: CADENCE });
    expect(historyReport(response(samples))).toEqual(expected);
  });

  it("keeps exact peaks, totals and gaps when the API thinned the samples", () => {
    const samples = recording(600);
    const exact = buildReport(samples, { endedAt: samples.at(-1)!.t, cadenceMs: CADENCE })!;
    const thinned = response(samples, 60);
    expect(thinned.samples.length).toBeLessThanOrEqual(60);
    const report = historyReport(thinned)!;
    expect(report.peaks).toEqual(exact.peaks);
    expect(report.finalTotals).toEqual(exact.finalTotals);
    expect(report.durationMs).toBe(exact.durationMs);
    expect(report.sampleCount).toBe(exact.sampleCount);
    expect(report.gaps.count).toBe(1);
    // Viewers grow evenly, so any observed stretch gives the same mean.
    expect(report.averages.totalViewers).toBeCloseTo(exact.averages.totalViewers!, 6);
  });

  it("gives null for a room never recorded", () => {
    expect(historyReport({ ...response(recording(3)), status: "unknown", samples: [], rates: [] })).toBeNull();
  });
});

describe("chart rows", () => {
  it("breaks the totals line inside each gap and nowhere else", () => {
    const samples = recording(60);
    const rates = perMinuteRates(samples, { maxGapMs: 3 * CADENCE });
    const gaps = gapIntervals(samples, rates);
    expect(gaps.filter(Boolean)).toHaveLength(1);
    const rows = totalsRows(samples, rates);
    expect(rows).toHaveLength(samples.length + 1);
    const hole = rows.findIndex((row) => row.totalViewers === null);
    expect(rows[hole - 1]!.t).toBe(T0 + 39 * CADENCE);
    expect(rows[hole + 1]!.t).toBe(T0 + 46 * CADENCE);
  });

  it("takes the earliest of equal peaks", () => {
    const peaks = peaksOf([
      { t: 1, totalViewers: 5, totalGiftsSent: null, totalGiftCoins: null, totalUniqueGiftSenders: null, totalLikesReceived: null, totalMsgCount: null },
      { t: 2, totalViewers: 5, totalGiftsSent: null, totalGiftCoins: null, totalUniqueGiftSenders: null, totalLikesReceived: null, totalMsgCount: null },
    ]);
    expect(peaks.totalViewers).toEqual({ perMinute: 5, t: 1 });
    expect(peaks.totalMsgCount).toBeNull();
  });
});
