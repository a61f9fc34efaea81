// The alert rule as the API takes it and the store keeps it: what is watched (one room, or every
// watched room), what counts as a problem, how long it must hold before it fires, and the language
// its notifications are written in. Each refusal's text is a reason code; lib/api words it.

import { z } from "zod";
import { RATE_WINDOWS } from "./api";
import { checkRoomId } from "./room-id";
import { STAT_KEYS } from "./stats";

export const ALERT_STATES = ["normal", "pending", "firing", "resolved", "no_data"] as const;
/** Grafana's alert states: pending while a breach has not yet held for the pending period. */
export type AlertState = (typeof ALERT_STATES)[number];

export const ALERT_LANGUAGES = ["en", "zh-CN"] as const;
export type AlertLanguage = (typeof ALERT_LANGUAGES)[number];

/** The longest pending period, drop window or silence a rule may name: a day. */
export const MAX_ALERT_PERIOD_MS = 24 * 60 * 60_000;

const roomIdField = z.string().refine((value) => checkRoomId(value).ok, "room_id");

export const alertScopeSchema = z.discriminatedUnion(
  "kind",
  [z.object({ kind: z.literal("room"), roomId: roomIdField }), z.object({ kind: z.literal("watched") })],
  { error: "alert_scope" },
);
export type AlertScope = z.infer<typeof alertScopeSchema>;

const statKey = z.enum(STAT_KEYS, { error: "stat_key" });
const finiteNumber = z.number({ error: "number" }).refine(Number.isFinite, "number");

export const alertConditionSchema = z.discriminatedUnion(
  "kind",
  [
    /** A total (the latest reading) above or below a threshold. */
    z.object({ kind: z.literal("total"), key: statKey, op: z.enum(["above", "below"], { error: "alert_op" }), threshold: finiteNumber.pipe(z.number().nonnegative("too_small")) }),
    /** A per-minute rate over one of the console's rate windows, above or below a threshold. */
    z.object({
      kind: z.literal("rate"),
      key: statKey,
      window: z.enum(RATE_WINDOWS, { error: "rate_window" }),
      op: z.enum(["above", "below"], { error: "alert_op" }),
      threshold: finiteNumber.pipe(z.number().nonnegative("too_small")),
    }),
    /**
     * A per-minute rate (over `rateWindow`) that fell by at least `percent` % from its highest
     * point within the last `withinMs`: chat or gifts suddenly drying up.
     */
    z.object({
      kind: z.literal("drop"),
      key: statKey,
      percent: finiteNumber.pipe(z.number().gt(0, "too_small").max(100, "too_big")),
      withinMs: z.number({ error: "number" }).int("whole_number").min(60_000, "too_small").max(MAX_ALERT_PERIOD_MS, "too_big"),
      rateWindow: z.enum(RATE_WINDOWS, { error: "rate_window" }).default("1m"),
    }),
    /** The room ended (Tencent answered that it does not exist any more). */
    z.object({ kind: z.literal("ended") }),
    /** No new sample for `cadences` of the recorder's cadence: the room stopped answering, or recording it fails. */
    z.object({ kind: z.literal("stale"), cadences: z.number({ error: "number" }).int("whole_number").min(2, "too_small").max(1000, "too_big") }),
    /** The upstream credential is rejected or expired: nothing can be recorded. Fleet-wide, whatever the scope. */
    z.object({ kind: z.literal("credential") }),
  ],
  { error: "alert_condition" },
);
export type AlertCondition = z.infer<typeof alertConditionSchema>;
export type AlertConditionKind = AlertCondition["kind"];

/** The body of POST /api/alerts/rules and PUT /api/alerts/rules/{id}. */
export const alertRuleInputSchema = z.object({
  name: z.string({ error: "text" }).trim().min(1, "empty").max(100, "too_long"),
  scope: alertScopeSchema,
  condition: alertConditionSchema,
  /** How long the condition must hold before the alert fires; 0 fires on the first breach. */
  pendingMs: z.number({ error: "number" }).int("whole_number").min(0, "too_small").max(MAX_ALERT_PERIOD_MS, "too_big").default(0),
  language: z.enum(ALERT_LANGUAGES, { error: "language" }).default("en"),
  channelIds: z.array(z.string().min(1).max(64)).max(20, "too_many").default([]),
  enabled: z.boolean({ error: "boolean" }).default(true),
});
export type AlertRuleInput = z.infer<typeof alertRuleInputSchema>;

export interface AlertRule extends AlertRuleInput {
  id: string;
  createdAt: number;
  updatedAt: number;
}

/** The room key of a rule that is not about one room (the credential): one state for the fleet. */
export const FLEET_ROOM = "*";

export const ALERT_CHANNEL_KINDS = ["webhook", "wecom", "feishu", "dingtalk", "slack"] as const;
/** Where notifications go: a generic signed JSON webhook, or a chat tool's group robot. */
export type AlertChannelKind = (typeof ALERT_CHANNEL_KINDS)[number];

