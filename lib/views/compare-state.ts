// The compare page's state in its URL, so a link shares the exact view:
//   ?rooms=a,b            the rooms compared, in their order (their colours follow it)
//   &align=start          clock (times of day, the default) or start (time since each recording began)
//   &series=rates         totals (default) or per-minute rates, &rateWindow=5m their window
//   &scale=index          absolute (default), index, peak or log
//   &range=6h ...         the time range, the whole recordings by default, and the refresh
//   &refresh=30&paused=1  (lib/views/time-state.ts)
// Junk falls back to the default instead of failing: a hand-edited link should still open the page.

import { DEFAULT_RATE_WINDOW, RATE_WINDOWS, type RateWindow } from "@/lib/contract/api";
import { parseCompareScale, type CompareAlign, type CompareScale } from "@/lib/history/compare";
import { firstValue, parseRefresh, parseTimeRange, searchRecord, setRefresh, setTimeRange, type RefreshState, type SearchParamsInput, type TimeRangeState } from "./time-state";

export const COMPARE_SERIES = ["totals", "rates"] as const;
export type CompareSeries = (typeof COMPARE_SERIES)[number];

export interface CompareViewState extends TimeRangeState, RefreshState {
  /** The `rooms` parameter as written; lib/history/compare.ts parses and checks it. */
  rooms: string;
  align: CompareAlign;
  series: CompareSeries;
  scale: CompareScale;
  rateWindow: RateWindow;
}

export const DEFAULT_COMPARE_VIEW: Omit<CompareViewState, "rooms"> = { align: "clock", series: "totals", scale: "absolute", rateWindow: DEFAULT_RATE_WINDOW, range: "all", custom: null, refresh: 30, paused: false };

const text = (value: unknown) => {
  const first = firstValue(value);
  return typeof first === "string" ? first : null;
};

export function parseCompareSearchParams(input: SearchParamsInput): CompareViewState {
  const record = searchRecord(input);
  const rateWindow = text(record.rateWindow);
  return {
    rooms: text(record.rooms) ?? "",
    align: text(record.align) === "start" ? "start" : "clock",
    series: text(record.series) === "rates" ? "rates" : "totals",
    scale: parseCompareScale(text(record.scale)),
    rateWindow: (RATE_WINDOWS as readonly string[]).includes(rateWindow ?? "") ? (rateWindow as RateWindow) : DEFAULT_RATE_WINDOW,
    ...parseTimeRange(record, DEFAULT_COMPARE_VIEW.range),
    ...parseRefresh(record),
  };
}

/** The page's path for rooms and a state, leaving defaults out so plain links stay plain. */
export function compareHref(rooms: readonly string[], state: Partial<Omit<CompareViewState, "rooms">> = {}): string {
  const view = { ...DEFAULT_COMPARE_VIEW, ...state };
  const params = new URLSearchParams({ rooms: rooms.join(",") });
  if (view.align !== DEFAULT_COMPARE_VIEW.align) params.set("align", view.align);
  if (view.series !== DEFAULT_COMPARE_VIEW.series) params.set("series", view.series);
  if (view.rateWindow !== DEFAULT_COMPARE_VIEW.rateWindow) params.set("rateWindow", view.rateWindow);
  if (view.scale !== DEFAULT_COMPARE_VIEW.scale) params.set("scale", view.scale);
  setTimeRange(params, view, DEFAULT_COMPARE_VIEW.range);
  setRefresh(params, view);
  // The commas between rooms stay readable; a comma inside a RoomId cannot be compared anyway.
  return `/compare?${params.toString().replace(/%2C/g, ",")}`;
}
