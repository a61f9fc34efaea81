import "server-only";
import { createHmac } from "node:crypto";
import { FLEET_ROOM, type AlertChannel, type AlertCondition, type AlertRule, type AlertState } from "@/lib/contract/alerts";
import { message } from "@/lib/i18n/messages";

// What a notification says and how each kind of channel wants it. The words come from the message
// catalog in the rule's language (lib/i18n/messages/<locale>/alerts.json), never from here. A
// channel's URL and secret are secrets (a robot's URL carries its access token): they are used to
// send and nowhere else; a failure is reported as a code, without them.

export interface NotificationEvent {
  ruleId: string;
  roomId: string;
  from: AlertState;
  to: AlertState;
  at: number;
  value: number | null;
  /** One per rule, room, state change and channel: the receiver's key to drop a repeated delivery. */
  idempotencyKey: string;
}

export interface Notification {
  title: string;
  lines: string[];
}

export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The header carrying a generic webhook's signature: `sha256=` and the hex HMAC-SHA256 of the raw body under the channel's secret. */
export const SIGNATURE_HEADER = "x-roomscope-signature";
/** The header carrying the notification's idempotency key, so a receiver can drop a repeat. */
export const DELIVERY_HEADER = "x-roomscope-delivery";

function describeCondition(condition: AlertCondition, locale: AlertRule["language"]): string {
  const stat = (key: string, rate: boolean) => message(`common.stats.${key}.${rate ? "rate" : "label"}`, {}, locale);
  switch (condition.kind) {
    case "total":
      return message("alerts.notify.condition.total", { stat: stat(condition.key, false), op: condition.op, threshold: condition.threshold }, locale);
    case "rate":
      return message("alerts.notify.condition.rate", { stat: stat(condition.key, true), op: condition.op, threshold: condition.threshold, window: condition.window }, locale);
    case "drop":
      return message("alerts.notify.condition.drop", { stat: stat(condition.key, true), percent: condition.percent, within: Math.round(condition.withinMs / 60_000) }, locale);
    case "stale":
      return message("alerts.notify.condition.stale", { cadences: condition.cadences }, locale);
    case "ended":
    case "credential":
      return message(`alerts.notify.condition.${condition.kind}`, {}, locale);
  }
}

/** The notification of one state change, in the rule's language. */
export function composeNotification(rule: Pick<AlertRule, "name" | "condition" | "language">, event: NotificationEvent): Notification {
  const locale = rule.language;
  const lines = [
    message("alerts.notify.room", { room: event.roomId === FLEET_ROOM ? "fleet" : event.roomId }, locale),
    describeCondition(rule.condition, locale),
  ];
  if (event.value !== null) lines.push(message("alerts.notify.value", { value: event.value }, locale));
  lines.push(message("alerts.notify.at", { time: new Date(event.at).toISOString().replace("T", " ").slice(0, 19) }, locale));
  return { title: message("alerts.notify.title", { state: event.to, rule: rule.name }, locale), lines };
}

/** The test send's notification. */
export function composeTestNotification(locale: AlertRule["language"]): Notification {
  return { title: "Roomscope", lines: [message("alerts.notify.test", {}, locale)] };
}

const json = { "content-type": "application/json; charset=utf-8" };

function hmacBase64(key: string, data: string): string {
  return createHmac("sha256", key).update(data, "utf8").digest("base64");
}

/**
 * The request that delivers `notification` to `channel` at `now` (epoch ms). The generic webhook
 * gets the event itself as JSON, as well as the text, so a receiver can act on it; the chat tools get
 * text in their own formats.
 */
