// Query options and calls for the team's shared watchlist: the list itself (which rooms are
// recorded continuously), the overview page's one polled request, and adding and removing rooms.
// Everything under the ['watchlist'] key changes together, so a mutation invalidates that prefix.

import { queryOptions } from "@tanstack/react-query";
import { overviewResponseSchema, watchlistResponseSchema } from "@/lib/contract/api";
import { getJson, sendJson } from "./api-client";

export const watchlistKeys = {
  all: ["watchlist"] as const,
  list: () => ["watchlist", "list"] as const,
  overview: (range: OverviewRange = {}) => ["watchlist", "overview", { from: range.from ?? null, to: range.to ?? null }] as const,
};

/**
 * The overview reads stored samples only (no upstream call), and the recorder writes one every
 * RECORD_INTERVAL_S (10 s by default): polling faster would mostly fetch the same rows.
 */
export const OVERVIEW_REFRESH_MS = 10_000;

export function watchlistQueryOptions() {
  return queryOptions({
    queryKey: watchlistKeys.list(),
    queryFn: ({ signal }) => getJson("/api/watchlist", watchlistResponseSchema, { signal }),
    staleTime: 15_000,
  });
}

/** The overview's time range, ISO 8601: the last 30 minutes up to now when left out. */
export interface OverviewRange {
  from?: string;
  to?: string;
}

export function watchlistOverviewQueryOptions(range: OverviewRange = {}) {
  const params = new URLSearchParams({ watchlist: "1" });
  if (range.from) params.set("from", range.from);
  if (range.to) params.set("to", range.to);
  return queryOptions({
    queryKey: watchlistKeys.overview(range),
    queryFn: ({ signal }) => getJson(`/api/rooms?${params}`, overviewResponseSchema, { signal }),
    staleTime: OVERVIEW_REFRESH_MS / 2,
    refetchInterval: OVERVIEW_REFRESH_MS,
    // Hidden tabs stop polling; coming back refetches on focus.
    refetchIntervalInBackground: false,
  });
}

/** DELETE path; the RoomId may hold any UTF-8, including "/", "?" and "%". */
export function watchlistRoomPath(roomId: string): string {
  return `/api/watchlist/${encodeURIComponent(roomId)}`;
}

/** Puts a room on the watchlist; idempotent on the server. */
export async function addToWatchlist(roomId: string): Promise<void> {
  await sendJson("/api/watchlist", { method: "POST", body: { roomId } });
}

/** Takes a room off the watchlist; its recorded history stays. */
export async function removeFromWatchlist(roomId: string): Promise<void> {
  await sendJson(watchlistRoomPath(roomId), { method: "DELETE" });
}
