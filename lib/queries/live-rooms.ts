// Query options for the "Live now" page's one request. The server reads Tencent's listing once per
// window for the whole fleet and adds the recorded totals from its store on every request, so
// polling here costs no upstream call; the page's refresh picker sets how often.

import { queryOptions } from "@tanstack/react-query";
import { liveRoomsResponseSchema } from "@/lib/contract/live-rooms";
import { getJson } from "./api-client";

/** Whether each listed room is watched is in this answer too: the watchlist's changes invalidate it. */
export const LIVE_ROOMS_KEY = ["live-rooms"] as const;

export function liveRoomsQueryOptions(refetchInterval: number | false) {
  return queryOptions({
    queryKey: LIVE_ROOMS_KEY,
    queryFn: ({ signal }) => getJson("/api/rooms/live", liveRoomsResponseSchema, { signal }),
    staleTime: 5_000,
    refetchInterval,
    refetchIntervalInBackground: false,
  });
}
