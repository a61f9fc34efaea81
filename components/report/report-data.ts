// Turns the history API's answer into the post-stream report and the rows its charts draw. Pure.
//
// The API thins long recordings to at most `points` samples. lib/history/report.ts judges gaps by
// the spacing of samples, which thinned samples no longer show (kept samples may be minutes apart
// with nothing missing between them). The API's rates, though, were computed from every raw sample
// before thinning, and thinning keeps each counter's maximum and at least one gap marker (a point
// that is null for every counter) wherever there was a gap. So peaks come from those rates, and an
// interval between two samples counts as a gap exactly when a gap marker falls inside it. On an
// unthinned recording both give the same figures as buildReport alone.

import { buildReport, GAP_CADENCES, type RatePeak, type StreamReport } from "@/lib/history/report";
import type { RatePoint, Sample } from "@/lib/history/series";
import { STAT_KEYS, type HistoryRate, type RoomHistoryResponse, type RoomStats, type StatKey } from "@/lib/rooms/types";

/** Used when the API could not tell a cadence (fewer than two samples); the recorder's default. */
const FALLBACK_CADENCE_MS = 10_000;

export function toSamples(history: Pick<RoomHistoryResponse, "samples">): Sample[] {
  return history.samples.map(({ t, ...stats }) => ({ t: Date.parse(t), stats }));
}

export function toRatePoints(history: Pick<RoomHistoryResponse, "rates">): RatePoint[] {
  return history.rates.map(({ t, ...rates }: HistoryRate) => ({ t: Date.parse(t), ...rates }));
}

export function isGapMarker(point: RatePoint): boolean {
  return STAT_KEYS.every((key) => point[key] === null);
}

/**
 * For each interval between consecutive samples (index i: samples[i] → samples[i + 1]), whether
 * the recorder missed time there: a gap marker stamped in (from, to].
 */
export function gapIntervals(samples: readonly Sample[], rates: readonly RatePoint[]): boolean[] {
  const markers = rates.filter(isGapMarker).map((p) => p.t);
  const result: boolean[] = [];
  let m = 0;
  for (let i = 1; i < samples.length; i++) {
    const from = samples[i - 1]!.t;
    const to = samples[i]!.t;
    while (m < markers.length && markers[m]! <= from) m++;
    result.push(m < markers.length && markers[m]! <= to);
  }
  return result;
}

/** The highest rate of each counter and when; the earliest time on a tie. */
export function peaksFromRates(rates: readonly RatePoint[]): Record<StatKey, RatePeak | null> {
  const peaks = Object.fromEntries(STAT_KEYS.map((key) => [key, null])) as Record<StatKey, RatePeak | null>;
  for (const point of rates) {
    for (const key of STAT_KEYS) {
      const rate = point[key];
      const peak = peaks[key];
      if (rate !== null && (peak === null || rate > peak.perMinute)) peaks[key] = { perMinute: rate, t: point.t };
    }
  }
  return peaks;
}

/**
 * Time-weighted mean per-minute rates over the observed intervals, and the gaps. A counter that
 * went down in an interval (a reset) has no known increase there, so that interval counts for
 * neither its increase nor its time, as in buildReport.
 */
export function observedAverages(
  samples: readonly Sample[],
  rates: readonly RatePoint[],
): { averages: Record<StatKey, number | null>; gaps: { count: number; totalMs: number } } {
  const gapAt = gapIntervals(samples, rates);
  const increase = Object.fromEntries(STAT_KEYS.map((key) => [key, 0])) as Record<StatKey, number>;
  const observedMs = { ...increase };
  const gaps = { count: 0, totalMs: 0 };
  for (let i = 1; i < samples.length; i++) {
    const before = samples[i - 1]!;
    const after = samples[i]!;
    const span = after.t - before.t;
    if (!(span > 0)) continue;
    if (gapAt[i - 1]) {
      gaps.count++;
      gaps.totalMs += span;
      continue;
    }
    for (const key of STAT_KEYS) {
      const delta = after.stats[key] - before.stats[key];
      if (!(delta >= 0)) continue;
      increase[key] += delta;
      observedMs[key] += span;
    }
  }
  const averages = Object.fromEntries(
    STAT_KEYS.map((key) => [key, observedMs[key] > 0 ? (increase[key] * 60_000) / observedMs[key] : null]),
  ) as Record<StatKey, number | null>;
  return { averages, gaps };
}

/** The report for a history answer; null when nothing was recorded. */
export function historyReport(history: RoomHistoryResponse): StreamReport | null {
  const samples = toSamples(history);
  const rates = toRatePoints(history);
  const cadenceMs = history.cadenceSeconds && history.cadenceSeconds > 0 ? history.cadenceSeconds * 1000 : FALLBACK_CADENCE_MS;
  const endedAt = history.status === "ended" && history.endedAt ? Date.parse(history.endedAt) : null;
  const report = buildReport(samples, { endedAt, cadenceMs });
  if (!report) return null;
  // Counted before thinning: the report covers every sample, not the ones sent for drawing.
  return { ...report, sampleCount: history.sampleCount, peaks: peaksFromRates(rates), ...observedAverages(samples, rates) };
}

/** A totals row for the charts; all-null rows break the line. */
export type TotalsRow = { t: number } & { [K in StatKey]: number | null };

/**
 * The totals as chart rows, with an all-null row inserted inside every gap so the line stops there
 * (Recharts draws nulls as holes when connectNulls is false).
 */
export function totalsRows(samples: readonly Sample[], rates: readonly RatePoint[]): TotalsRow[] {
  const gapAt = gapIntervals(samples, rates);
  const rows: TotalsRow[] = [];
  const empty = Object.fromEntries(STAT_KEYS.map((key) => [key, null])) as Record<StatKey, null>;
  samples.forEach((sample, i) => {
    if (i > 0 && gapAt[i - 1]) rows.push({ t: (samples[i - 1]!.t + sample.t) / 2, ...empty });
    rows.push({ t: sample.t, ...(sample.stats as RoomStats) });
  });
  return rows;
}

/** How far apart samples may be before the recorder counts as not watching, for the page's notes. */
export function maxGapSeconds(cadenceSeconds: number | null): number | null {
  return cadenceSeconds === null ? null : cadenceSeconds * GAP_CADENCES;
}
