import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { checkRoomId } from "@/lib/rooms/room-id";
import { STAT_KEYS, type HistoryRate, type HistorySample, type RoomHistoryResponse } from "@/lib/rooms/types";
import type { HistoryStore, Sample } from "@/lib/store/store";
import { downsample, perMinuteRates } from "./series";

// Reading recorded history: the range and size rules of the history API, the downsampling that keeps
// peaks, and the CSV export. The route handlers only parse and answer.

export const historyQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time, such as 2026-11-25T18:00:00Z" }).optional(),
    to: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time, such as 2026-11-25T20:00:00Z" }).optional(),
    points: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(2, "must be at least 2").max(2000, "must be at most 2000").default(500),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: "must not be after `to`", path: ["from"] });

export type HistoryQuery = z.infer<typeof historyQuerySchema>;

/** Query parameters as the API's 400, naming the parameter. */
export function parseHistoryQuery(url: URL): { from?: number; to?: number; points: number } {
  const parsed = historyQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiError(400, "invalid_query", `\`${String(issue.path[0])}\` ${issue.message}.`);
  }
  const q = parsed.data;
  return { from: q.from ? Date.parse(q.from) : undefined, to: q.to ? Date.parse(q.to) : undefined, points: q.points };
}

export function requireRoomId(roomId: string): string {
  const check = checkRoomId(roomId);
  if (!check.ok) throw new ApiError(400, "invalid_room_id", check.message);
  return roomId;
}

/** The typical spacing of samples: the median gap, which ignores the odd lookup between two. */
export function achievedCadenceMs(samples: readonly Sample[]): number | null {
  if (samples.length < 2) return null;
  const gaps = samples.slice(1).map((s, i) => s.t - samples[i]!.t).sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]!;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function roomHistory(
  store: HistoryStore,
  roomId: string,
  range: { from?: number; to?: number; points: number },
): Promise<RoomHistoryResponse> {
  const [room, samples] = await Promise.all([store.room(roomId), store.samples(roomId, { from: range.from, to: range.to })]);
  const cadence = achievedCadenceMs(samples);
  // A gap is a gap once three samples in a row are missing.
  const rates = perMinuteRates(samples, { maxGapMs: 3 * (cadence ?? 10_000) });
  const flatSamples = samples.map((s) => ({ t: s.t, ...s.stats }));
  return {
    roomId,
    status: room ? room.status : "unknown",
    firstSampleAt: iso(room?.firstSampleAt ?? null),
    lastSampleAt: iso(room?.lastSampleAt ?? null),
    endedAt: iso(room?.endedAt ?? null),
    cadenceSeconds: cadence === null ? null : Math.round(cadence / 100) / 10,
    sampleCount: samples.length,
    samples: downsample(flatSamples, range.points, STAT_KEYS).map(({ t, ...stats }): HistorySample => ({ t: new Date(t).toISOString(), ...stats })),
    rates: downsample(rates, range.points, STAT_KEYS).map(({ t, ...values }): HistoryRate => ({ t: new Date(t).toISOString(), ...values })),
  };
}

const CSV_HEADER = ["time", ...STAT_KEYS].join(",");

/**
 * Every raw sample in the range. UTF-8 with a byte-order mark, so Excel in any locale reads it as
 * UTF-8; ISO times; a header row; no quoting needed since every field is a time or an integer.
 */
export async function roomHistoryCsv(store: HistoryStore, roomId: string, range: { from?: number; to?: number }): Promise<string> {
  const samples = await store.samples(roomId, range);
  const lines = samples.map((s) => [new Date(s.t).toISOString(), ...STAT_KEYS.map((k) => s.stats[k])].join(","));
  return `\uFEFF${CSV_HEADER}\r\n${lines.map((l) => `${l}\r\n`).join("")}`;
}
