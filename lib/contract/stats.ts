// The six cumulative totals Tencent's get_room_stats answers for a room, as the console names them,
// and the one shape of a reading of them over time. The bottom of lib/: imports nothing but zod.

import { z } from "zod";

export const STAT_KEYS = [
  "totalViewers",
  "totalGiftsSent",
  "totalGiftCoins",
  "totalUniqueGiftSenders",
  "totalLikesReceived",
  "totalMsgCount",
] as const;

export type StatKey = (typeof STAT_KEYS)[number];

/** Each key of STAT_KEYS mapped to `schema`, as one zod object. */
export function byStatKey<S extends z.ZodType>(schema: S) {
  return z.object(Object.fromEntries(STAT_KEYS.map((key) => [key, schema])) as Record<StatKey, S>);
}

/** Counters are cumulative: whole and never negative. */
export const roomStatsSchema = byStatKey(z.number().int().nonnegative());
export type RoomStats = z.infer<typeof roomStatsSchema>;

/** Per-minute rates; null where unknown (a gap, or a counter that went down). */
export const statRatesSchema = byStatKey(z.number().nullable());
export type StatRates = z.infer<typeof statRatesSchema>;

/**
 * One reading of a room's six counters: what the recorder stores, what the history series and the
 * report compute from, and what the live page keeps for its chart.
 */
export interface Sample {
  /** Epoch ms when Tencent answered. */
  t: number;
  stats: RoomStats;
  /** Tencent's RequestId for this answer, where it is known (live lookups; stored samples drop it). */
  requestId?: string;
}
