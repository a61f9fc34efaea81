// Query options for a room's figures. Polling (refetchInterval) is added by the page, because it
// depends on what the operator chose; everything that identifies and fetches the data lives here,
// so prefetching, the page and tests agree on one key.

import { queryOptions } from "@tanstack/react-query";
import { roomStatsResponseSchema } from "@/lib/contract/api";
import { FRESHNESS_FLOOR_MS } from "@/lib/stats/polling";
import { getJson, shouldRetry } from "./api-client";

export function roomStatsKey(roomId: string) {
  return ["room", roomId, "stats"] as const;
}

/** The API path; the RoomId may hold any UTF-8, including "/", "?" and "%". */
export function roomStatsPath(roomId: string): string {
  return `/api/rooms/${encodeURIComponent(roomId)}/stats`;
}

export function roomStatsQueryOptions(roomId: string) {
  return queryOptions({
    queryKey: roomStatsKey(roomId),
    queryFn: ({ signal }) => getJson(roomStatsPath(roomId), roomStatsResponseSchema, { signal }),
    // The server reuses an answer for its freshness window; a focus refetch inside it is wasted.
    staleTime: FRESHNESS_FLOOR_MS,
    // One quick retry absorbs a blip; beyond that the polling policy's backoff takes over.
    retry: (failureCount, error) => shouldRetry(failureCount, error, 1),
  });
}
