// The time ranges of recorded history a page can show: the last 15 minutes up to a day, the whole
// recording, or a custom window. Pure, so the room page's URL parser and its controls agree.

export const HISTORY_RANGES = ["15m", "1h", "6h", "24h", "all", "custom"] as const;
export type HistoryRangeKey = (typeof HISTORY_RANGES)[number];

/** A custom window, epoch milliseconds, `from` before `to`. */
export interface TimeWindow {
  from: number;
  to: number;
}

type PresetKey = Exclude<HistoryRangeKey, "all" | "custom">;

const RANGE_MS: Record<PresetKey, number> = {
  "15m": 15 * 60_000,
  "1h": 3_600_000,
  "6h": 6 * 3_600_000,
  "24h": 24 * 3_600_000,
};

/**
 * The window to ask the history API for: the last N minutes up to `now`, the custom window, or
 * nothing (the whole recording). `now` should move in whole minutes, since the window is part of the
 * query key and every new key is a new request.
 */
export function historyWindow(range: HistoryRangeKey, custom: TimeWindow | null, now: number): { from?: string; to?: string } {
  if (range === "all") return {};
  if (range === "custom") return custom ? { from: new Date(custom.from).toISOString(), to: new Date(custom.to).toISOString() } : {};
  return { from: new Date(now - RANGE_MS[range]).toISOString() };
}

/**
 * The window a relative range covers at `now`, to start a custom range from what is on screen.
 * The whole recording has no fixed start, so it starts from `firstSampleAt` when known.
 */
export function windowOf(range: HistoryRangeKey, custom: TimeWindow | null, now: number, firstSampleAt: number | null): TimeWindow {
  if (range === "custom" && custom) return custom;
  if (range === "all" || range === "custom") return { from: Math.min(firstSampleAt ?? now - RANGE_MS["1h"], now - 60_000), to: now };
  return { from: now - RANGE_MS[range], to: now };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The value of an `<input type="datetime-local">` for a moment, in the browser's time zone, to the minute. */
export function toLocalInputValue(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The moment a `datetime-local` value names in the browser's time zone, or null when it is not one. */
export function fromLocalInputValue(value: string): number | null {
  // A date-time without an offset is local time (ECMA-262 Date.parse); anything else is refused.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** A window, when `from` and `to` make one: both known and the start before the end. */
export function timeWindow(from: number | null | undefined, to: number | null | undefined): TimeWindow | null {
  return from != null && to != null && from < to ? { from, to } : null;
}

export type WindowProblem = "start_missing" | "end_missing" | "start_after_end";

export type WindowCheck = { ok: true; window: TimeWindow } | { ok: false; problem: WindowProblem; fields: readonly ("from" | "to")[] };

/** A custom window typed by an operator: both ends present and the start before the end. */
export function checkWindow(from: string, to: string): WindowCheck {
  const start = fromLocalInputValue(from);
  const end = fromLocalInputValue(to);
  if (start === null) return { ok: false, problem: "start_missing", fields: ["from"] };
  if (end === null) return { ok: false, problem: "end_missing", fields: ["to"] };
  const window = timeWindow(start, end);
  return window ? { ok: true, window } : { ok: false, problem: "start_after_end", fields: ["from", "to"] };
}

/** The ranges `t` then 1 to 5 pick, in their order on screen. */
export const RANGE_SHORTCUT_KEYS = ["15m", "1h", "6h", "24h", "all"] as const satisfies readonly HistoryRangeKey[];

/**
 * The custom window one step back (-1) or forward (+1) from the one on screen, by its own length:
 * a preset becomes the window of the same length just before it. Forward stops at `now` (a window
 * partly in the future ends at now, keeping its length); null when already there, so there is
 * nothing later to see.
 */
export function shiftWindow(range: HistoryRangeKey, custom: TimeWindow | null, direction: -1 | 1, now: number, firstSampleAt: number | null): TimeWindow | null {
  const current = windowOf(range, custom, now, firstSampleAt);
  const length = current.to - current.from;
  if (direction === 1 && current.to >= now) return null;
  const shifted = { from: current.from + direction * length, to: current.to + direction * length };
  return shifted.to > now ? { from: now - length, to: now } : shifted;
}

/**
 * The view one step wider, as Grafana's zoom out: a preset becomes the next longer one (still
 * following now), the longest the whole recording; a custom window doubles around its middle, its
 * end no later than `now` (the room page shows no future). Null when there is nothing wider: the
 * whole recording is already on screen.
 */
export function zoomOut(range: HistoryRangeKey, custom: TimeWindow | null, now: number): { range: HistoryRangeKey; custom: TimeWindow | null } | null {
  if (range === "all" || (range === "custom" && !custom)) return null;
  if (range !== "custom") {
    const next = RANGE_SHORTCUT_KEYS[RANGE_SHORTCUT_KEYS.indexOf(range) + 1] ?? "all";
    return { range: next, custom: null };
  }
  const length = custom!.to - custom!.from;
  const middle = custom!.from + length / 2;
  const to = Math.min(middle + length, now);
  return { range: "custom", custom: { from: Math.round(to - 2 * length), to: Math.round(to) } };
}

/** The smallest window drag-to-zoom makes: a shorter one holds less than one sample at the recorder's default 10 s. */
export const MIN_ZOOM_MS = 10_000;

/**
 * The window a drag across a chart selects, from the two ends in either order; at least
 * MIN_ZOOM_MS long around the middle of the drag. Null for a click (the ends the same).
 */
export function dragWindow(a: number, b: number): TimeWindow | null {
  if (a === b) return null;
  const from = Math.min(a, b);
  const to = Math.max(a, b);
  if (to - from >= MIN_ZOOM_MS) return { from: Math.round(from), to: Math.round(to) };
  const middle = (from + to) / 2;
  return { from: Math.round(middle - MIN_ZOOM_MS / 2), to: Math.round(middle + MIN_ZOOM_MS / 2) };
}
