// Query options for a room's recorded history (GET /api/rooms/{roomId}/history) and the address of
// its CSV export. The range is part of the key, so two views of one room never share a cache entry.

import { queryOptions } from "@tanstack/react-query";
import { DEFAULT_RATE_WINDOW, roomHistoryResponseSchema, roomReportResponseSchema, type RateWindow } from "@/lib/contract/api";
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

export function roomHistoryQueryOptions(roomId: string, range: HistoryRange = {}) {
  return queryOptions({
    queryKey: roomHistoryKey(roomId, range),
    queryFn: ({ signal }) => getJson(roomHistoryPath(roomId, range), roomHistoryResponseSchema, { signal }),
    staleTime: LIVE_HISTORY_REFRESH_MS / 2,
    // Only a live room's recording changes; polling paused in background tabs (react-query's default).
    refetchInterval: (query) => (query.state.data?.status === "live" ? LIVE_HISTORY_REFRESH_MS : false),
  });
}

function roomReportPath(roomId: string, rateWindow: RateWindow): string {
  return `/api/rooms/${encodeURIComponent(roomId)}/report${rateWindow === DEFAULT_RATE_WINDOW ? "" : `?rateWindow=${rateWindow}`}`;
}

/** The post-stream report (GET /api/rooms/{roomId}/report): figures from every sample, peaks over `rateWindow`, and the thinned series. */
export function roomReportQueryOptions(roomId: string, rateWindow: RateWindow = DEFAULT_RATE_WINDOW) {
  return queryOptions({
    queryKey: ["room", roomId, "report", { rateWindow }] as const,
    queryFn: ({ signal }) => getJson(roomReportPath(roomId, rateWindow), roomReportResponseSchema, { signal }),
    staleTime: LIVE_HISTORY_REFRESH_MS / 2,
    refetchInterval: (query) => (query.state.data?.status === "live" ? LIVE_HISTORY_REFRESH_MS : false),
  });
}
