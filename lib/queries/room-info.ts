// Query options for a room's details (name, owner, cover, creation time, settings). They change
// rarely and the server caches them for minutes, so the page asks once and never polls; a failure
// leaves the details out and the figures in place (the pages treat details as optional).

import { queryOptions } from "@tanstack/react-query";
import { roomInfoAnswerSchema } from "@/lib/contract/room-info";
import { getJson, shouldRetry } from "./api-client";

export function roomInfoKey(roomId: string) {
  return ["room", roomId, "info"] as const;
}

export function roomInfoPath(roomId: string): string {
  return `/api/rooms/${encodeURIComponent(roomId)}/info`;
}

/** As long as the server's default freshness window: asking sooner would get the same answer. */
const INFO_STALE_MS = 5 * 60_000;

export function roomInfoQueryOptions(roomId: string, enabled = true) {
  return queryOptions({
    queryKey: roomInfoKey(roomId),
    queryFn: ({ signal }) => getJson(roomInfoPath(roomId), roomInfoAnswerSchema, { signal }),
    staleTime: INFO_STALE_MS,
    enabled,
    retry: (failureCount, error) => shouldRetry(failureCount, error, 1),
  });
}

/** The room's creation time in epoch ms, when its details are known. */
export function createdAtMs(answer: { info: { createdAt: string } } | undefined): number | null {
  if (!answer) return null;
  const ms = Date.parse(answer.info.createdAt);
  return Number.isFinite(ms) ? ms : null;
}
