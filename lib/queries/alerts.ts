// Query options and calls of the alerts pages, the watchlist's badges and the room page's banner.

import { queryOptions } from "@tanstack/react-query";
import {
  alertChannelsResponseSchema,
  alertHistoryResponseSchema,
  alertRuleSchema,
  alertRulesResponseSchema,
  channelTestResponseSchema,
  currentAlertsResponseSchema,
  maskedChannelSchema,
  silenceSchema,
  silencesResponseSchema,
} from "@/lib/contract/alerts";
import { getJson, sendJson } from "./api-client";

export const alertKeys = {
  all: () => ["alerts"] as const,
  rules: () => ["alerts", "rules"] as const,
  channels: () => ["alerts", "channels"] as const,
  silences: () => ["alerts", "silences"] as const,
  current: (roomId?: string) => ["alerts", "current", roomId ?? null] as const,
  history: (before: number | null) => ["alerts", "history", before] as const,
};

/** How often the firing alerts are read again: about the evaluator's own cadence. */
const CURRENT_REFRESH_MS = 10_000;

export const rulesQueryOptions = () =>
  queryOptions({ queryKey: alertKeys.rules(), queryFn: ({ signal }) => getJson("/api/alerts/rules", alertRulesResponseSchema, { signal }), staleTime: 5_000 });
export const channelsQueryOptions = () =>
  queryOptions({ queryKey: alertKeys.channels(), queryFn: ({ signal }) => getJson("/api/alerts/channels", alertChannelsResponseSchema, { signal }), staleTime: 5_000 });
export const silencesQueryOptions = () =>
  queryOptions({ queryKey: alertKeys.silences(), queryFn: ({ signal }) => getJson("/api/alerts/silences", silencesResponseSchema, { signal }), staleTime: 5_000 });
export const currentAlertsQueryOptions = (roomId?: string) =>
  queryOptions({
    queryKey: alertKeys.current(roomId),
    queryFn: ({ signal }) => getJson(`/api/alerts/current${roomId === undefined ? "" : `?roomId=${encodeURIComponent(roomId)}`}`, currentAlertsResponseSchema, { signal }),
    staleTime: 5_000,
    refetchInterval: CURRENT_REFRESH_MS,
  });
export const historyQueryOptions = (before: number | null) =>
  queryOptions({
    queryKey: alertKeys.history(before),
    queryFn: ({ signal }) => getJson(`/api/alerts/history?limit=100${before === null ? "" : `&before=${before}`}`, alertHistoryResponseSchema, { signal }),
    staleTime: 5_000,
  });

export const createRule = (body: unknown) => sendJson("/api/alerts/rules", { method: "POST", body, schema: alertRuleSchema });
export const updateRule = (id: string, body: unknown) => sendJson(`/api/alerts/rules/${encodeURIComponent(id)}`, { method: "PATCH", body, schema: alertRuleSchema });
export const deleteRule = (id: string) => sendJson(`/api/alerts/rules/${encodeURIComponent(id)}`, { method: "DELETE" });
export const createChannel = (body: unknown) => sendJson("/api/alerts/channels", { method: "POST", body, schema: maskedChannelSchema });
export const deleteChannel = (id: string) => sendJson(`/api/alerts/channels/${encodeURIComponent(id)}`, { method: "DELETE" });
export const testChannel = (id: string) => sendJson(`/api/alerts/channels/${encodeURIComponent(id)}/test`, { method: "POST", body: {}, schema: channelTestResponseSchema });
export const createSilence = (body: unknown) => sendJson("/api/alerts/silences", { method: "POST", body, schema: silenceSchema });
export const deleteSilence = (id: string) => sendJson(`/api/alerts/silences/${encodeURIComponent(id)}`, { method: "DELETE" });