export function buildRequest(channel: Pick<AlertChannel, "kind" | "url" | "secret">, notification: Notification, event: NotificationEvent | null, now: number): OutgoingRequest {
  const text = [notification.title, ...notification.lines].join("\n");
  switch (channel.kind) {
    case "webhook": {
      const body = JSON.stringify({
        type: event ? "alert.state_changed" : "alert.test",
        ...(event && {
          ruleId: event.ruleId,
          roomId: event.roomId,
          from: event.from,
          to: event.to,
          at: new Date(event.at).toISOString(),
          value: event.value,
          idempotencyKey: event.idempotencyKey,
        }),
        title: notification.title,
        text,
      });
      const headers: Record<string, string> = { ...json };
      if (event) headers[DELIVERY_HEADER] = event.idempotencyKey;
      if (channel.secret) headers[SIGNATURE_HEADER] = `sha256=${createHmac("sha256", channel.secret).update(body, "utf8").digest("hex")}`;
      return { url: channel.url, headers, body };
    }
    case "wecom":
      // WeCom group robot: POST {"msgtype": "markdown", "markdown": {"content": ...}} to the robot's
      // webhook URL (its key is in the URL); markdown takes **bold** and > quotes.
      return {
        url: channel.url,
        headers: json,
        body: JSON.stringify({ msgtype: "markdown", markdown: { content: [`**${notification.title}**`, ...notification.lines.map((line) => `> ${line}`)].join("\n") } }),
      };
    case "feishu": {
      // Feishu/Lark custom bot: {"msg_type": "text", "content": {"text": ...}}. With signature
      // verification on, the body also carries "timestamp" (seconds) and "sign": the base64 of an
      // HMAC-SHA256 whose key is timestamp + "\n" + secret, over an empty message.
      const body: Record<string, unknown> = { msg_type: "text", content: { text } };
      if (channel.secret) {
        const timestamp = String(Math.floor(now / 1000));
        body.timestamp = timestamp;
        body.sign = createHmac("sha256", `${timestamp}\n${channel.secret}`).update("").digest("base64");
      }
      return { url: channel.url, headers: json, body: JSON.stringify(body) };
    }
    case "dingtalk": {
      // DingTalk custom robot: {"msgtype": "markdown", "markdown": {"title", "text"}}. With "sign"
      // security on: timestamp (ms) and sign = URL-encoded base64 of HmacSHA256(timestamp + "\n" +
      // secret) under the secret, as query parameters; the timestamp must be within an hour.
      let url = channel.url;
      if (channel.secret) {
        const timestamp = String(now);
        const sign = encodeURIComponent(hmacBase64(channel.secret, `${timestamp}\n${channel.secret}`));
        url += `${url.includes("?") ? "&" : "?"}timestamp=${timestamp}&sign=${sign}`;
      }
      return {
        url,
        headers: json,
        body: JSON.stringify({ msgtype: "markdown", markdown: { title: notification.title, text: [`### ${notification.title}`, ...notification.lines.map((line) => `- ${line}`)].join("\n") } }),
      };
    }
    case "slack":
      // Slack incoming webhook (and the tools that copy it, such as Mattermost): {"text", "blocks"};
      // text is the fallback for notifications, blocks the message shown.
      return {
        url: channel.url,
        headers: json,
        body: JSON.stringify({
          text,
          blocks: [{ type: "section", text: { type: "mrkdwn", text: [`*${notification.title}*`, ...notification.lines].join("\n") } }],
        }),
      };
  }
}

export type DeliveryResult = { ok: true } | { ok: false; error: string; retry: boolean };

/**
 * Whether the answer says the message was taken. The chat tools answer HTTP 200 with an error code
 * in the body for a bad key or signature (WeCom and DingTalk "errcode", Feishu "code" or
 * "StatusCode"): non-zero is a failure, one that retrying will not fix.
 */
export function judgeAnswer(kind: AlertChannel["kind"], status: number, body: string): DeliveryResult {
  if (status === 429 || status >= 500) return { ok: false, error: `http_${status}`, retry: true };
  if (status < 200 || status >= 300) return { ok: false, error: `http_${status}`, retry: status === 408 };
  if (kind === "webhook" || kind === "slack") return { ok: true };
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return { ok: false, error: "bad_answer", retry: true };
  }
  const code = parsed.errcode ?? parsed.code ?? parsed.StatusCode ?? 0;
  if (code === 0 || code === "0") return { ok: true };
  // DingTalk 130101 / WeCom 45009 / Feishu 11232: sending too fast; the others are configuration.
  const throttled = code === 130101 || code === 45009 || code === 11232;
  return { ok: false, error: `vendor_${String(code).slice(0, 20)}`, retry: throttled };
}

/** A channel as the API shows it: the URL's host only, and whether a secret is set. */
export function maskChannel(channel: AlertChannel): Omit<AlertChannel, "url" | "secret"> & { urlHost: string; hasSecret: boolean } {
  const { url, secret, ...rest } = channel;
  let urlHost = "";
  try {
    urlHost = new URL(url).host;
  } catch {
    // Validated on the way in; nothing to show otherwise.
  }
  return { ...rest, urlHost, hasSecret: secret !== undefined };
}
