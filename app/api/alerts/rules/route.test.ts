// The alerts API through the real handlers, the real composition root and the stand-in: rules,
// channels (masked), silences, a rule firing and resolving with its webhook messages, history, and
// the audit log of every change. The evaluator and notifier are driven one cycle at a time.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Services } from "@/lib/server/container";
import { call, captureLogs, configureConsole, disposeConsole, startStandIn } from "@/lib/testing/console-harness";
import { roomStats } from "@/lib/testing/fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import type { Simulator } from "@/simulator/server";
import { GET as currentGet } from "../current/route";
import { GET as historyGet } from "../history/route";
import { POST as channelsPost, GET as channelsGet } from "../channels/route";
import { PATCH as channelPatch, DELETE as channelDelete } from "../channels/[channelId]/route";
import { POST as channelTest } from "../channels/[channelId]/test/route";
import { POST as silencesPost, GET as silencesGet } from "../silences/route";
import { DELETE as silenceDelete } from "../silences/[silenceId]/route";
import { PATCH as rulePatch, DELETE as ruleDelete, GET as ruleGet } from "./[ruleId]/route";
import { GET as rulesGet, POST as rulesPost } from "./route";
import { GET as healthGet } from "../../health/route";
import type { HealthResponse } from "@/lib/contract/api";

let sim: Simulator;
let service: Services;
let receiver: WebhookReceiver;

beforeAll(async () => {
  sim = await startStandIn();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await disposeConsole();
  await receiver.close();
  await sim.close();
});
beforeEach(async () => {
  // The receiver is on this machine, which the console only sends to when told it may.
  service = await configureConsole(sim, { ALERT_ALLOW_PRIVATE_WEBHOOKS: "1" });
  receiver.received.length = 0;
  receiver.failWith(null);
});

const ROOM = "alert-room-1";
const viewersRule = (overrides: Record<string, unknown> = {}) => ({
  name: "Crowd",
  scope: { kind: "room", roomId: ROOM },
  condition: { kind: "total", key: "totalViewers", op: "above", threshold: 100 },
  ...overrides,
});

async function addChannel(kind = "webhook", secret: string | undefined = "hook-secret-1") {
  const res = await call(channelsPost, "/api/alerts/channels", {}, { method: "POST", body: { name: "Ops", kind, url: `${receiver.url}/hook?key=ROBOTKEY42`, secret } });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string };
}

/** A sample of ROOM now, with `viewers` viewers, then one evaluation and one drain of the outbox. */
async function cycle(viewers: number | null) {
  if (viewers !== null) await service.store.addSample(ROOM, { t: Date.now(), stats: roomStats({ totalViewers: viewers }) });
  await service.evaluator.evaluateOnce();
  await service.notifier.drain();
}

describe("alert rules", () => {
  it("are added, read, replaced and removed, each change audited", async () => {
    const created = await call(rulesPost, "/api/alerts/rules", {}, { method: "POST", body: viewersRule({ pendingMs: 30_000 }) });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ name: "Crowd", pendingMs: 30_000, language: "en", enabled: true, channelIds: [] });

    expect((await call(rulesGet, "/api/alerts/rules", {})).body.rules.map((r: { id: string }) => r.id)).toEqual([id]);
    const patched = await call(rulePatch, `/api/alerts/rules/${id}`, { ruleId: id }, { method: "PATCH", body: viewersRule({ name: "Big crowd", enabled: false }) });
    expect(patched.status, patched.text).toBe(200);
    expect((await call(ruleGet, `/api/alerts/rules/${id}`, { ruleId: id })).body).toMatchObject({ name: "Big crowd", enabled: false });
    expect((await call(ruleDelete, `/api/alerts/rules/${id}`, { ruleId: id }, { method: "DELETE" })).status).toBe(204);
    const gone = await call(ruleGet, `/api/alerts/rules/${id}`, { ruleId: id });
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toBe("There is no such alert rule.");

    const actions = (await service.access.audit.query({ limit: 20 })).map((e) => e.action).filter((a) => a.startsWith("alert."));
    expect(actions).toEqual(["alert.rule_delete", "alert.rule_update", "alert.rule_create"]);
  });

  it("refuses a bad rule with the field and the reason, in the reader's language", async () => {
    const res = await call(rulesPost, "/api/alerts/rules", {}, { method: "POST", body: viewersRule({ condition: { kind: "rate", key: "totalMsgCount", window: "2m", op: "below", threshold: 1 } }) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_body");
    expect(res.body.error.message).toBe("`condition.window` is one of the rate windows 1m, 5m or 15m.");
    const zh = await call(rulesPost, "/api/alerts/rules", {}, { method: "POST", body: viewersRule({ pendingMs: -1 }), headers: { "accept-language": "zh-CN" } });
    expect(zh.body.error.message).toBe("`pendingMs` 太小（至少 0）。");
    const unknown = await call(rulesPost, "/api/alerts/rules", {}, { method: "POST", body: viewersRule({ channelIds: ["nope"] }) });
    expect(unknown.body.error).toMatchObject({ code: "invalid_body", message: "The rule names a notification channel that does not exist." });
  });
});

