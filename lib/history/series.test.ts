import { describe, expect, it } from "vitest";
import { roomStats, zeroStats } from "@/lib/testing/fixtures";
import { STAT_KEYS, type RoomStats, type StatKey } from "@/lib/contract/stats";
import { peaksOf } from "./report";
import { downsample, findResets, intervals, windowedRates, type RatePoint, type Sample } from "./series";

const CADENCE = 10_000;
const MAX_GAP = 3 * CADENCE;

const stats = roomStats;

const sample = (t: number, overrides: Partial<RoomStats> = {}): Sample => ({ t, stats: stats(overrides) });

const point = (t: number, values: Partial<Record<StatKey, number | null>> = {}): RatePoint => ({ t, ...zeroStats(), ...values });

const gapPoint = (t: number): RatePoint => point(t, Object.fromEntries(STAT_KEYS.map((key) => [key, null])));

const allNull = (p: RatePoint) => STAT_KEYS.every((key) => p[key] === null);

// Deterministic noise, so failures reproduce.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe("windowedRates", () => {
  const MINUTE = 60_000;
  /** Samples every `every` ms from 0 to `until` inclusive, each counter at `count(t)`. */
  const every = (step: number, until: number, count: (t: number) => Partial<RoomStats>) =>
    Array.from({ length: until / step + 1 }, (_, i) => sample(i * step, count(i * step)));
  const messages = (points: RatePoint[]) => points.map((p) => [p.t / 1000, p.totalMsgCount]);

  // Tencent's totals move in steps: here +10 messages every 10 s, sampled every 5 s.
  const steps = (t: number) => ({ totalMsgCount: 10 * Math.floor(t / 10_000) });

  it("zig-zags between neighbouring samples but is smooth over a minute", () => {
    const samples = every(5_000, 120_000, steps);
    // A window of one sample's spacing is the rate between neighbours: 0, then 10 in 5 s = 120 a minute.
    const neighbours = windowedRates(samples, { windowMs: 5_000, maxGapMs: 15_000 });
    expect(neighbours.slice(1, 7).map((p) => p.totalMsgCount)).toEqual([0, 120, 0, 120, 0, 120]);
    // Over 1 min: 60 messages in every minute, so 60 a minute at every sample once a minute is seen.
    const windowed = windowedRates(samples, { windowMs: MINUTE, maxGapMs: 15_000 });
    expect(windowed).toHaveLength(samples.length);
    expect(windowed.slice(12).map((p) => p.totalMsgCount)).toEqual(Array(13).fill(60));
  });

  it("gives no rate for the first window of a recording, where no sample is a window back", () => {
    const windowed = windowedRates(every(5_000, 120_000, steps), { windowMs: MINUTE, maxGapMs: 15_000 });
    // t = 0 to 55 s: null for every counter (a gap marker); from t = 60 s, a full window.
    expect(windowed.slice(0, 12).every(allNull)).toBe(true);
    expect(windowed[12]).toMatchObject({ t: 60_000, totalMsgCount: 60, totalViewers: 0 });
    expect(windowedRates([], { windowMs: MINUTE, maxGapMs: MAX_GAP })).toEqual([]);
  });

  it("keeps the true peak of the window, not the inflated peak between two samples", () => {
    // Steps of 60 instead of 10 for one minute (110 s to 160 s): 360 messages in that minute.
    const burst = (t: number) => {
      let count = 0;
      for (let k = 10_000; k <= t; k += 10_000) count += k > 100_000 && k <= 160_000 ? 60 : 10;
      return { totalMsgCount: count };
    };
    const samples = every(5_000, 240_000, burst);
    const neighbours = peaksOf(windowedRates(samples, { windowMs: 5_000, maxGapMs: 15_000 }));
    // 60 messages in 5 s read as 720 a minute: twice what any minute held.
    expect(neighbours.totalMsgCount).toEqual({ perMinute: 720, t: 110_000 });
    const windowed = windowedRates(samples, { windowMs: MINUTE, maxGapMs: 15_000 });
    expect(messages(windowed).slice(30, 36)).toEqual([
      [150, 310], // from 90 s to 150 s: the step at 100 s (10), then 5 × 60
      [155, 310], // from 95 s: the same steps
      [160, 360], // from 100 s: 6 × 60, the burst's minute
      [165, 360], // from 105 s: the same steps
      [170, 310], // from 110 s: 5 × 60, then the step at 170 s (10)
      [175, 310],
    ]);
    expect(peaksOf(windowed).totalMsgCount).toEqual({ perMinute: 360, t: 160_000 });
    // Over 5 min the window is longer than the recording: no full window, no peak claimed.
    expect(peaksOf(windowedRates(samples, { windowMs: 5 * MINUTE, maxGapMs: 15_000 })).totalMsgCount).toBeNull();
  });

  it("divides by the samples' own span, from the sample at or before the window's start", () => {
    const samples = [sample(0, { totalMsgCount: 0 }), sample(25_000, { totalMsgCount: 10 }), sample(50_000, { totalMsgCount: 20 }), sample(75_000, { totalMsgCount: 30 })];
    const windowed = windowedRates(samples, { windowMs: MINUTE, maxGapMs: MAX_GAP });
    // At 75 s the window starts at 15 s; the sample at or before it is t = 0: 30 messages in 75 s.
    expect(messages(windowed)).toEqual([
      [0, null],
      [25, null],
      [50, null],
      [75, 24],
    ]);
  });

  it("gives null while the window reaches into a gap, for every counter", () => {
    // Every 10 s, with nothing between 60 s and 100 s (40 s, over the 30 s gap rule).
    const samples = every(10_000, 200_000, (t) => ({ totalMsgCount: t / 1000 })).filter((s) => s.t <= 60_000 || s.t >= 100_000);
    const windowed = windowedRates(samples, { windowMs: MINUTE, maxGapMs: MAX_GAP });
    expect(messages(windowed)).toEqual([
      ...[0, 10, 20, 30, 40, 50].map((t) => [t, null]),
      [60, 60],
      // 100 s to 150 s: each window reaches back before 100 s, across the gap.
      ...[100, 110, 120, 130, 140, 150].map((t) => [t, null]),
      // From 160 s the window starts at the first sample after the gap.
      ...[160, 170, 180, 190, 200].map((t) => [t, 60]),
    ]);
    expect(windowed.filter((p) => p.totalMsgCount === null && p.t >= 100_000).every(allNull)).toBe(true);
  });

  it("gives null for a counter reset inside the window, that counter only, never a negative rate", () => {
    const samples = every(10_000, 150_000, (t) => ({ totalMsgCount: t / 1000, totalLikesReceived: t < 70_000 ? 1000 + t / 100 : t / 100 - 700 }));
    const windowed = windowedRates(samples, { windowMs: MINUTE, maxGapMs: MAX_GAP });
    const likes = windowed.map((p) => [p.t / 1000, p.totalLikesReceived]);
    expect(likes.slice(6)).toEqual([
      [60, 600],
      // The drop at 70 s lies inside each window up to 120 s.
      ...[70, 80, 90, 100, 110, 120].map((t) => [t, null]),
      // From 130 s the window starts at the reading after the drop: 600 likes a minute again.
      [130, 600],
      [140, 600],
      [150, 600],
    ]);
    expect(windowed.slice(6).every((p) => p.totalMsgCount === 60)).toBe(true);
    for (const point of windowed) for (const key of STAT_KEYS) expect(point[key] ?? 0).toBeGreaterThanOrEqual(0);
  });

  it("takes a repeated timestamp's newer reading", () => {
    const samples = [sample(0, { totalMsgCount: 50 }), sample(0, { totalMsgCount: 55 }), sample(60_000, { totalMsgCount: 65 })];
    expect(messages(windowedRates(samples, { windowMs: MINUTE, maxGapMs: MINUTE }))).toEqual([
      [0, null],
      [60, 10],
    ]);
  });

  it("refuses a window that is not a positive length", () => {
    expect(() => windowedRates([sample(0)], { windowMs: 0, maxGapMs: MAX_GAP })).toThrow(RangeError);
    expect(() => windowedRates([sample(0)], { windowMs: Number.NaN, maxGapMs: MAX_GAP })).toThrow(RangeError);
  });

  it("keeps a spike of one window through downsampling 12 h of 5 s samples to 500 points", () => {
    // 8,640 samples: 10 messages every 10 s, and one minute at 07:00 with 600 more.
    const spikeAt = 7 * 3_600_000;
    const samples = every(5_000, 8_639 * 5_000, (t) => {
      const extra = t >= spikeAt + MINUTE ? 600 : t > spikeAt ? 10 * Math.floor((t - spikeAt) / 1_000) : 0;
      return { totalMsgCount: 10 * Math.floor(t / 10_000) + extra, totalViewers: Math.floor(t / 7_000) };
    });
    expect(samples).toHaveLength(8_640);
    const rates = windowedRates(samples, { windowMs: MINUTE, maxGapMs: 15_000 });
    const peak = peaksOf(rates).totalMsgCount!;
    expect(peak).toEqual({ perMinute: 660, t: spikeAt + MINUTE });
    const thinned = downsample(rates, 500, STAT_KEYS);
    expect(thinned.length).toBeLessThanOrEqual(500);
    expect(peaksOf(thinned).totalMsgCount).toEqual(peak);
  });
});

