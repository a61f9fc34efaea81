// Figures derived from a room's raw counters, and the rolling record of samples the room page
// charts. Pure functions: the page keeps the state, these decide what it means.

import type { RoomStats, Sample, StatKey } from "@/lib/contract/stats";
import type { RoomStatsResponse } from "@/lib/contract/api";

/** a / b, or null when the ratio is undefined (nothing to divide by, or not finite). */
export function ratio(numerator: number, denominator: number): number | null {
  if (denominator === 0 || !Number.isFinite(numerator) || !Number.isFinite(denominator)) return null;
  const value = numerator / denominator;
  return Number.isFinite(value) ? value : null;
}

/** Average coins per gift: how valuable the gifts in this room are. */
export function coinsPerGift(stats: RoomStats): number | null {
  return ratio(stats.totalGiftCoins, stats.totalGiftsSent);
}

/** Gifts per unique sender: whether gifting is broad or carried by a few big spenders. */
export function giftsPerSender(stats: RoomStats): number | null {
  return ratio(stats.totalGiftsSent, stats.totalUniqueGiftSenders);
}


/** How many samples a page keeps: at a 2 s interval, ten minutes of history. */
export const MAX_SAMPLES = 300;

export function toSample(response: RoomStatsResponse): Sample | null {
  const t = Date.parse(response.fetchedAt);
  if (!Number.isFinite(t)) return null;
  return { t, requestId: response.requestId, stats: response.stats };
}

/**
 * Appends a sample, keeping the newest `max`. The server hands the same result to every caller
 * within its freshness window, so a repeat of the last answer (same RequestId, or not newer) is
 * dropped rather than drawn as a flat step. Returns the same array when nothing changed, so React
 * can skip the re-render.
 */
export function appendSample(samples: readonly Sample[], sample: Sample, max = MAX_SAMPLES): readonly Sample[] {
  const last = samples.at(-1);
  // A missing or empty RequestId (Tencent left it out) says nothing about sameness; the time still does.
  const sameAnswer = !!sample.requestId && sample.requestId === last?.requestId;
  if (last && (sameAnswer || sample.t <= last.t)) return samples;
  const next = [...samples, sample];
  return next.length > max ? next.slice(next.length - max) : next;
}

/**
 * Change of one counter between the two latest samples, or null with fewer than two. A negative
 * change is reported as such: counters can go back when Tencent resets a room, and hiding that
 * would make the figures look frozen instead of reset.
 */
export function latestChange(samples: readonly Sample[], key: StatKey): number | null {
  const last = samples.at(-1);
  const previous = samples.at(-2);
  if (!last || !previous) return null;
  return last.stats[key] - previous.stats[key];
}

export interface ChartPoint {
  t: number;
  value: number | null;
}

/**
 * Chart points for one counter. Where two samples are further apart than `maxGapMs` (paused,
 * background tab, failing upstream) a null point is inserted so the line breaks instead of
 * pretending the figure moved smoothly through a period nobody observed.
 */
export function chartPoints(samples: readonly Sample[], key: StatKey, maxGapMs: number): ChartPoint[] {
  const points: ChartPoint[] = [];
  let previous: Sample | undefined;
  for (const sample of samples) {
    if (previous && sample.t - previous.t > maxGapMs) {
      points.push({ t: previous.t + (sample.t - previous.t) / 2, value: null });
    }
    points.push({ t: sample.t, value: sample.stats[key] });
    previous = sample;
  }
  return points;
}
