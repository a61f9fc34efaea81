// Time series derived from a recorded room: per-minute rates over a window, where counters were
// reset, and downsampling that keeps peaks. Pure and browser-safe: the history charts and the
// post-stream report (./report.ts) both build on these, so they agree on what a gap or reset is.

import type { HistoryRate, RoomHistoryResponse } from "@/lib/contract/api";
import { STAT_KEYS, type Sample, type StatKey } from "@/lib/contract/stats";

export type { Sample };

/** Per-minute rate of each counter over the window ending at `t`; null where it is unknown. */
export type RatePoint = { t: number } & Record<StatKey, number | null>;

export interface GapOptions {
  /** Longest interval still treated as observed; callers pass 3 × the recorder's cadence. */
  maxGapMs: number;
}

/** What happened to the counters between two consecutive samples. */
export interface Interval {
  from: number;
  to: number;
  /** Longer than maxGapMs: the recorder was not watching, so no rate is claimed for it. */
  gap: boolean;
  /** Increase of each counter; null across a gap, and for a counter that went down (reset). */
  deltas: Record<StatKey, number | null>;
}

export interface ResetEvent {
  /** Time of the first sample after the drop. */
  t: number;
  key: StatKey;
}

// Spelled out rather than built from STAT_KEYS so the compiler proves every key is present.
function byKey<V>(value: (key: StatKey) => V): Record<StatKey, V> {
  return {
    totalViewers: value("totalViewers"),
    totalGiftsSent: value("totalGiftsSent"),
    totalGiftCoins: value("totalGiftCoins"),
    totalUniqueGiftSenders: value("totalUniqueGiftSenders"),
    totalLikesReceived: value("totalLikesReceived"),
    totalMsgCount: value("totalMsgCount"),
  };
}

/**
 * The intervals between consecutive samples. A counter that went down has no known increase for
 * that interval (we cannot tell how much of the new value came after the reset), so its delta is
 * null and the next interval simply starts from the new value. A sample that does not move time
 * forward (a repeated timestamp) gives no interval; it replaces the previous one as the baseline,
 * being the newer reading.
 */
export function intervals(samples: readonly Sample[], { maxGapMs }: GapOptions): Interval[] {
  const result: Interval[] = [];
  let previous: Sample | undefined;
  for (const sample of samples) {
    if (previous && sample.t > previous.t) {
      const before = previous;
      const gap = sample.t - before.t > maxGapMs;
      result.push({
        from: before.t,
        to: sample.t,
        gap,
        deltas: byKey((key) => (gap ? null : increase(before.stats[key], sample.stats[key]))),
      });
    }
    previous = sample;
  }
  return result;
}

export interface RateWindowOptions extends GapOptions {
  /** How far back each rate looks: the operator's choice of 1, 5 or 15 minutes (lib/contract/api's RATE_WINDOWS). */
  windowMs: number;
}

/**
 * Per-minute rate of each counter over the window [t - W, t] ending at each sample t: the increase
 * since the window's start, divided by the time it took, per minute. One point per sample.
 *
 * Why a window and not the neighbouring sample: Tencent's totals move in steps, so between samples
 * 5 to 10 s apart the rate zig-zags between 0 and several times the real pace, which inflates
 * peaks and reads as noise. Over a window the steps average out, and the peak kept is the true
 * peak of that window.
 *
 * The window's start is the sample at or before t - W, not a value interpolated at t - W: the
 * totals move in steps, so a straight line between two samples would invent part of a step that
 * may never have happened then. The increase is then a whole number of counts actually observed,
 * over the samples' own span (W, up to W plus the spacing of samples): what rounding to 1/W a
 * minute (lib/format's formatRate) assumes.
 *
 * No rate is claimed (null) where the window is not fully observed:
 * - the first W of a recording, before there is a sample W back (null rather than a partial window:
 *   a window of one 5 s step is exactly the noise and inflated peak this is here to remove);
 * - a window that reaches into a gap (samples further apart than `maxGapMs`, which includes a gap
 *   just before the window's start), and the first W after it: null for every counter, a gap marker
 *   for downsample();
 * - for a counter that went down inside the window (a reset): null for that counter only, never a
 *   negative rate or one averaged over a count that restarted.
 *
 * A sample that repeats the previous one's time replaces it, being the newer reading. Expects
 * samples sorted by t. Linear in the samples: two indices walk forward together.
 */
