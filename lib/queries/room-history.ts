// Query options for a room's recorded history (GET /api/rooms/{roomId}/history) and the address of
// its CSV export. The range is part of the key, so two views of one room never share a cache entry.

import { queryOptions } from "@tanstack/react-query";
import { DEFAULT_RATE_WINDOW, roomHistoryResponseSchema, roomReportResponseSchema, type RateWindow, type RoomHistoryResponse } from "@/lib/contract/api";
import { getJson } from "./api-client";

export interface HistoryRange {
  /** ISO 8601; omitted for the whole recording. */
  from?: string;
  to?: string;
  /** At most this many points come back (the server's default is 500, its maximum 2000). */
  points?: number;
  /** The window the rates are over; the server's default is 1m. */
  rateWindow?: RateWindow;
}

/** While a room is still live its history grows; once it ended the recording is final. */
export const LIVE_HISTORY_REFRESH_MS = 30_000;
/**
 * How soon to read the recording again when it is about to change: a room just looked up has its
 * first sample stored a moment after the page asked, and a room Tencent no longer knows has its end
 * marked by the recorder's next attempt, within a cadence.
 */
export const RECHECK_MS = 2_000;
/** A room not recorded after this many rechecks (about 30 s) is asked about at the page's pace. */
const UNRECORDED_RECHECKS = 15;

/** When a page refreshes a recording it shows. */
export interface HistoryRefresh {
  /** Between refreshes while the room is live; LIVE_HISTORY_REFRESH_MS by default. */
  everyMs?: number;
  /** The page is paused: no refresh at all. */
  paused?: boolean;
  /** The end of a window that may have closed: a window in the past gains no samples. */
  until?: number | null;
  /** Tencent says the room does not exist while the recording still calls it live. */
  goneUpstream?: boolean;
}

/**
 * Milliseconds until the next read of a recording, or false for none: what react-query's
 * refetchInterval takes. Pure, so every page refreshes a recording by the same rules.
 */
export function historyRefreshMs(status: RoomHistoryResponse["status"] | undefined, updates: number, refresh: HistoryRefresh, now: number): number | false {
  const every = refresh.everyMs ?? LIVE_HISTORY_REFRESH_MS;
  if (refresh.paused || (refresh.until != null && refresh.until <= now)) return false;
  if (status === "unknown") return updates <= UNRECORDED_RECHECKS ? RECHECK_MS : every;
  if (status === "live") return refresh.goneUpstream ? RECHECK_MS : every;
  return false;
}

function rangeSearch({ from, to, points, rateWindow }: HistoryRange): string {
  const params = new URLSearchParams();
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  if (points !== undefined) params.set("points", String(points));
  if (rateWindow !== undefined && rateWindow !== DEFAULT_RATE_WINDOW) params.set("rateWindow", rateWindow);
  const search = params.toString();
  return search ? `?${search}` : "";
}

export function roomHistoryKey(roomId: string, range: HistoryRange = {}) {
  return ["room", roomId, "history", { from: range.from ?? null, to: range.to ?? null, points: range.points ?? null, rateWindow: range.rateWindow ?? DEFAULT_RATE_WINDOW }] as const;
}

export function roomHistoryPath(roomId: string, range: HistoryRange = {}): string {
  return `/api/rooms/${encodeURIComponent(roomId)}/history${rangeSearch(range)}`;
}

/** Every raw sample in the range as CSV (`points` does not apply to the export). */
export function roomHistoryCsvPath(roomId: string, range: Omit<HistoryRange, "points" | "rateWindow"> = {}): string {
  return `/api/rooms/${encodeURIComponent(roomId)}/history.csv${rangeSearch({ from: range.from, to: range.to })}`;
}

export function roomHistoryQueryOptions(roomId: string, range: HistoryRange = {}, refresh: HistoryRefresh = {}) {
  const until = range.to ? Date.parse(range.to) : null;
  return queryOptions({
    queryKey: roomHistoryKey(roomId, range),
    queryFn: ({ signal }) => getJson(roomHistoryPath(roomId, range), roomHistoryResponseSchema, { signal }),
    staleTime: RECHECK_MS,
    // Only a live room's recording changes; polling paused in background tabs (react-query's default).
    refetchInterval: (query) => historyRefreshMs(query.state.data?.status, query.state.dataUpdateCount, { until, ...refresh }, Date.now()),
  });
}

/** What a report covers: a time range (the whole recording when none) and the window of its peaks. */
export type ReportRange = Pick<HistoryRange, "from" | "to" | "rateWindow">;

/** The post-stream report (GET /api/rooms/{roomId}/report): figures from every sample in the range, peaks over `rateWindow`, and the thinned series. */
export function roomReportQueryOptions(roomId: string, { from, to, rateWindow = DEFAULT_RATE_WINDOW }: ReportRange = {}, refresh: HistoryRefresh = {}) {
  const until = to ? Date.parse(to) : null;
  return queryOptions({
    queryKey: ["room", roomId, "report", { from: from ?? null, to: to ?? null, rateWindow }] as const,
    queryFn: ({ signal }) => getJson(`/api/rooms/${encodeURIComponent(roomId)}/report${rangeSearch({ from, to, rateWindow })}`, roomReportResponseSchema, { signal }),
    staleTime: RECHECK_MS,
    // A room not recorded yet is asked again as the room page asks: one just watched (from Live now,
    // say) has its first samples within seconds, and its report must not sit on "no recording".
    refetchInterval: (query) => historyRefreshMs(query.state.data?.status, query.state.dataUpdateCount, { until, ...refresh }, Date.now()),
  });
}
