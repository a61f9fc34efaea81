import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alertRuleInputSchema, type AlertRule } from "@/lib/contract/alerts";
import type { CredentialStatus } from "@/lib/contract/api";
import type { RoomLeases } from "@/lib/history/leases";
import type { HistoryStore } from "@/lib/store/store";
import { roomStats } from "@/lib/testing/fixtures";
import { sqlitePlace, type StorePlace } from "@/lib/testing/history-stores";
import { createAlertEvaluator } from "./evaluator";
import { connectRedis, whenReady } from "@/lib/cluster/redis";
import { createRedisLeases } from "@/lib/history/redis-leases";
import { deleteKeys, REDIS_TEST_URL, testPrefix } from "@/lib/testing/redis";

const CADENCE = 5_000;

describe("the alert evaluator", () => {
  let place: StorePlace;
  let store: HistoryStore;
  let clock: number;
  let credential: CredentialStatus;

  beforeEach(async () => {
    place = sqlitePlace();
    store = await place.open();
    clock = 1_000_000;
    credential = "ok";
  });

  afterEach(async () => {
    await store.close();
    await place.remove();
  });

  const evaluator = (leases?: RoomLeases) => createAlertEvaluator({ store, leases, cadenceMs: () => CADENCE, credential: () => credential, intervalMs: CADENCE, now: () => clock });

  async function addRule(id: string, input: Record<string, unknown>): Promise<AlertRule> {
    const rule: AlertRule = { ...alertRuleInputSchema.parse({ name: id, channelIds: ["ch-1"], ...input }), id, createdAt: 1, updatedAt: 1 };
    await store.alerts.putRule(rule);
    return rule;
  }

  /** Records a sample of `roomId` at the clock's time with `viewers` viewers. */
  const record = (roomId: string, viewers: number) => store.addSample(roomId, { t: clock, stats: roomStats({ totalViewers: viewers }) });

  /** Advances the clock a cadence, records the room, and evaluates. */
  async function step(ev: ReturnType<typeof evaluator>, viewers: number | null, roomId = "room-a") {
    clock += CADENCE;
    if (viewers !== null) await record(roomId, viewers);
    return ev.evaluateOnce();
  }

  const history = async () => (await store.alerts.events({ limit: 100 })).reverse().map((e) => `${e.roomId}:${e.from}->${e.to}${e.silenced ? " (silenced)" : ""}`);

  async function queued(): Promise<string[]> {
    const events = await store.alerts.events({ limit: 100 });
    const entries = await Promise.all(events.map((e) => store.alerts.outbox(e.id).then((out) => out.map(() => `${e.roomId}:${e.to}`))));
    return entries.reverse().flat();
  }

  it("fires once after its pending period, then resolves, queuing one notification per change", async () => {
    await addRule("r1", { scope: { kind: "room", roomId: "room-a" }, condition: { kind: "total", key: "totalViewers", op: "above", threshold: 100 }, pendingMs: 2 * CADENCE });
    const ev = evaluator();
    for (const viewers of [50, 150, 150, 150, 150, 150, 80, 80]) await step(ev, viewers);
    expect(await history()).toEqual(["room-a:normal->pending", "room-a:pending->firing", "room-a:firing->resolved", "room-a:resolved->normal"]);
    expect(await queued()).toEqual(["room-a:firing", "room-a:resolved"]);
    expect((await store.alerts.states("r1")).map((s) => s.state)).toEqual(["normal"]);
  });

  it("goes to no data when the room stops being recorded", async () => {
    await addRule("r1", { scope: { kind: "room", roomId: "room-a" }, condition: { kind: "total", key: "totalViewers", op: "above", threshold: 100 } });
    const ev = evaluator();
    await step(ev, 150);
    for (let i = 0; i < 4; i++) await step(ev, null);
    await step(ev, 150);
    expect(await history()).toEqual(["room-a:normal->firing", "room-a:firing->no_data", "room-a:no_data->firing"]);
  });

  it("covers every watched room with a watched-room rule", async () => {
    await addRule("r1", { scope: { kind: "watched" }, condition: { kind: "total", key: "totalViewers", op: "below", threshold: 100 } });
    await store.watch("room-a", clock);
    await store.watch("room-b", clock);
    const ev = evaluator();
    clock += CADENCE;
    await record("room-a", 50);
    await record("room-b", 500);
    const report = await ev.evaluateOnce();
    expect(report).toMatchObject({ rules: 1, pairs: 2, changes: 1 });
    expect(await history()).toEqual(["room-a:normal->firing"]);
  });

  it("records a change in a silenced room without queuing a notification, and notifies again once the silence ends", async () => {
    await addRule("r1", { scope: { kind: "room", roomId: "room-a" }, condition: { kind: "total", key: "totalViewers", op: "above", threshold: 100 } });
    await store.alerts.addSilence({ id: "s1", roomId: "room-a", ruleId: null, startsAt: clock, endsAt: clock + 2 * CADENCE + 1, comment: "", createdBy: null, createdAt: clock });
    const ev = evaluator();
    for (const viewers of [150, 50, 150]) await step(ev, viewers);
    expect(await history()).toEqual(["room-a:normal->firing (silenced)", "room-a:firing->resolved (silenced)", "room-a:resolved->firing"]);
    expect(await queued()).toEqual(["room-a:firing"]);
  });

  it("alerts on the credential once for the fleet", async () => {
    await addRule("r1", { scope: { kind: "watched" }, condition: { kind: "credential" } });
    const ev = evaluator();
    credential = "unknown";
    await step(ev, null);
    credential = "ok";
    await step(ev, null);
    credential = "rejected";
    await step(ev, null);
    await step(ev, null);
    expect(await history()).toEqual(["*:normal->no_data", "*:no_data->normal", "*:normal->firing"]);
    expect(await queued()).toEqual(["*:no_data", "*:normal", "*:firing"]);
  });

  it("evaluates only the rules its leases give it, and two instances at once announce a change once", async () => {
    await addRule("r1", { scope: { kind: "room", roomId: "room-a" }, condition: { kind: "total", key: "totalViewers", op: "above", threshold: 100 } });
    await addRule("r2", { scope: { kind: "room", roomId: "room-a" }, condition: { kind: "total", key: "totalViewers", op: "above", threshold: 100 } });
    const onlyR2: RoomLeases = { claim: async (ids) => ids.filter((id) => id === "r2") };
    clock += CADENCE;
    await record("room-a", 150);
    expect(await evaluator(onlyR2).evaluateOnce()).toMatchObject({ rules: 1, changes: 1 });
    expect((await store.alerts.events({ limit: 10 })).map((e) => e.ruleId)).toEqual(["r2"]);

    const [a, b] = await Promise.all([evaluator().evaluateOnce(), evaluator().evaluateOnce()]);
    expect(a.changes + b.changes).toBe(1);
    expect(await queued()).toEqual(["room-a:firing", "room-a:firing"]);
  });

  it("quietly returns a room taken off the watchlist to normal, without telling anyone", async () => {
    await addRule("r1", { scope: { kind: "watched" }, condition: { kind: "total", key: "totalViewers", op: "above", threshold: 100 } });
    await store.watch("room-a", clock);
    const ev = evaluator();
    await step(ev, 150);
    await store.unwatch("room-a");
    await step(ev, 150);
    expect((await store.alerts.states("r1")).map((s) => s.state)).toEqual(["normal"]);
    expect(await history()).toEqual(["room-a:normal->firing"]);
    expect(await queued()).toEqual(["room-a:firing"]);
  });

  it("splits the rules between two instances through Redis leases, each rule evaluated by one of them", async () => {
    const prefix = testPrefix();
    const redis = connectRedis(REDIS_TEST_URL);
    await whenReady(redis, 5000);
    try {
      for (let i = 0; i < 12; i++) await addRule(`r${i}`, { scope: { kind: "room", roomId: "room-a" }, condition: { kind: "total", key: "totalViewers", op: "above", threshold: 100 } });
      const a = evaluator(createRedisLeases({ redis, prefix, instanceId: "a", ttlMs: 60_000 }));
      const b = evaluator(createRedisLeases({ redis, prefix, instanceId: "b", ttlMs: 60_000 }));
      clock += CADENCE;
      await record("room-a", 150);
      // A member new to the fleet only registers at its first claim.
      await a.evaluateOnce();
      await b.evaluateOnce();
      const [first, second] = [await a.evaluateOnce(), await b.evaluateOnce()];
      const [third, fourth] = [await a.evaluateOnce(), await b.evaluateOnce()];
      expect(first.rules + second.rules).toBe(12);
      expect(third.rules + fourth.rules).toBe(12);
      expect(first.rules).toBeGreaterThan(0);
      expect(second.rules).toBeGreaterThan(0);
      expect((await store.alerts.events({ limit: 100 })).map((e) => e.ruleId).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `r${i}`).sort());
    } finally {
      redis.disconnect();
      await deleteKeys(prefix);
    }
  });

  it("skips disabled rules", async () => {
    await addRule("r1", { scope: { kind: "room", roomId: "room-a" }, condition: { kind: "ended" }, enabled: false });
    await store.markEnded("room-a", clock);
    expect(await evaluator().evaluateOnce()).toMatchObject({ rules: 0, pairs: 0 });
  });
});
