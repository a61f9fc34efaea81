"use client";

// The watchlist's one data hook for changes: adding and removing rooms. Both invalidate every
// ['watchlist'] query (the list and the overview) and the live rooms' list (which marks the watched
// ones), so whatever page is open shows the change.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LIVE_ROOMS_KEY } from "@/lib/queries/live-rooms";
import { addToWatchlist, removeFromWatchlist, watchlistKeys, watchlistQueryOptions } from "@/lib/queries/watchlist";

export function useWatchlistMutations() {
  const queryClient = useQueryClient();
  const onSettled = () => Promise.all([queryClient.invalidateQueries({ queryKey: watchlistKeys.all }), queryClient.invalidateQueries({ queryKey: LIVE_ROOMS_KEY })]);
  const add = useMutation({ mutationKey: ["watchlist", "add"], mutationFn: addToWatchlist, onSettled });
  const remove = useMutation({ mutationKey: ["watchlist", "remove"], mutationFn: removeFromWatchlist, onSettled });
  return { add, remove };
}

/** Whether a room is on the watchlist; undefined until the list has loaded. */
export function useIsWatched(roomId: string, enabled = true): boolean | undefined {
  const { data } = useQuery({ ...watchlistQueryOptions(), enabled });
  return data?.rooms.some((room) => room.roomId === roomId);
}
