import "server-only";
import type { AlertChannel, AlertLanguage } from "@/lib/contract/alerts";
import type { TargetRefusal } from "./webhook-target";
import { log } from "@/lib/log";
import type { AlertStore, OutboxEntry, OutboxSummary } from "@/lib/store/alert-store";
import { buildRequest, composeNotification, composeTestNotification, judgeAnswer, type DeliveryResult } from "./notify";

// Sends what the evaluator queued in the store's outbox. The outbox is durable: a notification is
// written with its state change, in one transaction, and leaves the outbox only once sent or given
// up, so a restart loses none. Each is claimed before it is sent (hidden from other instances for
// CLAIM_MS), so the fleet sends it once. Delivery is at least once: an instance that dies between the
// receiver's answer and marking it sent leaves it to be sent again after the claim runs out, which
// is why the generic webhook carries the idempotency key (x-roomscope-delivery) for the receiver.

export interface NotifierOptions {
  alerts: AlertStore;
  fetch?: typeof fetch;
  now?: () => number;
  /** How often the outbox is checked. */
  tickMs?: number;
  /** How long one send may take. */
  timeoutMs?: number;
  /** Back-off before attempt n+1 after n failures; by default 10 s doubling to 30 min. */
  backoffMs?: (failures: number) => number;
  /** Attempts before a notification is given up. */
  maxAttempts?: number;
  /** Why a channel's URL may not be sent to (lib/alerts/webhook-target.ts), checked before each send; none by default. */
  checkTarget?: (url: string) => Promise<TargetRefusal | null>;
}

/** How often the outbox's summary for health is read again: a count, not every 2 s tick. */
const SUMMARY_EVERY_MS = 10_000;
/** What health counts as given up recently. */
const GIVEN_UP_WINDOW_MS = 24 * 3_600_000;

export interface NotifierStatus {
  running: boolean;
  /** The fleet's outbox as last read (every 10 s while running); null before the first read. */
  outbox: (OutboxSummary & { at: number }) | null;
  /** This instance's last failed send: its code (never the URL) and when. */
  lastFailure: { error: string; at: number } | null;
}

/** A claim outlives the longest send by far, so no two instances send one notification at once. */
const CLAIM_MS = 60_000;
const BATCH = 20;

export const defaultBackoff = (failures: number) => Math.min(10_000 * 2 ** (failures - 1), 30 * 60_000);

export function createNotifier(options: NotifierOptions) {
  const { alerts, fetch: send = fetch, now = Date.now, tickMs = 2000, timeoutMs = 10_000, backoffMs = defaultBackoff, maxAttempts = 10, checkTarget } = options;
  let timer: ReturnType<typeof setInterval> | null = null;
  let draining: Promise<number> | null = null;
  let summary: NotifierStatus["outbox"] = null;
  let lastFailure: NotifierStatus["lastFailure"] = null;

  async function readSummary(force = false) {
    const at = now();
    if (!force && summary && at - summary.at < SUMMARY_EVERY_MS) return;
    summary = { ...(await alerts.outboxSummary(at - GIVEN_UP_WINDOW_MS)), at };
  }

  async function deliver(channel: Pick<AlertChannel, "kind" | "url" | "secret">, request: ReturnType<typeof buildRequest>): Promise<DeliveryResult> {
    // A name that has come to resolve into the console's own network is not sent to; one that does
    // not resolve now may again (DNS trouble): retried.
    const refusal = checkTarget ? await checkTarget(request.url) : null;
    if (refusal) return { ok: false, error: refusal, retry: refusal === "unresolvable" };
    try {
      const answer = await send(request.url, { method: "POST", headers: request.headers, body: request.body, signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
      return judgeAnswer(channel.kind, answer.status, await answer.text());
    } catch (error) {
      // Never the error's message: fetch puts the URL (and the robot's key in it) there.
      return { ok: false, error: (error as Error).name === "TimeoutError" ? "timeout" : "network", retry: true };
    }
  }

  async function sendOne(entry: OutboxEntry): Promise<void> {
    const event = await alerts.event(entry.eventId);
    const channel = await alerts.channel(entry.channelId);
    const rule = event ? await alerts.rule(event.ruleId) : null;
    if (!event || !channel || !rule) {
      await alerts.markAttemptFailed(entry.id, !channel ? "channel_gone" : "rule_gone", null);
      return;
    }
    const notificationEvent = { ...event, idempotencyKey: entry.idempotencyKey };
    const at = now();
    const result = await deliver(channel, buildRequest(channel, composeNotification(rule, notificationEvent), notificationEvent, at));
    if (result.ok) {
      await alerts.markSent(entry.id, now());
      return;
    }
    lastFailure = { error: result.error, at };
    const failures = entry.attempts + 1;
    const giveUp = !result.retry || failures >= maxAttempts;
    await alerts.markAttemptFailed(entry.id, result.error, giveUp ? null : now() + backoffMs(failures));
    log.warn(giveUp ? "gave up an alert notification" : "an alert notification failed; will retry", {
      channel: channel.id,
      kind: channel.kind,
      error: result.error,
      attempts: failures,
    });
  }

  /** Sends everything due now; resolves with how many were tried. A drain under way is joined, not doubled. */
  function drain(): Promise<number> {
    draining ??= (async () => {
      let tried = 0;
      for (;;) {
        const due = await alerts.claimDue(now(), CLAIM_MS, BATCH);
        for (const entry of due) await sendOne(entry);
        tried += due.length;
        if (due.length < BATCH) return tried;
      }
    })().finally(() => {
      draining = null;
    });
    return draining;
  }

  return {
    drain,
    /** The test button: one message to the channel now, outside the outbox; resolves with the outcome. */
    async sendTest(channel: Pick<AlertChannel, "kind" | "url" | "secret">, language: AlertLanguage): Promise<DeliveryResult> {
      return deliver(channel, buildRequest(channel, composeTestNotification(language), null, now()));
    },
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (draining) return;
        void drain()
          .catch((error: unknown) => log.error("could not send alert notifications", { error: (error as Error).message }))
          // A storage failure is the outage guard's to report; health keeps the last summary.
          .then(() => readSummary().catch(() => undefined));
      }, tickMs);
      timer.unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await draining?.catch(() => undefined);
    },
    status(): NotifierStatus {
      return { running: timer !== null, outbox: summary, lastFailure };
    },
    /** Reads the outbox's summary now rather than at the next tick's turn. */
    refreshStatus: () => readSummary(true),
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
