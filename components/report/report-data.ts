// Turns the history API's answer into the post-stream report and the rows its charts draw. Pure.
//
// The API thins long recordings to at most `points` samples. lib/history/report.ts judges gaps by
// the spacing of samples, which thinned samples no longer show (kept samples may be minutes apart
// with nothing missing between them). The API's rates, though, were computed from every raw sample
// before thinning, and thinning keeps each counter's maximum and at least one gap marker (a point
// that is null for every counter) wherever there was a gap. So buildReport is given those rates for
// the peaks, and told that an interval between two samples is a gap exactly when a gap marker falls
// inside it. On an unthinned recording that gives the same figures as buildReport alone.

import { buildReport, type StreamReport } from "@/lib/history/report";
import type { RatePoint, Sample } from "@/lib/history/series";
import { STAT_KEYS, type RoomStats, type StatKey } from "@/lib/contract/stats";
import { type HistoryRate, type RoomHistoryResponse } from "@/lib/contract/api";

/** Used when the API could not tell a cadence (fewer than two samples); the recorder's default. */
const FALLBACK_CADENCE_MS = 10_000;

export function toSamples(history: Pick<RoomHistoryResponse, "samples">): Sample[] {
  return history.samples.map(({ t, ...stats }) => ({ t: Date.parse(t), stats }));
}

export function toRatePoints(history: Pick<RoomHistoryResponse, "rates">): RatePoint[] {
  return history.rates.map(({ t, ...rates }: HistoryRate) => ({ t: Date.parse(t), ...rates }));
}

function isGapMarker(point: RatePoint): boolean {
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

/** The report for a history answer; null when nothing was recorded. */
export function historyReport(history: RoomHistoryResponse): StreamReport | null {
  const samples = toSamples(history);
  const rates = toRatePoints(history);
  const cadenceMs = history.cadenceSeconds && history.cadenceSeconds > 0 ? history.cadenceSeconds * 1000 : FALLBACK_CADENCE_MS;
  const endedAt = history.status === "ended" && history.endedAt ? Date.parse(history.endedAt) : null;
  const gapAt = gapIntervals(samples, rates);
  const report = buildReport(samples, { endedAt, cadenceMs, thinned: { rates, gapBefore: (i) => gapAt[i - 1] ?? false } });
  // Counted before thinning: the report covers every sample, not the ones sent for drawing.
  return report && { ...report, sampleCount: history.sampleCount };
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