export function windowedRates(input: readonly Sample[], { windowMs, maxGapMs }: RateWindowOptions): RatePoint[] {
  if (!(windowMs > 0) || !Number.isFinite(windowMs)) throw new RangeError(`windowMs must be a positive number, got ${windowMs}`);
  const samples: Sample[] = [];
  for (const sample of input) {
    if (samples.length > 0 && sample.t <= samples.at(-1)!.t) samples[samples.length - 1] = sample;
    else samples.push(sample);
  }
  const points: RatePoint[] = [];
  // The latest sample that ends a gap, and per counter the latest sample after a drop: a window
  // whose start is at or after them saw neither.
  let lastGap = -1;
  const lastDrop = byKey(() => -1);
  let start = 0;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i]!;
    if (i > 0) {
      const before = samples[i - 1]!;
      if (sample.t - before.t > maxGapMs) lastGap = i;
      for (const key of STAT_KEYS) if (increase(before.stats[key], sample.stats[key]) === null) lastDrop[key] = i;
    }
    const from = sample.t - windowMs;
    while (start + 1 < i && samples[start + 1]!.t <= from) start++;
    const first = samples[start]!;
    if (first.t > from || lastGap > start) {
      points.push(gapPoint(sample.t));
      continue;
    }
    const span = sample.t - first.t;
    const rate = (key: StatKey) => (lastDrop[key] > start ? null : perMinute(first.stats[key], sample.stats[key], span));
    points.push({
      t: sample.t,
      totalViewers: rate("totalViewers"),
      totalGiftsSent: rate("totalGiftsSent"),
      totalGiftCoins: rate("totalGiftCoins"),
      totalUniqueGiftSenders: rate("totalUniqueGiftSenders"),
      totalLikesReceived: rate("totalLikesReceived"),
      totalMsgCount: rate("totalMsgCount"),
    });
  }
  return points;
}

/** How much a counter grew; null when it went down (a reset), so no rate is ever negative. */
function increase(before: number, after: number): number | null {
  const delta = after - before;
  return Number.isFinite(delta) && delta >= 0 ? delta : null;
}

function perMinute(before: number, after: number, dt: number): number | null {
  const delta = increase(before, after);
  // delta * 60000 first: whole-number inputs then stay exact where they can.
  return delta === null ? null : (delta * 60_000) / dt;
}

function gapPoint(t: number): RatePoint {
  return { t, totalViewers: null, totalGiftsSent: null, totalGiftCoins: null, totalUniqueGiftSenders: null, totalLikesReceived: null, totalMsgCount: null };
}

/** Where a counter went down between two consecutive samples, in time order, then key order. */
export function findResets(samples: readonly Sample[]): ResetEvent[] {
  const resets: ResetEvent[] = [];
  for (let i = 1; i < samples.length; i++) {
    const before = samples[i - 1]!;
    const after = samples[i]!;
    for (const key of STAT_KEYS) {
      if (after.stats[key] < before.stats[key]) resets.push({ t: after.t, key });
    }
  }
  return resets;
}

/**
 * Reduces `points` to at most `maxPoints` without losing peaks, for charts far narrower than the
 * recording is long.
 *
 * Why min/max bucketing (the idea behind M4) and not LTTB: LTTB keeps the points that best preserve
 * the line's visual area, which is a good likeness but may drop a one-sample spike when its
 * neighbours outweigh it; a manager looking for "when did chat explode" needs that spike. Here the
 * time range is cut into equal buckets and, per bucket, the points holding each key's maximum and
 * minimum are kept, so every sample that is the extreme of its stretch survives any ratio.
 *
 * All keys share one set of points (one row per time, as recharts wants). The bucket count is
 * searched for: as many buckets as still fit every bucket's max and min of every key. With one key
 * that is about maxPoints / 2 buckets, as in plain min/max bucketing; each extra key takes budget
 * from the others, so pass only the keys the chart draws. Only when even a single bucket does not
 * fit (a budget of a handful of points) are extremes dropped, minima before maxima.
 *
 * Always kept: the first and last point, and gap markers (points where every one of `keys` is
 * null): wherever the input had a gap between two kept points, the output still has one there,
 * so gaps stay gaps. Points are returned as they were (same objects), in input order. Input that
 * already fits is returned unchanged (the same array). Expects `points` sorted by t.
 */