describe("intervals", () => {
  it("reports increases, resets and gaps", () => {
    const result = intervals([sample(0), sample(10_000, { totalViewers: 90 }), sample(60_000, { totalViewers: 95 })], { maxGapMs: MAX_GAP });
    expect(result.map(({ from, to, gap, deltas }) => [from, to, gap, deltas.totalViewers, deltas.totalMsgCount])).toEqual([
      [0, 10_000, false, null, 0],
      [10_000, 60_000, true, null, null],
    ]);
  });
});

describe("findResets", () => {
  it("finds each counter that went down, at the sample after the drop", () => {
    const resets = findResets([
      sample(0),
      sample(10_000, { totalLikesReceived: 5, totalMsgCount: 2 }),
      sample(20_000, { totalLikesReceived: 6, totalMsgCount: 3 }),
      // Across a gap it is still a reset.
      sample(90_000, { totalLikesReceived: 6, totalMsgCount: 3, totalViewers: 1 }),
    ]);
    expect(resets).toEqual([
      { t: 10_000, key: "totalLikesReceived" },
      { t: 10_000, key: "totalMsgCount" },
      { t: 90_000, key: "totalViewers" },
    ]);
  });

  it("finds none in a growing series or with fewer than two samples", () => {
    expect(findResets([])).toEqual([]);
    expect(findResets([sample(0)])).toEqual([]);
    expect(findResets([sample(0), sample(1, { totalMsgCount: 51 })])).toEqual([]);
  });
});

