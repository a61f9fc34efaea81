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
  /** For "start": the stream's creation time where known (epoch ms); else the first sample's. */
  streamStart: number | null = null,
): ComparePoint[] {
  if (points.length === 0) return [];
  const origin = align === "start" ? (streamStart ?? Date.parse(points[0]!.t)) : 0;
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

/**
 * How each room's line is scaled, `&scale=` in the URL. One linear axis flattens a small room onto
 * zero beside a big one: "index" and "peak" give every room the same height to move in (each divided
 * by a figure of its own), "log" keeps real values but gives each decade the same height.
 */
export const COMPARE_SCALES = ["absolute", "index", "peak", "log"] as const;
export type CompareScale = (typeof COMPARE_SCALES)[number];

export function parseCompareScale(param: string | null): CompareScale {
  return (COMPARE_SCALES as readonly string[]).includes(param ?? "") ? (param as CompareScale) : "absolute";
}

export interface ScaledPoint {
  x: number;
  /** What the line draws: the value as the scale shows it; null breaks the line. */
  value: number | null;
  /** The recorded value, for the tooltip. */
  real: number | null;
}

export interface ScaledSeries {
  points: ScaledPoint[];
  /**
   * What 100 stands for ("index": the value it was indexed from; "peak": the highest value) and
   * where on the axis it was; null for the other scales, and when the room has no such value
   * (never above zero), in which case it has no line.
   */
  base: { value: number; x: number } | null;
  /** "index" only: the room was at zero (or below) at the start, so it is indexed from its first value above zero. */
  lateBase: boolean;
  /** "log" only: points of zero or below, which a log axis has no place for and the line leaves out. */
  dropped: number;
}

/**
 * One room's series on `scale`. "index": value / the room's first value × 100 (from its first value
 * above zero when it starts at zero: a counter that starts at 0 cannot be divided by); "peak": value
 * / the room's highest value in the range × 100; "log": the values as they are, minus those of zero
 * or below; "absolute": as they are.
 */
export function scaleSeries(points: readonly ComparePoint[], scale: CompareScale): ScaledSeries {
  const real = points.map((p) => ({ x: p.x, value: p.value, real: p.value }));
  if (scale === "absolute") return { points: real, base: null, lateBase: false, dropped: 0 };
  if (scale === "log") {
    const dropped = points.filter((p) => p.value !== null && p.value <= 0).length;
    return { points: real.map((p) => (p.value !== null && p.value <= 0 ? { ...p, value: null } : p)), base: null, lateBase: false, dropped };
  }
  let base: ScaledSeries["base"] = null;
  if (scale === "index") {
    const first = points.find((p) => p.value !== null && p.value > 0);
    if (first) base = { value: first.value!, x: first.x };
  } else {
    for (const p of points) if (p.value !== null && p.value > 0 && (base === null || p.value > base.value)) base = { value: p.value, x: p.x };
  }
  const firstValue = points.find((p) => p.value !== null);
  const lateBase = scale === "index" && base !== null && firstValue !== undefined && firstValue.x !== base.x;
  if (base === null) return { points: real.map((p) => ({ ...p, value: null })), base, lateBase, dropped: 0 };
  const by = base.value;
  return { points: real.map((p) => ({ ...p, value: p.real === null ? null : (p.real / by) * 100 })), base, lateBase, dropped: 0 };
}
