// Query options for the console's health: whether it runs against the simulator and how its
// Tencent credential is doing. Shown on every page, so it is polled slowly.

import { queryOptions } from "@tanstack/react-query";
import { healthResponseSchema } from "@/lib/contract/api";
import { getJson } from "./api-client";

export const HEALTH_REFRESH_MS = 60_000;

export function healthQueryOptions() {
  return queryOptions({
    queryKey: ["health"] as const,
    queryFn: ({ signal }) => getJson("/api/health", healthResponseSchema, { signal }),
    staleTime: HEALTH_REFRESH_MS / 2,
    refetchInterval: HEALTH_REFRESH_MS,
    retry: false,
  });
}
