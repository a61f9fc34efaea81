// The post-stream report: what a recorded stream amounted to, when it peaked, and how engaged its
// audience was. Pure; the history service computes it from every raw sample beside the store, and
// rates come from ./series so the report's peaks are the same numbers the charts draw.

import type { z } from "zod";
import type { streamReportSchema } from "@/lib/contract/api";
import { STAT_KEYS, type RoomStats, type StatKey } from "@/lib/contract/stats";
import { coinsPerGift, giftsPerSender, ratio } from "@/lib/stats/derived";
import { findResets, intervals, windowedRates, type RatePoint, type Sample } from "./series";

/** The report's figures, as the API's contract defines them (times in epoch ms). */
export type StreamReport = z.output<typeof streamReportSchema>;
/** The highest per-minute rate of a counter over the rate window, and when it was reached (the window's end). */
export type RatePeak = NonNullable<StreamReport["peaks"][StatKey]>;
/** Audience figures from one set of totals; null where the denominator is 0. */
export type StreamRatios = StreamReport["ratios"];

export interface ReportOptions {
  /** When the stream ended, if known; otherwise the last sample stands for the end. */
  endedAt: number | null;
  /** The recorder's sampling interval; an interval over 3 × this is a gap. */
  cadenceMs: number;
  /** The window peaks are taken over (./series windowedRates): the operator's 1, 5 or 15 minutes. */
  rateWindowMs: number;
}

/** How many cadences may pass between samples before the recorder counts as not watching. */
export const GAP_CADENCES = 3;

/** Unique gift senders per 100 viewers: how much of the audience paid anything at all. */
export function giftSendersPer100Viewers(stats: RoomStats): number | null {
  // Scaled before dividing so whole numbers give exact percentages.
  return ratio(stats.totalUniqueGiftSenders * 100, stats.totalViewers);
}

/** Likes per viewer. */
export function likesPerViewer(stats: RoomStats): number | null {
  return ratio(stats.totalLikesReceived, stats.totalViewers);
}

/** Chat messages per viewer. */
export function messagesPerViewer(stats: RoomStats): number | null {
  return ratio(stats.totalMsgCount, stats.totalViewers);
}

/** Every audience ratio for one set of totals; the live page can use it on the latest stats. */
export function streamRatios(stats: RoomStats): StreamRatios {
  return {
    coinsPerGift: coinsPerGift(stats),
    giftsPerSender: giftsPerSender(stats),
    giftSendersPer100Viewers: giftSendersPer100Viewers(stats),
    likesPerViewer: likesPerViewer(stats),
    messagesPerViewer: messagesPerViewer(stats),
  };
}

/** The highest rate of each counter and when; the earliest time on a tie, when it was first reached. */
export function peaksOf(rates: readonly RatePoint[]): Record<StatKey, RatePeak | null> {
  const peaks = emptyByKey<RatePeak | null>(null);
  for (const point of rates) {
    for (const key of STAT_KEYS) {
      const rate = point[key];
      const peak = peaks[key];
      if (rate !== null && (peak === null || rate > peak.perMinute)) peaks[key] = { perMinute: rate, t: point.t };
    }
  }
  return peaks;
}

function emptyByKey<V>(value: V): Record<StatKey, V> {
  return Object.fromEntries(STAT_KEYS.map((key) => [key, value])) as Record<StatKey, V>;
}

/**
 * Builds the post-stream report from a recording sorted by time.
 *
 * No samples gives null rather than a report of zeros: there was no stream to report on, and
 * zeros would read as a stream nobody watched. One sample gives totals and ratios but no rates.
 * Peaks are the highest rate over any fully observed window of `rateWindowMs` (a recording shorter
 * than the window has none). Averages do not depend on the window: they are over all the observed
 * time. Resets and gaps never feed rates: peaks skip them, and averages divide each counter's increase
 * over the intervals where it is known by the time those intervals cover (time-weighted, so a
 * stretched cadence does not skew the mean).
 */
export function buildReport(samples: readonly Sample[], { endedAt, cadenceMs, rateWindowMs }: ReportOptions): StreamReport | null {
  if (!(cadenceMs > 0) || !Number.isFinite(cadenceMs)) throw new RangeError(`cadenceMs must be a positive number, got ${cadenceMs}`);
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last) return null;

  const options = { maxGapMs: GAP_CADENCES * cadenceMs };
  const end = endedAt ?? last.t;

  const peaks = peaksOf(windowedRates(samples, { ...options, windowMs: rateWindowMs }));

  const increase = emptyByKey(0);
  const observedMs = emptyByKey(0);
  const gaps = { count: 0, totalMs: 0 };
  for (const interval of intervals(samples, options)) {
    if (interval.gap) {
      gaps.count++;
      gaps.totalMs += interval.to - interval.from;
      continue;
    }
    for (const key of STAT_KEYS) {
      const delta = interval.deltas[key];
      if (delta === null) continue;
      increase[key] += delta;
      observedMs[key] += interval.to - interval.from;
    }
  }
  const averages = emptyByKey<number | null>(null);
  for (const key of STAT_KEYS) {
    if (observedMs[key] > 0) averages[key] = (increase[key] * 60_000) / observedMs[key];
  }

  const events = findResets(samples);

  return {
    startedAt: first.t,
    endedAt: end,
    durationMs: Math.max(0, end - first.t),
    sampleCount: samples.length,
    finalTotals: { ...last.stats },
    peaks,
    averages,
    ratios: streamRatios(last.stats),
    resets: { count: new Set(events.map((event) => event.t)).size, events },
    gaps,
  };
}

/** How far before the first sample a creation time may lie and still be the same stream (a day). */
const MAX_STREAM_LEAD_MS = 86_400_000;

/**
 * The report's duration: the stream's length from its creation time (get_room_info's CreateTime)
 * when that is known and fits the recording, else what was recorded. A creation time after the
 * first sample, or long before it, belongs to another room of the same id: the recording's own
 * length is then the truthful figure.
 */
export function streamDuration(report: Pick<StreamReport, "startedAt" | "endedAt" | "durationMs">, createdAt: number | null): { kind: "stream" | "recorded"; ms: number } {
  const start = streamStart(report.startedAt, createdAt);
  if (start === null) return { kind: "recorded", ms: report.durationMs };
  return { kind: "stream", ms: Math.max(0, report.endedAt - start) };
}

/** The creation time when it can be this recording's stream start (see streamDuration), else null. */
export function streamStart(firstSampleAt: number, createdAt: number | null): number | null {
  if (createdAt === null || !Number.isFinite(createdAt)) return null;
  // A second of slack: CreateTime is whole seconds.
  const lead = firstSampleAt - createdAt;
  return lead < -1000 || lead > MAX_STREAM_LEAD_MS ? null : createdAt;
}
