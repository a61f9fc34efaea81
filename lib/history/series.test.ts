import { describe, expect, it } from "vitest";
import { roomStats, zeroStats } from "@/lib/testing/fixtures";
import { STAT_KEYS, type RoomStats, type StatKey } from "@/lib/contract/stats";
import { downsample, findResets, intervals, perMinuteRates, type RatePoint, type Sample } from "./series";

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

describe("perMinuteRates", () => {
  it("gives the per-minute rate between samples, stamped at the later one", () => {
    const rates = perMinuteRates(
      [sample(0, { totalMsgCount: 50 }), sample(10_000, { totalMsgCount: 60 }), sample(30_000, { totalMsgCount: 60 })],
      { maxGapMs: MAX_GAP },
    );
    expect(rates.map((r) => [r.t, r.totalMsgCount, r.totalViewers])).toEqual([
      [10_000, 60, 0],
      [30_000, 0, 0],
    ]);
  });

  it("needs two samples", () => {
    expect(perMinuteRates([], { maxGapMs: MAX_GAP })).toEqual([]);
    expect(perMinuteRates([sample(0)], { maxGapMs: MAX_GAP })).toEqual([]);
  });

  it("never gives a negative rate: a counter that went down is a gap for that counter only", () => {
    const rates = perMinuteRates(
      [
        sample(0, { totalLikesReceived: 1000, totalMsgCount: 50 }),
        sample(10_000, { totalLikesReceived: 3, totalMsgCount: 55 }),
        sample(20_000, { totalLikesReceived: 13, totalMsgCount: 60 }),
      ],
      { maxGapMs: MAX_GAP },
    );
    expect(rates[0]).toMatchObject({ t: 10_000, totalLikesReceived: null, totalMsgCount: 30 });
    // Resumes from the value after the reset.
    expect(rates[1]).toMatchObject({ t: 20_000, totalLikesReceived: 60, totalMsgCount: 30 });
    for (const rate of rates) for (const key of STAT_KEYS) expect(rate[key] ?? 0).toBeGreaterThanOrEqual(0);
  });

  it("marks an interval longer than the gap limit with a point that is null for every counter", () => {
    const rates = perMinuteRates(
      [sample(0), sample(10_000, { totalMsgCount: 60 }), sample(10_000 + MAX_GAP + 1, { totalMsgCount: 9_000 }), sample(50_001, { totalMsgCount: 9_010 })],
      { maxGapMs: MAX_GAP },
    );
    expect(rates).toHaveLength(3);
    expect(rates[1]!.t).toBe(40_001);
    expect(allNull(rates[1]!)).toBe(true);
    expect(rates[2]!.totalMsgCount).toBe(60);
  });

  it("treats exactly the gap limit as observed", () => {
    const rates = perMinuteRates([sample(0), sample(MAX_GAP, { totalMsgCount: 80 })], { maxGapMs: MAX_GAP });
    expect(rates[0]!.totalMsgCount).toBe(60);
  });

  it("gives no point for a repeated timestamp and takes the newer reading as the baseline", () => {
    const rates = perMinuteRates(
      [sample(0, { totalMsgCount: 50 }), sample(0, { totalMsgCount: 55 }), sample(10_000, { totalMsgCount: 65 })],
      { maxGapMs: MAX_GAP },
    );
    expect(rates.map((r) => [r.t, r.totalMsgCount])).toEqual([[10_000, 60]]);
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
