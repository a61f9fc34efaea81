import { createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { alertRuleInputSchema, type AlertChannel } from "@/lib/contract/alerts";
import type { HistoryStore } from "@/lib/store/store";
import { roomStats } from "@/lib/testing/fixtures";
import { sqlitePlace, type StorePlace } from "@/lib/testing/history-stores";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { createAlertEvaluator } from "./evaluator";
import { createNotifier } from "./notifier";

const CADENCE = 5_000;

describe("alert notifications, through a real webhook receiver", () => {
  let place: StorePlace;
  let store: HistoryStore;
  let receiver: WebhookReceiver;
  let clock: number;

  beforeEach(async () => {
    place = sqlitePlace();
    store = await place.open();
    receiver = await startWebhookReceiver();
    clock = Date.UTC(2026, 11, 1, 20, 0, 0);
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await receiver.close();
    await store.close();
    await place.remove();
  });

  async function setUp(kind: AlertChannel["kind"] = "webhook", secret: string | undefined = "s3cret") {
    await store.alerts.putChannel({ id: "ch-1", name: "Ops", kind, url: `${receiver.url}/hook?key=robot-key`, secret, createdAt: 1, updatedAt: 1 });
    await store.alerts.putRule({
      ...alertRuleInputSchema.parse({
        name: "Too many viewers",
        scope: { kind: "room", roomId: "room-a" },
        condition: { kind: "total", key: "totalViewers", op: "above", threshold: 100 },
        pendingMs: CADENCE,
        channelIds: ["ch-1"],
      }),
      id: "r1",
      createdAt: 1,
      updatedAt: 1,
    });
    const evaluator = createAlertEvaluator({ store, cadenceMs: () => CADENCE, credential: () => "ok", intervalMs: CADENCE, now: () => clock });
    const notifier = createNotifier({ alerts: store.alerts, now: () => clock, backoffMs: () => 1000 });
    return { evaluator, notifier };
  }

  async function sample(viewers: number) {
    clock += CADENCE;
    await store.addSample("room-a", { t: clock, stats: roomStats({ totalViewers: viewers }) });
  }

  it("sends one signed message when the alert fires after its pending period, and one when it resolves", async () => {
    const { evaluator, notifier } = await setUp();
    for (const viewers of [150, 150, 150, 150, 50]) {
      await sample(viewers);
      await evaluator.evaluateOnce();
      await notifier.drain();
    }
    const bodies = receiver.received.map((r) => JSON.parse(r.body) as { to: string; title: string });
    expect(bodies.map((b) => b.to)).toEqual(["firing", "resolved"]);
    expect(bodies[0]!.title).toBe("[Firing] Too many viewers");
    const first = receiver.received[0]!;
    expect(first.path).toBe("/hook?key=robot-key");
    expect(first.headers["x-roomscope-signature"]).toBe(`sha256=${createHmac("sha256", "s3cret").update(first.body).digest("hex")}`);
  });

  it("retries with back-off while the webhook is down and delivers once it is back, never twice", async () => {
    const { evaluator, notifier } = await setUp("wecom", undefined);
    receiver.failWith(503);
    await sample(150);
    await evaluator.evaluateOnce();
    await sample(150);
    await evaluator.evaluateOnce();
    await notifier.drain();
    // Not due again before the back-off.
    await notifier.drain();
    expect(receiver.received).toHaveLength(1);

    receiver.failWith(null);
    clock += 1000;
    await notifier.drain();
    clock += 60_000;
    await notifier.drain();
    expect(receiver.received).toHaveLength(2);
    expect(JSON.parse(receiver.received[1]!.body)).toMatchObject({ msgtype: "markdown" });
    const [event] = await store.alerts.events({ limit: 1 });
    expect((await store.alerts.outbox(event!.id)).map((o) => [o.status, o.attempts, o.lastError])).toEqual([["sent", 2, null]]);
  });

  it("keeps queued notifications across a restart and sends them once", async () => {
    const { evaluator } = await setUp();
    await sample(150);
    await evaluator.evaluateOnce();
    await sample(150);
    await evaluator.evaluateOnce();
    await store.close();
    store = await place.open();
    const notifier = createNotifier({ alerts: store.alerts, now: () => clock });
    await Promise.all([notifier.drain(), createNotifier({ alerts: store.alerts, now: () => clock }).drain()]);
    await notifier.drain();
    expect(receiver.received.map((r) => (JSON.parse(r.body) as { to: string }).to)).toEqual(["firing"]);
  });

  it("gives up on an answer retrying will not fix, and says why by code only", async () => {
    const { evaluator, notifier } = await setUp("dingtalk", "SECx");
    receiver.answer(JSON.stringify({ errcode: 310000, errmsg: "sign not match" }));
    await sample(150);
    await evaluator.evaluateOnce();
    await sample(150);
    await evaluator.evaluateOnce();
    await notifier.drain();
    clock += 3_600_000;
    await notifier.drain();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.path).toMatch(/^\/hook\?key=robot-key&timestamp=\d+&sign=/);
    const [event] = await store.alerts.events({ limit: 1 });
    const [entry] = await store.alerts.outbox(event!.id);
    expect(entry).toMatchObject({ status: "failed", lastError: "vendor_310000" });
  });

  it("sends a test message, and reports a receiver that cannot be reached without its URL", async () => {
    const { notifier } = await setUp();
    expect(await notifier.sendTest({ kind: "slack", url: `${receiver.url}/slack` }, "zh-CN")).toEqual({ ok: true });
    expect(JSON.parse(receiver.received[0]!.body).text).toContain("测试消息");
    const closed = await startWebhookReceiver();
    await closed.close();
    const result = await notifier.sendTest({ kind: "webhook", url: `${closed.url}/secret-path?token=abc` }, "en");
    expect(result).toEqual({ ok: false, error: "network", retry: true });
  });
});
