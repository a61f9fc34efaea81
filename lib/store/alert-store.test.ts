// The alert store's behaviour, the same on both databases (alert-store.ts holds the one set of queries).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alertRuleInputSchema, type AlertChannel, type AlertRule } from "@/lib/contract/alerts";
import type { HistoryStore } from "@/lib/store/store";
import { rejection, STORE_BACKENDS, type StorePlace } from "@/lib/testing/history-stores";
import type { TransitionWrite } from "./alert-store";

const rule = (id: string, overrides: Partial<AlertRule> = {}): AlertRule => ({
  ...alertRuleInputSchema.parse({ name: `Rule ${id}`, scope: { kind: "watched" }, condition: { kind: "ended" }, channelIds: ["ch-1"] }),
  id,
  createdAt: 1000,
  updatedAt: 1000,
  ...overrides,
});

const channel = (id: string): AlertChannel => ({ id, name: "Ops group", kind: "wecom", url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", createdAt: 1, updatedAt: 1 });

const firing = (at: number, expected: TransitionWrite["expected"], overrides: Partial<TransitionWrite> = {}): TransitionWrite => ({
  ruleId: "r1",
  roomId: "room-a",
  expected,
  next: { state: "firing", since: at, breachSince: at, value: 42 },
  event: { from: expected ?? "normal", to: "firing", at, silenced: false, channelIds: ["ch-1", "ch-2"] },
  ...overrides,
});

describe.each(STORE_BACKENDS)("the alert store on $name", (backend) => {
  let place: StorePlace;
  let store: HistoryStore;

  beforeEach(async () => {
    place = backend.place();
    store = await place.open();
  });

  afterEach(async () => {
    await store.close();
    await place.remove();
  });

  it("keeps rules and channels, replaces them by id, and deletes them", async () => {
    const { alerts } = store;
    await alerts.putRule(rule("r1"));
    await alerts.putRule(rule("r2", { createdAt: 2000, updatedAt: 2000 }));
    await alerts.putRule(rule("r1", { name: "Renamed", updatedAt: 3000 }));
    expect((await alerts.rules()).map((r) => [r.id, r.name, r.createdAt, r.updatedAt])).toEqual([
      ["r1", "Renamed", 1000, 3000],
      ["r2", "Rule r2", 2000, 2000],
    ]);
    expect(await alerts.rule("r2")).toEqual(rule("r2", { createdAt: 2000, updatedAt: 2000 }));
    expect(await alerts.deleteRule("r2")).toBe(true);
    expect(await alerts.deleteRule("r2")).toBe(false);
    expect(await alerts.rule("r2")).toBeNull();

    await alerts.putChannel(channel("ch-1"));
    expect(await alerts.channels()).toEqual([channel("ch-1")]);
    expect(await alerts.deleteChannel("ch-1")).toBe(true);
    expect(await alerts.channel("ch-1")).toBeNull();
  });

  it("refuses a rule that does not validate", async () => {
    await expect(store.alerts.putRule({ ...rule("r1"), pendingMs: -5 })).rejects.toThrow();
    expect(await store.alerts.rules()).toEqual([]);
  });

  it("applies a transition with its event and one notification per channel, in one go", async () => {
    const { alerts } = store;
    expect(await alerts.applyTransition(firing(5000, null), 5000)).toBe(true);
    expect(await alerts.states()).toEqual([{ ruleId: "r1", roomId: "room-a", state: "firing", since: 5000, breachSince: 5000, value: 42 }]);
    const [event] = await alerts.events({ limit: 10 });
    expect(event).toMatchObject({ ruleId: "r1", roomId: "room-a", from: "normal", to: "firing", at: 5000, value: 42, silenced: false });
    const outbox = await alerts.outbox(event!.id);
    expect(outbox.map((o) => [o.channelId, o.status, o.attempts, o.nextAttemptAt])).toEqual([
      ["ch-1", "pending", 0, 5000],
      ["ch-2", "pending", 0, 5000],
    ]);
  });

  it("skips a transition from a state no longer held, so two evaluators announce a change once", async () => {
    const { alerts } = store;
    expect(await alerts.applyTransition(firing(5000, null), 5000)).toBe(true);
    // A second instance read "no state" too.
    expect(await alerts.applyTransition(firing(5000, null), 5000)).toBe(false);
    // And one that read "pending" (stale).
    expect(await alerts.applyTransition(firing(6000, "pending"), 6000)).toBe(false);
    expect(await alerts.events({ limit: 10 })).toHaveLength(1);
    const resolved: TransitionWrite = {
      ruleId: "r1",
      roomId: "room-a",
      expected: "firing",
      next: { state: "resolved", since: 9000, breachSince: null, value: 1 },
      event: { from: "firing", to: "resolved", at: 9000, silenced: false, channelIds: ["ch-1"] },
    };
    expect(await alerts.applyTransition(resolved, 9000)).toBe(true);
    expect((await alerts.events({ limit: 10 })).map((e) => e.to)).toEqual(["resolved", "firing"]);
  });

  it("records a silenced change without notifications", async () => {
    const write = firing(5000, null);
    await store.alerts.applyTransition({ ...write, event: { ...write.event!, silenced: true } }, 5000);
    const [event] = await store.alerts.events({ limit: 10 });
    expect(event!.silenced).toBe(true);
    expect(await store.alerts.outbox(event!.id)).toEqual([]);
  });

  it("pages the history back in time, filtered by rule and room", async () => {
    const { alerts } = store;
    for (const [i, roomId] of ["room-a", "room-b", "room-a"].entries()) {
      await alerts.applyTransition({ ...firing(1000 + i, null), roomId, ruleId: `r${i}` }, 1000 + i);
    }
    const all = await alerts.events({ limit: 10 });
    expect(all.map((e) => e.at)).toEqual([1002, 1001, 1000]);
    expect((await alerts.events({ limit: 10, roomId: "room-a" })).map((e) => e.at)).toEqual([1002, 1000]);
    expect((await alerts.events({ limit: 10, ruleId: "r1" })).map((e) => e.roomId)).toEqual(["room-b"]);
    expect((await alerts.events({ limit: 1, beforeId: all[0]!.id })).map((e) => e.at)).toEqual([1001]);
  });

  it("keeps silences until they end", async () => {
    const { alerts } = store;
    await alerts.addSilence({ id: "s1", roomId: "room-a", ruleId: null, startsAt: 1000, endsAt: 5000, comment: "maintenance", createdBy: "ops@example.com", createdAt: 900 });
    await alerts.addSilence({ id: "s2", roomId: "room-b", ruleId: "r1", startsAt: 1000, endsAt: 3000, comment: "", createdBy: null, createdAt: 900 });
    expect((await alerts.silences(2000)).map((s) => s.id)).toEqual(["s2", "s1"]);
    expect((await alerts.silences(3000)).map((s) => s.id)).toEqual(["s1"]);
    expect(await alerts.deleteSilence("s1")).toBe(true);
    expect(await alerts.silences(0)).toHaveLength(1);
    expect((await rejection(alerts.addSilence({ id: "s3", roomId: "room-a", ruleId: null, startsAt: 5000, endsAt: 5000, comment: "", createdBy: null, createdAt: 1 }))).code).toBe("invalid");
  });

  it("hands each due notification to one taker until its claim runs out, and keeps attempts", async () => {
    const { alerts } = store;
    await alerts.applyTransition(firing(5000, null), 5000);
    const taken = await alerts.claimDue(5000, 30_000, 10);
    expect(taken.map((o) => o.channelId)).toEqual(["ch-1", "ch-2"]);
    expect(await alerts.claimDue(6000, 30_000, 10)).toEqual([]);

    expect(await alerts.outboxSummary(0)).toEqual({ pending: 2, oldestPendingAt: 5000, givenUp: 0 });
    await alerts.markSent(taken[0]!.id, 6000);
    await alerts.markAttemptFailed(taken[1]!.id, "http_503", 10_000);
    expect(await alerts.outboxSummary(0)).toEqual({ pending: 1, oldestPendingAt: 5000, givenUp: 0 });
    expect(await alerts.claimDue(9999, 30_000, 10)).toEqual([]);
    const again = await alerts.claimDue(10_000, 30_000, 10);
    expect(again.map((o) => [o.channelId, o.attempts, o.lastError])).toEqual([["ch-2", 1, "http_503"]]);
    await alerts.markAttemptFailed(again[0]!.id, "http_503", null);
    expect(await alerts.claimDue(1e12, 30_000, 10)).toEqual([]);
    expect(await alerts.outboxSummary(0)).toEqual({ pending: 0, oldestPendingAt: null, givenUp: 1 });
    // Given up notifications count within the window asked for (health's last day), by when they were written.
    expect((await alerts.outboxSummary(5001)).givenUp).toBe(0);
    const [event] = await alerts.events({ limit: 1 });
    expect((await alerts.outbox(event!.id)).map((o) => [o.status, o.attempts, o.sentAt])).toEqual([
      ["sent", 1, 6000],
      ["failed", 2, null],
    ]);
  });

  it("survives a reopen: rules, states and pending notifications are durable", async () => {
    await store.alerts.putRule(rule("r1"));
    await store.alerts.applyTransition(firing(5000, null), 5000);
    await store.close();
    store = await place.open();
    expect(await store.alerts.rules()).toHaveLength(1);
    expect((await store.alerts.states()).map((s) => s.state)).toEqual(["firing"]);
    expect(await store.alerts.claimDue(5000, 1000, 10)).toHaveLength(2);
  });
});