describe("channels", () => {
  it("never show the URL or the secret, keep them when left out of a change, and audit without them", async () => {
    const logs = captureLogs();
    try {
      const { id } = await addChannel();
      const listed = await call(channelsGet, "/api/alerts/channels", {});
      expect(listed.body.channels).toEqual([expect.objectContaining({ id, kind: "webhook", urlHost: receiver.url.replace("http://", ""), hasSecret: true })]);
      const renamed = await call(channelPatch, `/api/alerts/channels/${id}`, { channelId: id }, { method: "PATCH", body: { name: "Ops night", kind: "webhook" } });
      expect(renamed.status, renamed.text).toBe(200);
      expect((await service.store.alerts.channel(id))!).toMatchObject({ name: "Ops night", url: `${receiver.url}/hook?key=ROBOTKEY42`, secret: "hook-secret-1" });
      const tested = await call(channelTest, `/api/alerts/channels/${id}/test`, { channelId: id }, { method: "POST" });
      expect(tested.body).toEqual({ ok: true });
      expect(receiver.received).toHaveLength(1);
      receiver.failWith(500);
      expect((await call(channelTest, `/api/alerts/channels/${id}/test`, { channelId: id }, { method: "POST" })).body).toEqual({ ok: false, error: "http_500" });
      expect((await call(channelDelete, `/api/alerts/channels/${id}`, { channelId: id }, { method: "DELETE" })).status).toBe(204);

      const audit = JSON.stringify(await service.access.audit.query({ limit: 20 }));
      expect(audit).toContain("alert.channel_test");
      for (const text of [audit, JSON.stringify(listed.body), logs.lines.join("\n")]) {
        expect(text).not.toContain("ROBOTKEY42");
        expect(text).not.toContain("hook-secret-1");
      }
    } finally {
      logs.restore();
    }
  });
});

describe("where channels may send", () => {
  it("refuses a URL into the console's own network unless ALERT_ALLOW_PRIVATE_WEBHOOKS is set, in the reader's language", async () => {
    service = await configureConsole(sim);
    for (const url of [`${receiver.url}/hook`, "http://169.254.169.254/latest/meta-data", "http://[::1]:9/x", "https://10.0.0.8/robot"]) {
      const res = await call(channelsPost, "/api/alerts/channels", {}, { method: "POST", body: { name: "Inside", kind: "webhook", url }, headers: { "accept-language": "zh-CN" } });
      expect(res.status, url).toBe(400);
      expect(res.body.error).toMatchObject({ code: "invalid_body" });
      expect(res.body.error.message).toContain("ALERT_ALLOW_PRIVATE_WEBHOOKS");
    }
    expect((await call(channelsGet, "/api/alerts/channels", {})).body.channels).toEqual([]);
  });

  it("does not send to a saved channel whose address the console may no longer reach, and says why", async () => {
    const { id } = await addChannel();
    service = await configureConsole(sim, { DATA_DIR: service.settings.history.dataDir });
    const res = await call(channelTest, `/api/alerts/channels/${id}/test`, { channelId: id }, { method: "POST" });
    expect(res.body).toMatchObject({ ok: false, error: "private_address" });
    expect(receiver.received).toEqual([]);
  });
});