export function downsample<T extends { t: number }>(points: T[], maxPoints: number, keys: readonly (keyof T)[]): T[] {
  const budget = Math.floor(maxPoints);
  const n = points.length;
  if (n <= budget) return points;
  if (!(budget >= 1)) return [];
  if (budget === 1) return [points[n - 1]!];

  // Every value read once into a flat array (NaN = no value): property lookups through generic
  // keys would otherwise dominate. gapsBefore[i] counts gap markers before index i.
  const k = keys.length;
  const values = new Float64Array(n * k);
  const isGap = new Uint8Array(n);
  const gapsBefore = new Int32Array(n + 1);
  // Key by key, so each lookup site sees one property name and stays fast.
  for (let j = 0; j < k; j++) {
    const key = keys[j]!;
    for (let i = 0; i < n; i++) {
      const raw: unknown = points[i]![key];
      values[i * k + j] = typeof raw === "number" && Number.isFinite(raw) ? raw : Number.NaN;
    }
  }
  for (let i = 0; i < n; i++) {
    let any = false;
    for (let j = 0; j < k && !any; j++) any = !Number.isNaN(values[i * k + j]!);
    // With no keys there is no value to miss, so no point is a gap marker.
    isGap[i] = k > 0 && !any ? 1 : 0;
    gapsBefore[i + 1] = gapsBefore[i]! + isGap[i]!;
  }
  const anyGap = gapsBefore[n]! > 0;

  // One pass over the points fills `fine` equal-time buckets (one per point of budget: no output
  // can show more) with each key's extremes. Coarser buckets are then unions of adjacent fine ones,
  // so trying a bucket count costs O(fine × keys), not O(points × keys). Time positions fall back
  // to the index when time does not advance.
  const fine = budget;
  const firstT = points[0]!.t;
  const span = points[n - 1]!.t - firstT;
  const maxAt = new Int32Array(fine * k).fill(-1);
  const minAt = new Int32Array(fine * k).fill(-1);
  const maxValue = new Float64Array(fine * k).fill(Number.NEGATIVE_INFINITY);
  const minValue = new Float64Array(fine * k).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    const position = span > 0 ? (points[i]!.t - firstT) / span : i / n;
    const f = position > 0 ? Math.min(fine - 1, Math.floor(position * fine)) : 0;
    for (let j = 0; j < k; j++) {
      // NaN fails both comparisons; strict ones keep the earliest of equal values.
      const value = values[i * k + j]!;
      const slot = f * k + j;
      if (value > maxValue[slot]!) {
        maxValue[slot] = value;
        maxAt[slot] = i;
      }
      if (value < minValue[slot]!) {
        minValue[slot] = value;
        minAt[slot] = i;
      }
    }
  }

  // Index of key j's max (or min) over fine buckets [from, to), or -1 if none has a value.
  const extreme = (from: number, to: number, j: number, highest: boolean): number => {
    let at = -1;
    let best = highest ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    for (let f = from; f < to; f++) {
      const slot = f * k + j;
      const value = highest ? maxValue[slot]! : minValue[slot]!;
      if (highest ? value > best : value < best) {
        best = value;
        at = highest ? maxAt[slot]! : minAt[slot]!;
      }
    }
    return at;
  };

  const chosen = new Int32Array(budget + 2 * k + 2);
  const stamp = new Int32Array(n);
  let epoch = 0;
  let size = 0;
  const choose = (index: number) => {
    if (index >= 0 && stamp[index] !== epoch) {
      stamp[index] = epoch;
      chosen[size++] = index;
    }
  };

  // Chooses first, last and each bucket's extremes into `chosen`; returns the output size that
  // makes, counting the gap markers that assemble() will put back, or anything over budget as soon
  // as it is clear.
  const tryBuckets = (buckets: number): number => {
    epoch++;
    size = 0;
    choose(0);
    choose(n - 1);
    for (let c = 0; c < buckets; c++) {
      const from = Math.floor((c * fine) / buckets);
      const to = Math.floor(((c + 1) * fine) / buckets);
      for (let j = 0; j < k; j++) {
        choose(extreme(from, to, j, true));
        choose(extreme(from, to, j, false));
      }
      if (size > budget) return size;
    }
    if (!anyGap) return size;
    const sorted = chosen.subarray(0, size).sort();
    let count = size;
    for (let p = 1; p < sorted.length; p++) {
      const before = sorted[p - 1]!;
      const after = sorted[p]!;
      if (!isGap[before] && !isGap[after] && gapsBefore[after]! > gapsBefore[before + 1]!) count++;
    }
    return count;
  };

  const mark = new Uint8Array(n);

  // Walks the marked points in input order, adding one gap marker between two kept points wherever
  // the input had a gap between them. Counts them, and collects them when given an output array.
  const assemble = (out: T[] | null): number => {
    let count = 0;
    let pendingGap = -1;
    let previousWasGap = true; // nothing kept yet: nothing to separate from
    for (let i = 0; i < n; i++) {
      if (mark[i]) {
        if (pendingGap >= 0 && !previousWasGap && !isGap[i]) {
          count++;
          out?.push(points[pendingGap]!);
        }
        count++;
        out?.push(points[i]!);
        previousWasGap = isGap[i] === 1;
        pendingGap = -1;
      } else if (isGap[i] && pendingGap < 0) {
        pendingGap = i;
      }
    }
    return count;
  };

  // More buckets means more points, though not strictly, so a binary search finds a large bucket
  // count that fits; only counts checked to fit are used.
  let best = 0;
  let low = 1;
  let high = fine;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (tryBuckets(middle) <= budget) {
      best = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }

  if (best > 0) {
    tryBuckets(best);
    for (let p = 0; p < size; p++) mark[chosen[p]!] = 1;
  } else {
    // Not even one bucket's extremes fit (a budget of a handful of points): keep first and last,
    // then add each key's overall maximum, then its minimum, each while it still fits.
    mark[0] = 1;
    mark[n - 1] = 1;
    // A budget of two cannot also hold the marker for a gap between them.
    if (assemble(null) > budget) return [points[0]!, points[n - 1]!];
    const maxima = keys.map((_, j) => extreme(0, fine, j, true));
    const minima = keys.map((_, j) => extreme(0, fine, j, false));
    for (const index of [...maxima, ...minima]) {
      if (index < 0 || mark[index]) continue;
      mark[index] = 1;
      if (assemble(null) > budget) mark[index] = 0;
    }
  }

  const out: T[] = [];
  assemble(out);
  return out;
}

