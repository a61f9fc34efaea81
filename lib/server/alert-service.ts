import "server-only";
import { randomUUID } from "node:crypto";
import type { Notifier } from "@/lib/alerts/notifier";
import { maskChannel } from "@/lib/alerts/notify";
import {
  alertChannelInputSchema,
  type AlertChannel,
  type AlertChannelInput,
  type AlertLanguage,
  type AlertRule,
  type AlertRuleInput,
  type CurrentAlert,
  FLEET_ROOM,
  type SilenceInput,
} from "@/lib/contract/alerts";
import { can, type Role } from "@/lib/contract/roles";
import { DomainError } from "@/lib/errors/domain-error";
import type { AlertStore, Silence } from "@/lib/store/alert-store";
import type { TargetRefusal } from "@/lib/alerts/webhook-target";

// The alerts API's work: rules, channels (shown masked: a webhook URL carries the robot's key),
// silences, what is firing now and what changed. Every write says what changed for the audit log,
// by ids and names only, never a URL or a secret.

export interface AlertServiceDeps {
  alerts: AlertStore;
  notifier: Pick<Notifier, "sendTest">;
  /** The watchlist's rooms: all a role that reads watched rooms only may see alerts of. */
  watched: () => Promise<readonly string[]>;
  /** Why a channel's URL may not be sent to; null: it may (lib/alerts/webhook-target.ts). */
  checkTarget: (url: string) => Promise<TargetRefusal | null>;
  now?: () => number;
}

export type MaskedChannel = ReturnType<typeof maskChannel>;

const iso = (t: number) => new Date(t).toISOString();