describe("an alert on a room", () => {
  it("fires once (after its pending period), shows as current, resolves, with one webhook message per change", async () => {
    const { id: channelId } = await addChannel();
    const rule = (await call(rulesPost, "/api/alerts/rules", {}, { method: "POST", body: viewersRule({ channelIds: [channelId] }) })).body as { id: string };
    await cycle(50);
    await cycle(150);
    await cycle(160);
    const current = await call(currentGet, `/api/alerts/current?roomId=${ROOM}`, {});
    expect(current.body.alerts).toEqual([expect.objectContaining({ ruleId: rule.id, ruleName: "Crowd", roomId: ROOM, state: "firing", value: 150, silenced: false })]);
    await cycle(40);
    expect((await call(currentGet, "/api/alerts/current", {})).body.alerts).toEqual([]);

    expect(receiver.received.map((r) => JSON.parse(r.body).to)).toEqual(["firing", "resolved"]);
    const history = await call(historyGet, `/api/alerts/history?ruleId=${rule.id}`, {});
    expect(history.body.events.map((e: { from: string; to: string }) => `${e.from}->${e.to}`)).toEqual(["firing->resolved", "normal->firing"]);
    expect(history.body.events[0].ruleName).toBe("Crowd");
  });

  it("is shown to a viewer, who reads watched rooms only, once the room is on the watchlist", async () => {
    await call(rulesPost, "/api/alerts/rules", {}, { method: "POST", body: viewersRule() });
    await cycle(150);
    const { token } = await service.access.tokens.create({ name: "a-viewer", role: "viewer", createdBy: "tests", expiresAt: null });
    const asViewer = async () => ({
      current: (await call(currentGet, "/api/alerts/current", {}, { token })).body.alerts as { roomId: string }[],
      history: (await call(historyGet, "/api/alerts/history", {}, { token })).body.events as { roomId: string }[],
    });
    expect(await asViewer()).toEqual({ current: [], history: [] });
    // Support may open any room: it sees the alert whether or not the room is watched.
    const support = (await service.access.tokens.create({ name: "support", role: "support", createdBy: "tests", expiresAt: null })).token;
    expect((await call(currentGet, "/api/alerts/current", {}, { token: support })).body.alerts).toEqual([expect.objectContaining({ roomId: ROOM, state: "firing" })]);
    await service.store.watch(ROOM, Date.now());
    const seen = await asViewer();
    expect(seen.current).toEqual([expect.objectContaining({ roomId: ROOM, state: "firing" })]);
    expect(seen.history.map((e) => e.roomId)).toEqual([ROOM]);
  });

  it("shows in /api/health: the evaluator's last cycle, the notifications waiting and the last failed send", async () => {
    const healthNow = async () => (await call(healthGet, "/api/health", {})).body as HealthResponse;
    expect((await healthNow()).alerts).toEqual({
      evaluator: { running: false, failing: false, lastCycleAt: null, lastCycleMs: null, rules: 0, pairs: 0 },
      outbox: null,
      lastFailure: null,
    });
    const { id: channelId } = await addChannel();
    await call(rulesPost, "/api/alerts/rules", {}, { method: "POST", body: viewersRule({ channelIds: [channelId] }) });
    receiver.failWith(503);
    await cycle(150);
    await service.notifier.refreshStatus();
    const health = await healthNow();
    expect(health.alerts.evaluator).toMatchObject({ failing: false, rules: 1, pairs: 1, lastCycleAt: expect.any(String) });
    expect(health.alerts.outbox).toMatchObject({ pending: 1, givenUp: 0, oldestPendingAt: expect.any(String) });
    expect(health.alerts.lastFailure).toMatchObject({ error: "http_503" });
    // Waiting seconds, not minutes: not yet a problem.
    expect(health.problems).toEqual([]);
    receiver.failWith(null);
  });

  it("goes to no data when the room stops being recorded", async () => {
    await call(rulesPost, "/api/alerts/rules", {}, { method: "POST", body: viewersRule() });
    await service.store.addSample(ROOM, { t: Date.now() - 10 * 60_000, stats: roomStats({ totalViewers: 500 }) });
    await cycle(null);
    expect((await call(currentGet, "/api/alerts/current", {})).body.alerts).toEqual([expect.objectContaining({ state: "no_data" })]);
  });

  it("records but does not send while the room is silenced, and sends again after the silence is removed", async () => {
    const { id: channelId } = await addChannel("slack", undefined);
    await call(rulesPost, "/api/alerts/rules", {}, { method: "POST", body: viewersRule({ channelIds: [channelId] }) });
    const now = Date.now();
    const silence = await call(silencesPost, "/api/alerts/silences", {}, {
      method: "POST",
      body: { roomId: ROOM, startsAt: new Date(now - 1000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), comment: "rehearsal" },
    });
    expect(silence.status, silence.text).toBe(201);
    await cycle(150);
    expect((await call(currentGet, "/api/alerts/current", {})).body.alerts).toEqual([expect.objectContaining({ state: "firing", silenced: true })]);
    expect(receiver.received).toEqual([]);
    expect((await call(silencesGet, "/api/alerts/silences", {})).body.silences).toHaveLength(1);
    expect((await call(silenceDelete, `/api/alerts/silences/${silence.body.id}`, { silenceId: silence.body.id }, { method: "DELETE" })).status).toBe(204);
    await cycle(50);
    expect(receiver.received.map((r) => JSON.parse(r.body).text)).toEqual([expect.stringContaining("[Resolved] Crowd")]);
    const refused = await call(silencesPost, "/api/alerts/silences", {}, { method: "POST", body: { roomId: ROOM, startsAt: new Date(now).toISOString(), endsAt: new Date(now).toISOString() } });
    expect(refused.body.error).toMatchObject({ code: "invalid_body", message: "A silence must end after it starts." });
  });

  it("delivers after the webhook was down, once it is back, and only once", async () => {
    const { id: channelId } = await addChannel("feishu", "fs-secret");
    await call(rulesPost, "/api/alerts/rules", {}, { method: "POST", body: viewersRule({ channelIds: [channelId] }) });
    receiver.failWith(502);
    await cycle(150);
    expect(receiver.received).toHaveLength(1);
    receiver.failWith(null);
    // The back-off's first wait is 10 s: the queued message becomes due again then.
    const [event] = await service.store.alerts.events({ limit: 1 });
    const [entry] = await service.store.alerts.outbox(event!.id);
    expect(entry).toMatchObject({ status: "pending", attempts: 1, lastError: "http_502" });
    expect(entry!.nextAttemptAt - Date.now()).toBeGreaterThan(5_000);
  });
});
