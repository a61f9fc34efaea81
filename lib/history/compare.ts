// Comparing 2 to 4 rooms: which rooms the URL asks for, and each room's series placed on a shared
// axis, by clock time or by time since its own stream started. Pure and browser-safe.

import { checkRoomId, type RoomIdCheck } from "@/lib/contract/room-id";
import type { StatKey } from "@/lib/contract/stats";
import type { HistoryRate, HistorySample } from "@/lib/contract/api";

export const MIN_COMPARED = 2;
export const MAX_COMPARED = 4;

export type CompareAlign = "clock" | "start";

export type ComparedRoomsProblem =
  | { problem: "bad_room"; roomId: string; check: Extract<RoomIdCheck, { ok: false }> }
  | { problem: "too_few"; min: number }
  | { problem: "too_many"; max: number };

export type ComparedRooms = { ok: true; rooms: string[] } | ({ ok: false; rooms: string[] } & ComparedRoomsProblem);

/** `?rooms=a,b,c`: trimmed, de-duplicated, each a valid RoomId, 2 to 4 of them. */
export function parseComparedRooms(param: string | null): ComparedRooms {
  const rooms = [...new Set((param ?? "").split(",").map((r) => r.trim()).filter((r) => r !== ""))];
  for (const roomId of rooms) {
    const check = checkRoomId(roomId);
    if (!check.ok) return { ok: false, rooms, problem: "bad_room", roomId, check };
  }
  if (rooms.length < MIN_COMPARED) return { ok: false, rooms, problem: "too_few", min: MIN_COMPARED };
  if (rooms.length > MAX_COMPARED) return { ok: false, rooms, problem: "too_many", max: MAX_COMPARED };
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