describe("downsample", () => {
  const series = (n: number, seed = 1): RatePoint[] => {
    const next = random(seed);
    const points: RatePoint[] = [];
    for (let i = 0; i < n; i++) {
      points.push({
        t: i * CADENCE,
        ...zeroStats({ totalViewers: 10 + next() * 2, totalLikesReceived: 500 + next() * 50, totalMsgCount: 100 + next() * 20 }),
      });
    }
    return points;
  };

  it("returns input that already fits unchanged", () => {
    const points = series(10);
    expect(downsample(points, 10, ["totalMsgCount"])).toBe(points);
    expect(downsample(points, 500, ["totalMsgCount"])).toBe(points);
  });

  it("keeps a one-sample spike through 100:1, with first and last, within the budget", () => {
    const points = series(10_000);
    points[4_321] = { ...points[4_321]!, totalMsgCount: 5_000 };
    points[7_000] = { ...points[7_000]!, totalViewers: 0 }; // a dip survives too
    const out = downsample(points, 100, ["totalMsgCount", "totalLikesReceived", "totalViewers"]);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out).toContain(points[4_321]);
    expect(out).toContain(points[7_000]);
    expect(out[0]).toBe(points[0]);
    expect(out.at(-1)).toBe(points.at(-1));
  });

  it("uses most of the budget for a single key, as plain min/max bucketing would", () => {
    const out = downsample(series(8_640), 500, ["totalMsgCount"]);
    expect(out.length).toBeLessThanOrEqual(500);
    expect(out.length).toBeGreaterThan(450);
  });

  it("keeps gaps as gaps", () => {
    const points = series(10_000);
    points[2_500] = gapPoint(points[2_500]!.t);
    points[2_501] = gapPoint(points[2_501]!.t);
    const out = downsample(points, 100, ["totalMsgCount"]);
    const gaps = out.filter(allNull);
    expect(gaps).toHaveLength(1);
    const at = out.indexOf(gaps[0]!);
    expect(out[at - 1]!.t).toBeLessThan(points[2_500]!.t);
    expect(out[at + 1]!.t).toBeGreaterThan(points[2_501]!.t);
  });

  it("counts a point as a gap marker when every key asked for is null", () => {
    const points = series(1_000);
    points[500] = point(points[500]!.t, { totalMsgCount: null, totalViewers: 3 });
    expect(downsample(points, 20, ["totalMsgCount"])).toContain(points[500]);
  });

  it("holds its guarantees on 100k points at any budget", () => {
    const keys = ["totalMsgCount", "totalLikesReceived", "totalViewers"] as const;
    const points = series(100_000, 7);
    const gapIndexes = [10, 33_333, 33_334, 80_000];
    for (const i of gapIndexes) points[i] = gapPoint(points[i]!.t);
    points[55_555] = { ...points[55_555]!, totalLikesReceived: 99_999 };
    const gapTimes = gapIndexes.map((i) => points[i]!.t);
    const byTime = new Map(points.map((p) => [p.t, p]));
    const extremes = (list: RatePoint[], key: StatKey) => {
      let [low, high] = [Infinity, -Infinity];
      for (const p of list) {
        const v = p[key];
        if (v === null) continue;
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
      return [low, high];
    };

    const expected = keys.map((key) => extremes(points, key));

    for (const budget of [20, 100, 500, 2_000]) {
      const out = downsample(points, budget, keys);
      expect(out.length).toBeLessThanOrEqual(budget);
      expect(out[0]).toBe(points[0]);
      expect(out.at(-1)).toBe(points.at(-1));
      expect(out).toContain(points[55_555]);
      // Every point taken from the input as it was, strictly in time order.
      expect(out.every((p, i) => byTime.get(p.t) === p && (i === 0 || p.t > out[i - 1]!.t))).toBe(true);
      // Each key's overall extremes survive.
      expect(keys.map((key) => extremes(out, key))).toEqual(expected);
      // Two consecutive kept values never hide a gap that lay between them.
      const hidesGap = out.some((b, i) => {
        const a = out[i - 1];
        return a !== undefined && !allNull(a) && !allNull(b) && gapTimes.some((t) => t > a.t && t < b.t);
      });
      expect(hidesGap).toBe(false);
      expect(out.some(allNull)).toBe(true);
    }
  });

  it("puts maxima before minima when even one bucket does not fit", () => {
    const points = series(1_000);
    points[100] = { ...points[100]!, totalMsgCount: 1e6 };
    points[200] = { ...points[200]!, totalLikesReceived: 1e6 };
    points[300] = { ...points[300]!, totalMsgCount: -1 };
    const out = downsample(points, 4, ["totalMsgCount", "totalLikesReceived"]);
    expect(out).toEqual([points[0], points[100], points[200], points[999]]);
  });

  it("copes with tiny budgets and no keys", () => {
    const points = series(50);
    expect(downsample(points, 0, ["totalMsgCount"])).toEqual([]);
    expect(downsample(points, 1, ["totalMsgCount"])).toEqual([points[49]]);
    expect(downsample(points, 2, ["totalMsgCount"])).toEqual([points[0], points[49]]);
    expect(downsample(points, 10, [])).toEqual([points[0], points[49]]);
  });

  it("buckets by index when time does not advance", () => {
    const points = series(1_000).map((p) => ({ ...p, t: 0 }));
    points[600] = { ...points[600]!, totalMsgCount: 1e6 };
    const out = downsample(points, 50, ["totalMsgCount"]);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out).toContain(points[600]);
  });
});