export function createAlertService({ alerts, notifier, watched, checkTarget, now = Date.now }: AlertServiceDeps) {
  /** Refused when saved, where the one who typed it sees why, not only at its first send. */
  async function requireTarget(url: string) {
    const refusal = await checkTarget(url);
    if (refusal) throw new DomainError("invalid_body", { reason: refusal, param: "url" });
  }

  /**
   * Which rooms' alerts `role` may see: every room's where it may read any room, else the watched
   * rooms' and the fleet-wide ones (the credential), as it may open no other room's pages either.
   */
  async function visibleTo(role: Role): Promise<(roomId: string) => boolean> {
    if (can(role, "rooms.read")) return () => true;
    const rooms = new Set(await watched());
    return (roomId) => roomId === FLEET_ROOM || rooms.has(roomId);
  }

  async function ruleOrThrow(id: string): Promise<AlertRule> {
    const rule = await alerts.rule(id);
    if (!rule) throw new DomainError("not_found", { reason: "alert_rule" });
    return rule;
  }

  async function channelOrThrow(id: string): Promise<AlertChannel> {
    const channel = await alerts.channel(id);
    if (!channel) throw new DomainError("not_found", { reason: "alert_channel" });
    return channel;
  }

  async function checkChannels(ids: readonly string[]) {
    const known = new Set((await alerts.channels()).map((c) => c.id));
    if (ids.some((id) => !known.has(id))) throw new DomainError("invalid_body", { reason: "unknown_channel", param: "channelIds" });
  }

  const ruleOut = (rule: AlertRule) => ({ ...rule, createdAt: iso(rule.createdAt), updatedAt: iso(rule.updatedAt) });
  const channelOut = (channel: AlertChannel) => {
    const masked = maskChannel(channel);
    return { ...masked, createdAt: iso(channel.createdAt), updatedAt: iso(channel.updatedAt) };
  };
  const silenceOut = (s: Silence) => ({ ...s, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt), createdAt: iso(s.createdAt) });

  return {
    async rules() {
      return { rules: (await alerts.rules()).map(ruleOut) };
    },
    async rule(id: string) {
      return ruleOut(await ruleOrThrow(id));
    },
    async createRule(input: AlertRuleInput) {
      await checkChannels(input.channelIds);
      const at = now();
      const rule: AlertRule = { ...input, id: randomUUID(), createdAt: at, updatedAt: at };
      await alerts.putRule(rule);
      return ruleOut(rule);
    },
    async updateRule(id: string, input: AlertRuleInput) {
      const held = await ruleOrThrow(id);
      await checkChannels(input.channelIds);
      const rule: AlertRule = { ...input, id, createdAt: held.createdAt, updatedAt: Math.max(now(), held.updatedAt) };
      await alerts.putRule(rule);
      return ruleOut(rule);
    },
    async deleteRule(id: string) {
      const rule = await ruleOrThrow(id);
      await alerts.deleteRule(id);
      return rule;
    },

    async channels() {
      return { channels: (await alerts.channels()).map(channelOut) };
    },
    async createChannel(input: AlertChannelInput) {
      await requireTarget(input.url);
      const at = now();
      const channel: AlertChannel = { ...input, id: randomUUID(), createdAt: at, updatedAt: at };
      await alerts.putChannel(channel);
      return channelOut(channel);
    },
    /** A URL or secret left out is kept: the page cannot show them to be sent back. */
    async updateChannel(id: string, patch: Partial<AlertChannelInput> & Pick<AlertChannelInput, "name" | "kind">) {
      const held = await channelOrThrow(id);
      const merged = alertChannelInputSchema.parse({ ...patch, url: patch.url ?? held.url, secret: patch.secret ?? (patch.kind === held.kind ? held.secret : undefined) });
      if (patch.url !== undefined) await requireTarget(merged.url);
      const channel: AlertChannel = { ...merged, id, createdAt: held.createdAt, updatedAt: Math.max(now(), held.updatedAt) };
      await alerts.putChannel(channel);
      return channelOut(channel);
    },
    async deleteChannel(id: string) {
      const channel = await channelOrThrow(id);
      await alerts.deleteChannel(id);
      return channel;
    },
    async testChannel(id: string, language: AlertLanguage) {
      const channel = await channelOrThrow(id);
      const result = await notifier.sendTest(channel, language);
      return { channel, answer: result.ok ? { ok: true as const } : { ok: false as const, error: result.error } };
    },

    async silences() {
      return { silences: (await alerts.silences(now())).map(silenceOut) };
    },
    async createSilence(input: SilenceInput, createdBy: string | null) {
      if (input.ruleId !== null) await ruleOrThrow(input.ruleId);
      const silence: Silence = { ...input, id: randomUUID(), createdBy, createdAt: now() };
      await alerts.addSilence(silence);
      return silenceOut(silence);
    },
    async deleteSilence(id: string) {
      if (!(await alerts.deleteSilence(id))) throw new DomainError("not_found", { reason: "alert_silence" });
    },

    /** The pairs pending, firing or without data now, of rules that still exist; one room's with `roomId`. */
    async current(role: Role, roomId?: string): Promise<{ alerts: CurrentAlert[] }> {
      const at = now();
      const [rules, states, silences, visible] = await Promise.all([alerts.rules(), alerts.states(), alerts.silences(at), visibleTo(role)]);
      const names = new Map(rules.filter((r) => r.enabled).map((r) => [r.id, r.name]));
      const current: CurrentAlert[] = [];
      for (const pair of states) {
        const name = names.get(pair.ruleId);
        if (name === undefined || (roomId !== undefined && pair.roomId !== roomId) || !visible(pair.roomId)) continue;
        if (pair.state !== "pending" && pair.state !== "firing" && pair.state !== "no_data") continue;
        const silenced = silences.some((s) => s.roomId === pair.roomId && (s.ruleId === null || s.ruleId === pair.ruleId) && s.startsAt <= at);
        current.push({ ruleId: pair.ruleId, ruleName: name, roomId: pair.roomId, state: pair.state, since: iso(pair.since), value: pair.value, silenced });
      }
      // Firing first, then the longest-standing.
      const rank = { firing: 0, no_data: 1, pending: 2 } as const;
      current.sort((a, b) => rank[a.state] - rank[b.state] || a.since.localeCompare(b.since));
      return { alerts: current };
    },

    async history(role: Role, query: { ruleId?: string; roomId?: string; before?: number; limit: number }) {
      const events = await alerts.events({ ruleId: query.ruleId, roomId: query.roomId, beforeId: query.before, limit: query.limit });
      const [rules, visible] = await Promise.all([alerts.rules(), visibleTo(role)]);
      const names = new Map(rules.map((r) => [r.id, r.name]));
      return {
        // A page left short by rooms the reader may not see still pages on from where the store stopped.
        events: events.filter((e) => visible(e.roomId)).map((e) => ({ ...e, at: iso(e.at), ruleName: names.get(e.ruleId) ?? null })),
        // The cursor of the next page back, when this one was full.
        next: events.length === query.limit ? events.at(-1)!.id : null,
      };
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
