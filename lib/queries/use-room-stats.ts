"use client";

// The room page's one data hook: the room-stats query driven by the polling policy, plus what the
// page needs to explain the polling (failures in a row, when the next attempt is due).

import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useDocumentHidden } from "@/lib/hooks/use-document-hidden";
import { FRESHNESS_FLOOR_MS, pollInterval, type PollState } from "@/lib/stats/polling";
import { ApiRequestError } from "./api-client";
import { roomStatsQueryOptions } from "./room-stats";

export interface RoomStatsPolling {
  intervalMs: number;
  paused: boolean;
  /** False when the RoomId is known to be invalid: there is nothing to ask the server. */
  enabled: boolean;
  /** The server's freshness window: never poll faster than it. */
  floorMs?: number;
}

interface FailureStreak {
  /** errorUpdatedAt of the latest failure counted. */
  at: number;
  count: number;
  status: number;
  retryAfterMs: number | null;
  /** The latest failure, kept while react-query retries (it clears `error` on a refetch with no data). */
  error: ApiRequestError | null;
}

export function useRoomStats(roomId: string, { intervalMs, paused, enabled, floorMs = FRESHNESS_FLOOR_MS }: RoomStatsPolling) {
  const hidden = useDocumentHidden();
  // Failures in a row since the last success. react-query counts failures per fetch and errors in
  // total, neither of which is a streak, so the streak is kept here and adjusted while rendering
  // (not in an effect): the render that first shows an error already polls on the backed-off
  // interval.
  const [streak, setStreak] = useState<FailureStreak | null>(null);

  const policy: PollState = {
    paused,
    hidden,
    lastErrorStatus: streak?.status ?? null,
    consecutiveErrors: streak?.count ?? 0,
    retryAfterMs: streak?.retryAfterMs ?? null,
    baseMs: intervalMs,
    floorMs,
  };
  const nextMs = pollInterval(policy);

  const query = useQuery({
    ...roomStatsQueryOptions(roomId),
    enabled,
    refetchInterval: nextMs,
    // A background tab stops polling; coming back refetches at once, unless polling has stopped
    // for a reason visibility does not change (paused, 404). Judged as if visible, because the
    // focus event can arrive before this hook has re-rendered with the new visibility.
    refetchOnWindowFocus: pollInterval({ ...policy, hidden: false }) !== false,
  });

  // A new failure is an errorUpdatedAt not yet counted and newer than the last success; the streak
  // ends only with a success. (Not query.isError: without data, every refetch resets the query to
  // pending, which would end the streak at each attempt.)
  // Anything that is not the API's error shape (a bug, a thrown TypeError) still has to be shown.
  const latestError = useMemo(
    () =>
      query.error == null
        ? null
        : query.error instanceof ApiRequestError
          ? query.error
          : new ApiRequestError(0, "bad_response", null),
    [query.error],
  );
  if (query.errorUpdatedAt > query.dataUpdatedAt && query.errorUpdatedAt !== streak?.at) {
    setStreak({
      at: query.errorUpdatedAt,
      count: (streak?.count ?? 0) + 1,
      status: latestError?.status ?? 0,
      retryAfterMs: latestError?.retryAfterMs ?? null,
      error: latestError,
    });
  } else if (streak !== null && query.dataUpdatedAt > streak.at) {
    setStreak(null);
  }
  const failing = streak !== null && query.dataUpdatedAt <= streak.at;

  const lastAttemptAt = Math.max(query.dataUpdatedAt, query.errorUpdatedAt);
  return {
    query,
    /** The failure to show: the latest one, until a success replaces it. */
    error: latestError ?? (failing ? streak.error : null),
    consecutiveErrors: streak?.count ?? 0,
    /** When the next poll is due (ms since epoch), or null while polling is stopped. */
    nextPollAt: nextMs === false || lastAttemptAt === 0 ? null : lastAttemptAt + nextMs,
  };
}
