// The room page's state that belongs in the URL, so a shared link opens the same room the same way.
// Here rather than beside the route because links to a room are made all over the console (search,
// recent lookups, the watchlist, the report):
//   ?interval=5    seconds between polls (one of INTERVAL_OPTIONS_S)
//   &paused=1      updates paused
//   &metric=...    the counter the chart shows (a StatKey)
//   &range=6h      the recorded history shown: 15m, 1h, 6h, 24h, all, or custom with
//   &from=...&to=...   its window as ISO 8601 times (range=custom only)
//   &chart=rates   which history charts: totals, rates (per minute) or ratios
//   &kiosk=1       wall mode: the room full-screen for a TV (lib/views/wall.ts)
//   &rateWindow=5m the window the rates are over: 1m (default), 5m or 15m; the report takes it too
// Junk falls back to the default instead of failing: a hand-edited link should still open the room.

import { z } from "zod";
import { HISTORY_RANGES, timeWindow, type HistoryRangeKey, type TimeWindow } from "@/lib/history/range";
import { DEFAULT_RATE_WINDOW, RATE_WINDOWS, type RateWindow } from "@/lib/contract/api";
import { STAT_KEYS, type StatKey } from "@/lib/contract/stats";
import { DEFAULT_INTERVAL_S, isIntervalOption, type IntervalSeconds } from "@/lib/stats/polling";
import { isKioskValue, KIOSK_PARAM } from "./wall";

export const HISTORY_CHARTS = ["totals", "rates", "ratios"] as const;
export type HistoryChartKind = (typeof HISTORY_CHARTS)[number];

export interface RoomViewState {
  interval: IntervalSeconds;
  paused: boolean;
  metric: StatKey;
  range: HistoryRangeKey;
  /** The window of range=custom; null for every other range. */
  custom: TimeWindow | null;
  chart: HistoryChartKind;
  /** Wall mode. */
  kiosk: boolean;
  rateWindow: RateWindow;
}

export const DEFAULT_METRIC: StatKey = "totalViewers";

export const DEFAULT_ROOM_VIEW: RoomViewState = { interval: DEFAULT_INTERVAL_S, paused: false, metric: DEFAULT_METRIC, range: "1h", custom: null, chart: "totals", rateWindow: DEFAULT_RATE_WINDOW, kiosk: false };

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const isoTime = z.iso
  .datetime({ offset: true })
  .transform((s) => Date.parse(s))
  .optional()
  .catch(undefined);

const schema = z.object({
  interval: z.preprocess(
    first,
    z.coerce
      .number()
      .refine((n): n is IntervalSeconds => isIntervalOption(n))
      .catch(DEFAULT_INTERVAL_S),
  ),
  paused: z.preprocess(first, z.enum(["1", "true"]).transform(() => true).catch(false)),
  metric: z.preprocess(first, z.enum(STAT_KEYS).catch(DEFAULT_METRIC)),
  range: z.preprocess(first, z.enum(HISTORY_RANGES).catch(DEFAULT_ROOM_VIEW.range)),
  chart: z.preprocess(first, z.enum(HISTORY_CHARTS).catch(DEFAULT_ROOM_VIEW.chart)),
  rateWindow: z.preprocess(first, z.enum(RATE_WINDOWS).catch(DEFAULT_RATE_WINDOW)),
  from: z.preprocess(first, isoTime),
  to: z.preprocess(first, isoTime),
  kiosk: z.preprocess(first, z.string().optional().catch(undefined)),
});

type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

export function parseRoomSearchParams(input: SearchParamsInput): RoomViewState {
  const record = input instanceof URLSearchParams ? Object.fromEntries(input) : input;
  const parsed = schema.parse(record);
  // A custom range without a usable window is junk like any other: the default range instead.
  const custom = parsed.range === "custom" ? timeWindow(parsed.from, parsed.to) : null;
  const range = parsed.range === "custom" && !custom ? DEFAULT_ROOM_VIEW.range : parsed.range;
  return { interval: parsed.interval as IntervalSeconds, paused: parsed.paused, metric: parsed.metric, range, custom, chart: parsed.chart, rateWindow: parsed.rateWindow, kiosk: isKioskValue(parsed.kiosk) };
}

/** The query string for a state, leaving defaults out so plain links stay plain. */
export function roomSearchString(state: RoomViewState): string {
  const params = new URLSearchParams();
  if (state.interval !== DEFAULT_INTERVAL_S) params.set("interval", String(state.interval));
  if (state.paused) params.set("paused", "1");
  if (state.metric !== DEFAULT_METRIC) params.set("metric", state.metric);
  if (state.range !== DEFAULT_ROOM_VIEW.range) params.set("range", state.range);
  if (state.range === "custom" && state.custom) {
    params.set("from", new Date(state.custom.from).toISOString());
    params.set("to", new Date(state.custom.to).toISOString());
  }
  if (state.chart !== DEFAULT_ROOM_VIEW.chart) params.set("chart", state.chart);
  if (state.kiosk) params.set(KIOSK_PARAM, "1");
  if (state.rateWindow !== DEFAULT_RATE_WINDOW) params.set("rateWindow", state.rateWindow);
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** The room page's path; the RoomId can hold "/", "?", "#" and "%", so it is always encoded. */
export function roomHref(roomId: string, state: Partial<RoomViewState> = {}): string {
  return `/rooms/${encodeURIComponent(roomId)}${roomSearchString({ ...DEFAULT_ROOM_VIEW, ...state })}`;
}

/** The report's state in its URL: the window its peaks and rate charts use (`?rateWindow=`). */
export interface ReportViewState {
  rateWindow: RateWindow;
}

export function parseReportSearchParams(input: SearchParamsInput): ReportViewState {
  const record = input instanceof URLSearchParams ? Object.fromEntries(input) : input;
  return { rateWindow: schema.shape.rateWindow.parse(record.rateWindow) };
}

/** The room's post-stream report, under the room page's path. */
export function reportHref(roomId: string, state: Partial<ReportViewState> = {}): string {
  const rateWindow = state.rateWindow ?? DEFAULT_RATE_WINDOW;
  return `/rooms/${encodeURIComponent(roomId)}/report${rateWindow === DEFAULT_RATE_WINDOW ? "" : `?rateWindow=${rateWindow}`}`;
}

/**
 * The RoomId from the route's dynamic segment. Next hands the segment over still percent-encoded,
 * and roomHref encoded it exactly once, so it is decoded exactly once. A segment that is not valid
 * percent-encoding cannot have come from roomHref; it is taken literally and checkRoomId judges it.
 */
export function decodeRoomParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