/** The stretches between consecutive samples longer than `maxGapMs`: where nobody was watching. */
export function gapsOf(samples: readonly Sample[], { maxGapMs }: GapOptions): { from: number; to: number }[] {
  const gaps: { from: number; to: number }[] = [];
  for (let i = 1; i < samples.length; i++) {
    const from = samples[i - 1]!.t;
    const to = samples[i]!.t;
    if (to - from > maxGapMs) gaps.push({ from, to });
  }
  return gaps;
}

/** The history API's samples as the series functions take them. */
export function toSamples(history: Pick<RoomHistoryResponse, "samples">): Sample[] {
  return history.samples.map(({ t, ...stats }) => ({ t: Date.parse(t), stats }));
}

/** The history API's rates as chart points. */
export function toRatePoints(history: Pick<RoomHistoryResponse, "rates">): RatePoint[] {
  return history.rates.map(({ t, ...rates }: HistoryRate) => ({ t: Date.parse(t), ...rates }));
}

/** A totals row for the charts; all-null rows break the line. */
export type TotalsRow = { t: number } & { [K in StatKey]: number | null };

/**
 * The totals as chart rows, with an all-null row inside every gap the server reported, so the line
 * stops there. (Thinned samples may be minutes apart with nothing missed, so spacing cannot tell.)
 */
export function totalsRows(samples: readonly Sample[], gaps: readonly { from: string; to: string }[]): TotalsRow[] {
  const holes = gaps.map((gap) => (Date.parse(gap.from) + Date.parse(gap.to)) / 2);
  const rows: TotalsRow[] = [];
  const empty = Object.fromEntries(STAT_KEYS.map((key) => [key, null])) as Record<StatKey, null>;
  let h = 0;
  for (const sample of samples) {
    // One hole per gap, between the last sample before its middle and the first after it.
    let hole = false;
    while (h < holes.length && holes[h]! < sample.t) {
      h++;
      hole = true;
    }
    if (hole && rows.length > 0) rows.push({ t: holes[h - 1]!, ...empty });
    rows.push({ t: sample.t, ...sample.stats });
  }
  return rows;
}
