// Comparing 2 to 4 rooms: which rooms the URL asks for, and each room's series placed on a shared
// axis, by clock time or by time since its own stream started. Pure and browser-safe.

import { checkRoomId } from "@/lib/rooms/room-id";
import type { HistoryRate, HistorySample, StatKey } from "@/lib/rooms/types";

export const MIN_COMPARED = 2;
export const MAX_COMPARED = 4;

export type CompareAlign = "clock" | "start";

export type ComparedRooms = { ok: true; rooms: string[] } | { ok: false; rooms: string[]; message: string };

/** `?rooms=a,b,c`: trimmed, de-duplicated, each a valid RoomId, 2 to 4 of them. */
export function parseComparedRooms(param: string | null): ComparedRooms {
  const rooms = [...new Set((param ?? "").split(",").map((r) => r.trim()).filter((r) => r !== ""))];
  for (const roomId of rooms) {
    const check = checkRoomId(roomId);
    if (!check.ok) return { ok: false, rooms, message: `“${roomId}”: ${check.message}` };
  }
  if (rooms.length < MIN_COMPARED) return { ok: false, rooms, message: `Choose at least ${MIN_COMPARED} rooms to compare.` };
  if (rooms.length > MAX_COMPARED) return { ok: false, rooms, message: `Compare at most ${MAX_COMPARED} rooms at a time.` };
  return { ok: true, rooms };
}

export interface ComparePoint {
  /** Epoch ms ("clock") or ms since the room's first sample ("start"). */
  x: number;
  value: number | null;
}

/**
 * One room's series of one counter on the shared axis. Points further apart than `maxGapMs` get a
 * null between them, so the line breaks where the recorder was not watching.
 */
export function alignSeries(
  points: readonly (HistorySample | HistoryRate)[],
  key: StatKey,
  align: CompareAlign,
  maxGapMs: number,
): ComparePoint[] {
  if (points.length === 0) return [];
  const origin = align === "start" ? Date.parse(points[0]!.t) : 0;
  const out: ComparePoint[] = [];
  let previous: number | null = null;
  for (const point of points) {
    const t = Date.parse(point.t);
    if (previous !== null && t - previous > maxGapMs) out.push({ x: previous - origin + 1, value: null });
    out.push({ x: t - origin, value: point[key] });
    previous = t;
  }
  return out;
}