// A webhook URL is a secret (a robot's URL carries its access token): only https, or http for a
// receiver on a private network, and never echoed back (lib/alerts masks it).
const webhookUrl = z
  .string({ error: "text" })
  .max(2000, "too_long")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && url.username === "" && url.password === "";
    } catch {
      return false;
    }
  }, "webhook_url");
const signingSecret = z.string({ error: "text" }).min(1, "empty").max(200, "too_long");

/** The body of POST /api/alerts/channels and PUT /api/alerts/channels/{id}. */
export const alertChannelInputSchema = z.object({
  name: z.string({ error: "text" }).trim().min(1, "empty").max(100, "too_long"),
  kind: z.enum(ALERT_CHANNEL_KINDS, { error: "channel_kind" }),
  url: webhookUrl,
  /** The generic webhook's HMAC key; Feishu's and DingTalk's signing secret ("sign" security setting). Optional for those two, unused by WeCom and Slack. */
  secret: signingSecret.optional(),
});
export type AlertChannelInput = z.infer<typeof alertChannelInputSchema>;

export interface AlertChannel extends AlertChannelInput {
  id: string;
  createdAt: number;
  updatedAt: number;
}

/** The body of PATCH /api/alerts/channels/{id}: the URL and secret may be left out to keep them (the API never shows them). */
export const alertChannelPatchSchema = alertChannelInputSchema.partial({ url: true });

const epochOrIso = z.iso.datetime({ offset: true, error: "iso_time" }).transform((value) => Date.parse(value));

/** The body of POST /api/alerts/silences: a room (or "*" for the fleet-wide alerts), optionally one rule, and a time range. */
export const silenceInputSchema = z
  .object({
    roomId: z.string().refine((value) => value === FLEET_ROOM || checkRoomId(value).ok, "room_id"),
    ruleId: z.string().min(1).max(64).nullable().default(null),
    startsAt: epochOrIso,
    endsAt: epochOrIso,
    comment: z.string({ error: "text" }).trim().max(500, "too_long").default(""),
  })
  .refine((s) => s.endsAt > s.startsAt, { message: "silence_window", path: ["endsAt"] })
  .refine((s) => s.endsAt - s.startsAt <= 30 * MAX_ALERT_PERIOD_MS, { message: "too_long", path: ["endsAt"] });
export type SilenceInput = z.infer<typeof silenceInputSchema>;

/** The query of GET /api/alerts/history. */
export const alertHistoryQuerySchema = z.object({
  ruleId: z.string().min(1).max(64).optional(),
  roomId: z.string().min(1).max(200).optional(),
  before: z.string().regex(/^\d{1,15}$/, "whole_number").transform(Number).optional(),
  limit: z.string().regex(/^\d{1,4}$/, "whole_number").transform(Number).pipe(z.number().min(1, "too_small").max(500, "too_big")).default(100),
});

/** The query of GET /api/alerts/current. */
export const currentAlertsQuerySchema = z.object({ roomId: z.string().min(1).max(200).optional() });

/** One (rule, room) pair that needs attention, as GET /api/alerts/current lists it. */
export interface CurrentAlert {
  ruleId: string;
  ruleName: string;
  roomId: string;
  state: Extract<AlertState, "pending" | "firing" | "no_data">;
  since: string;
  value: number | null;
  silenced: boolean;
}

// The answers of the alerts API, as the pages read them.
const isoTime = z.string();
export const alertRuleSchema = alertRuleInputSchema.extend({ id: z.string(), createdAt: isoTime, updatedAt: isoTime });
export const alertRulesResponseSchema = z.object({ rules: z.array(alertRuleSchema) });
export const maskedChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ALERT_CHANNEL_KINDS),
  urlHost: z.string(),
  hasSecret: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type MaskedChannelView = z.infer<typeof maskedChannelSchema>;
export const alertChannelsResponseSchema = z.object({ channels: z.array(maskedChannelSchema) });
export const channelTestResponseSchema = z.object({ ok: z.boolean(), error: z.string().optional() });
export const silenceSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  ruleId: z.string().nullable(),
  startsAt: isoTime,
  endsAt: isoTime,
  comment: z.string(),
  createdBy: z.string().nullable(),
  createdAt: isoTime,
});
export const silencesResponseSchema = z.object({ silences: z.array(silenceSchema) });
export const currentAlertSchema = z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  roomId: z.string(),
  state: z.enum(["pending", "firing", "no_data"]),
  since: isoTime,
  value: z.number().nullable(),
  silenced: z.boolean(),
});
export const currentAlertsResponseSchema = z.object({ alerts: z.array(currentAlertSchema) });
export const alertEventSchema = z.object({
  id: z.number(),
  ruleId: z.string(),
  ruleName: z.string().nullable(),
  roomId: z.string(),
  from: z.enum(ALERT_STATES),
  to: z.enum(ALERT_STATES),
  at: isoTime,
  value: z.number().nullable(),
  silenced: z.boolean(),
});
export const alertHistoryResponseSchema = z.object({ events: z.array(alertEventSchema), next: z.number().nullable() });
