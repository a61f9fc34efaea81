// Query options for the console's health: whether it runs against the simulator and how its
// Tencent credential is doing. Shown on every page, so it is polled slowly.

import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import type { HealthResponse } from "@/lib/rooms/types";
import { getJson } from "./api-client";

export const healthResponseSchema: z.ZodType<HealthResponse> = z.object({
  status: z.literal("ok"),
  simulated: z.boolean(),
  freshnessMs: z.number().int().nonnegative(),
  history: z.object({
    storeOk: z.boolean(),
    storeError: z.string().nullable(),
    storeErrorAt: z.string().nullable(),
    recorder: z.object({ running: z.boolean(), rooms: z.number(), cadenceSeconds: z.number() }),
  }),
  credential: z.object({
    mode: z.enum(["secret_key", "usersig"]),
    status: z.enum(["unknown", "ok", "expiring", "expired", "rejected"]),
    expiresAt: z.string().nullable(),
    lastCheckedAt: z.string().nullable(),
    lastErrorCode: z.number().nullable(),
  }),
});

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
