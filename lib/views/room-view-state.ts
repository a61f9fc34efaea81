// The room page's state that belongs in the URL, so a shared link opens the same room the same way.
// Here rather than beside the route because links to a room are made all over the console (search,
// recent lookups, the watchlist, the report):
//   ?interval=5    seconds between polls (one of INTERVAL_OPTIONS_S)
//   &paused=1      updates paused: the live figures and the recorded history alike
//   &metric=...    the counter the chart shows (a StatKey)
//   &range=6h      the recorded history shown, &from=...&to=... for a custom one (time-state.ts)
//   &chart=rates   which history charts: totals, rates (per minute) or ratios
//   &kiosk=1       wall mode: the room full-screen for a TV (lib/views/wall.ts)
//   &rateWindow=5m the window the rates are over: 1m (default), 5m or 15m; the report takes it too,
//                  with the range and refresh (reportHref)
// Junk falls back to the default instead of failing: a hand-edited link should still open the room.

import { z } from "zod";
import { DEFAULT_RATE_WINDOW, RATE_WINDOWS, type RateWindow } from "@/lib/contract/api";
import { STAT_KEYS, type StatKey } from "@/lib/contract/stats";
import { DEFAULT_INTERVAL_S, isIntervalOption, type IntervalSeconds } from "@/lib/stats/polling";
import {
  DEFAULT_REFRESH_S,
  firstValue,
  parsePaused,
  parseRefresh,
  parseTimeRange,
  searchRecord,
  setRefresh,
  setTimeRange,
  type RefreshState,
  type SearchParamsInput,
  type TimeRangeState,
} from "./time-state";
import { isKioskValue, KIOSK_PARAM } from "./wall";

export const HISTORY_CHARTS = ["totals", "rates", "ratios"] as const;
export type HistoryChartKind = (typeof HISTORY_CHARTS)[number];

export interface RoomViewState extends TimeRangeState {
  interval: IntervalSeconds;
  paused: boolean;
  metric: StatKey;
  chart: HistoryChartKind;
  /** Wall mode. */
  kiosk: boolean;
  rateWindow: RateWindow;
}

export const DEFAULT_METRIC: StatKey = "totalViewers";

export const DEFAULT_ROOM_VIEW: RoomViewState = { interval: DEFAULT_INTERVAL_S, paused: false, metric: DEFAULT_METRIC, range: "1h", custom: null, chart: "totals", rateWindow: DEFAULT_RATE_WINDOW, kiosk: false };

const rateWindowParam = z.preprocess(firstValue, z.enum(RATE_WINDOWS).catch(DEFAULT_RATE_WINDOW));

const schema = z.object({
  interval: z.preprocess(
    firstValue,
    z.coerce
      .number()
      .refine((n): n is IntervalSeconds => isIntervalOption(n))
      .catch(DEFAULT_INTERVAL_S),
  ),
  metric: z.preprocess(firstValue, z.enum(STAT_KEYS).catch(DEFAULT_METRIC)),
  chart: z.preprocess(firstValue, z.enum(HISTORY_CHARTS).catch(DEFAULT_ROOM_VIEW.chart)),
  rateWindow: rateWindowParam,
  kiosk: z.preprocess(firstValue, z.string().optional().catch(undefined)),
});

export function parseRoomSearchParams(input: SearchParamsInput): RoomViewState {
  const record = searchRecord(input);
  const parsed = schema.parse(record);
  return {
    interval: parsed.interval as IntervalSeconds,
    paused: parsePaused(record),
    metric: parsed.metric,
    ...parseTimeRange(record, DEFAULT_ROOM_VIEW.range),
    chart: parsed.chart,
    rateWindow: parsed.rateWindow,
    kiosk: isKioskValue(parsed.kiosk),
  };
}

/** The query string for a state, leaving defaults out so plain links stay plain. */
export function roomSearchString(state: RoomViewState): string {
  const params = new URLSearchParams();
  if (state.interval !== DEFAULT_INTERVAL_S) params.set("interval", String(state.interval));
  if (state.paused) params.set("paused", "1");
  if (state.metric !== DEFAULT_METRIC) params.set("metric", state.metric);
  setTimeRange(params, state, DEFAULT_ROOM_VIEW.range);
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

/**
 * The report's state in its URL: the window its peaks and rate charts use (`?rateWindow=`), the time
 * range it covers (the whole recording by default) and its refresh while the stream is live.
 */
export interface ReportViewState extends TimeRangeState, RefreshState {
  rateWindow: RateWindow;
}

export const DEFAULT_REPORT_VIEW: ReportViewState = { rateWindow: DEFAULT_RATE_WINDOW, range: "all", custom: null, refresh: DEFAULT_REFRESH_S, paused: false };

export function parseReportSearchParams(input: SearchParamsInput): ReportViewState {
  const record = searchRecord(input);
  return { rateWindow: rateWindowParam.parse(record.rateWindow), ...parseTimeRange(record, DEFAULT_REPORT_VIEW.range), ...parseRefresh(record) };
}

/** The room's post-stream report, under the room page's path. */
export function reportHref(roomId: string, state: Partial<ReportViewState> = {}): string {
  const view = { ...DEFAULT_REPORT_VIEW, ...state };
  const params = new URLSearchParams();
  if (view.rateWindow !== DEFAULT_RATE_WINDOW) params.set("rateWindow", view.rateWindow);
  setTimeRange(params, view, DEFAULT_REPORT_VIEW.range);
  setRefresh(params, view);
  const search = params.toString();
  return `/rooms/${encodeURIComponent(roomId)}/report${search ? `?${search}` : ""}`;
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

