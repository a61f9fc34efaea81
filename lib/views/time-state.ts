// The time controls' part of a page's URL, read and written the same way on every page that shows
// data over time (room, report, watchlist, compare), so a link shares the exact view:
//   &range=6h           the time range: 15m, 1h, 6h, 24h, all, or custom with
//   &from=...&to=...    its window as ISO 8601 times (range=custom only; a chart drag makes one)
//   &refresh=30         seconds between refreshes (REFRESH_OPTIONS_S; the room page's live
//                       figures have their own `interval`, lib/stats/polling.ts)
//   &paused=1           every refresh of the page stopped
// Each page has its own default range (the room page the last hour, the report the whole
// recording); a default is left out of the link. Junk falls back to the default instead of failing.

import { z } from "zod";
import { HISTORY_RANGES, timeWindow, type HistoryRangeKey, type TimeWindow } from "@/lib/history/range";

export interface TimeRangeState {
  range: HistoryRangeKey;
  /** The window of range=custom; null for every other range. */
  custom: TimeWindow | null;
}

/**
 * How often a page of recorded figures refreshes, in seconds. Not below 10: what they show is read
 * from stored samples, which the recorder writes every RECORD_INTERVAL_S (10 s by default).
 */
export const REFRESH_OPTIONS_S = [10, 30, 60] as const;
export type RefreshSeconds = (typeof REFRESH_OPTIONS_S)[number];
export const DEFAULT_REFRESH_S: RefreshSeconds = 30;

export interface RefreshState {
  refresh: RefreshSeconds;
  paused: boolean;
}

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

export const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export function searchRecord(input: SearchParamsInput): Record<string, string | string[] | undefined> {
  return input instanceof URLSearchParams ? Object.fromEntries(input) : input;
}

const isoTime = z.preprocess(
  firstValue,
  z.iso
    .datetime({ offset: true })
    .transform((s) => Date.parse(s))
    .optional()
    .catch(undefined),
);
const rangeKey = z.preprocess(firstValue, z.enum(HISTORY_RANGES).optional().catch(undefined));
const paused = z.preprocess(firstValue, z.enum(["1", "true"]).optional().catch(undefined));
const refresh = z.preprocess(
  firstValue,
  z.coerce
    .number()
    .refine((n): n is RefreshSeconds => (REFRESH_OPTIONS_S as readonly number[]).includes(n))
    .optional()
    .catch(undefined),
);

/** The range in a page's query; a custom range without a usable window is junk like any other. */
export function parseTimeRange(input: SearchParamsInput, fallback: HistoryRangeKey): TimeRangeState {
  const record = searchRecord(input);
  const range = rangeKey.parse(record.range) ?? fallback;
  if (range !== "custom") return { range, custom: null };
  const custom = timeWindow(isoTime.parse(record.from), isoTime.parse(record.to));
  return custom ? { range, custom } : { range: fallback, custom: null };
}

/** Whether the page's refreshes are paused (`paused=1`). */
export function parsePaused(input: SearchParamsInput): boolean {
  return paused.parse(searchRecord(input).paused) !== undefined;
}

/** The refresh picker's state: `refresh=0`, from before the picker had a pause, means paused. */
export function parseRefresh(input: SearchParamsInput, fallback: RefreshSeconds = DEFAULT_REFRESH_S): RefreshState {
  const record = searchRecord(input);
  return { refresh: refresh.parse(record.refresh) ?? fallback, paused: parsePaused(record) || firstValue(record.refresh) === "0" };
}

/** Writes the range into `params`, leaving the page's default out. */
export function setTimeRange(params: URLSearchParams, { range, custom }: TimeRangeState, fallback: HistoryRangeKey): void {
  if (range === "custom" && custom) {
    params.set("range", "custom");
    params.set("from", new Date(custom.from).toISOString());
    params.set("to", new Date(custom.to).toISOString());
  } else if (range !== fallback && range !== "custom") params.set("range", range);
}

/** Writes the refresh picker's state into `params`, leaving the defaults out. */
export function setRefresh(params: URLSearchParams, state: Partial<RefreshState>, fallback: RefreshSeconds = DEFAULT_REFRESH_S): void {
  if (state.refresh !== undefined && state.refresh !== fallback) params.set("refresh", String(state.refresh));
  if (state.paused) params.set("paused", "1");
}

/** The milliseconds between refreshes react-query's refetchInterval takes, or false when paused. */
export function refreshMs({ refresh, paused }: RefreshState): number | false {
  return paused ? false : refresh * 1000;
}
