// Tencent's room callbacks through the real route handler, sent by the real stand-in over HTTP (and,
// for what the stand-in does not send by itself, signed here as Tencent would sign them).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { call, captureLogs, configureConsole, disposeConsole, startStandIn, tempDataDir } from "@/lib/testing/console-harness";
import { withOutageGuard } from "@/lib/store/outage-guard";
import { openSqliteStore } from "@/lib/store/sqlite-store";
import { StoreError } from "@/lib/store/store";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/postgres";
import { serveRoute } from "@/lib/testing/route-server";
import type { Services } from "@/lib/server/container";
import { callbackSign } from "@/simulator/callbacks";
import { DEMO_APP, type Simulator } from "@/simulator/server";
import { POST } from "./route";

const TOKEN = "callback-token-for-tests";
const ACK = { ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 };
const PATH = "/api/tencent/callback";

/** A callback as Tencent sends it: the command and signature in the query, JSON in the body. */
function signed(command: string, body: unknown, options: { requestTime?: number; token?: string } = {}) {
  const requestTime = String(options.requestTime ?? Math.floor(Date.now() / 1000));
  const sign = callbackSign(options.token ?? TOKEN, requestTime);
  const query = new URLSearchParams({ SdkAppid: String(DEMO_APP.sdkAppId), CallbackCommand: command, contenttype: "json", ClientIP: "10.0.0.1", OptPlatform: "RESTAPI" });
  return call(POST, `${PATH}?${query}&Sign=${sign}&RequestTime=${requestTime}`, {}, { method: "POST", token: null, body: { CallbackCommand: command, ...(body as object) } });
}

const destroyBody = (roomId: string, at: number) => ({ Operator_Account: "host", RoomId: roomId, EventType: "DestroyByUser", EventTime: at, RoomInfo: { RoomId: roomId } });
const createBody = (roomId: string, at: number) => ({ Operator_Account: "host", EventTime: at, RoomInfo: { RoomId: roomId, RoomName: roomId, CreateTime: Math.floor(at / 1000) } });

describe("without TENCENT_CALLBACK_TOKEN", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startStandIn({ rooms: 2 });
    await configureConsole(sim);
  });
  afterAll(async () => {
    await disposeConsole();
    await sim.close();
  });

  it("is off: 404, and nothing is recorded", async () => {
    const res = await signed("Live.CallbackAfterDestroyRoom", destroyBody("demo-quiet", Date.now()));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});

describe("with TENCENT_CALLBACK_TOKEN and RECORD_ALL_ROOMS", () => {
  let sim: Simulator;
  let service: Services;
  let bridge: Awaited<ReturnType<typeof serveRoute>>;
  const dataDir = tempDataDir();
  const env = { TENCENT_CALLBACK_TOKEN: TOKEN, RECORD_ALL_ROOMS: "1", RECORD_INTERVAL_S: "1", STATS_FRESHNESS_MS: "0", DATA_DIR: dataDir };

  beforeAll(async () => {
    bridge = await serveRoute(POST as never);
    sim = await startStandIn({ rooms: 3, callbackUrl: `${bridge.url}${PATH}`, callbackToken: TOKEN, callbackRetryDelaysMs: [100, 200, 400], log: (l) => process.env.DEBUG_SIM && console.info(Date.now(), l) });
    service = await configureConsole(sim, env);
    service.startBackground();
    bridge.open();
    await sim.callbacksIdle();
  });
  afterAll(async () => {
    await disposeConsole();
    await sim.close();
    await bridge.close();
  });

  it("acknowledges every create the stand-in sends as Tencent expects, and records each room from its first seconds", async () => {
    const creates = sim.callbacks().filter((d) => d.command === "Live.CallbackAfterCreateRoom");
    expect(creates.length).toBe(sim.roomIds().length);
    for (const delivery of creates) {
      expect(delivery.statuses).toEqual([200]);
      expect(JSON.parse(delivery.answer!)).toEqual(ACK);
    }
    // Its creation time too, from the callback's RoomInfo (Unix seconds): the report measures the stream from its start.
    expect(await service.store.room("demo-quiet")).toMatchObject({ announcedAt: sim.snapshot("demo-quiet").startedAt, createdAt: Math.floor(sim.snapshot("demo-quiet").startedAt / 1000) * 1000 });
    // Nobody watched or looked it up: recorded because Tencent announced it.
    await vi.waitFor(async () => expect((await service.store.samples("live-0001")).length).toBeGreaterThan(0), { timeout: 5000, interval: 100 });
    expect((await service.store.room("live-0001"))?.watched).toBe(false);
  });

  it("ends a room the stand-in ends at the destroy's EventTime and stops polling it", async () => {
    // demo-ended ended before the stand-in started: its create and destroy went out together, in
    // whichever order they arrived; it stays ended either way.
    expect(await service.store.room("demo-ended")).toMatchObject({ status: "ended", endedAt: sim.snapshot("demo-ended").endedAt });

    await vi.waitFor(async () => expect((await service.store.samples("live-0002")).length).toBeGreaterThan(0), { timeout: 5000, interval: 100 });
    expect(sim.endRoom("live-0002")).toBe(true);
    await sim.callbacksIdle();
    const destroy = sim.callbacks().find((d) => d.command === "Live.CallbackAfterDestroyRoom" && d.roomId === "live-0002")!;
    expect(destroy.statuses).toEqual([200]);
    expect(await service.store.room("live-0002")).toMatchObject({ status: "ended", endedAt: sim.snapshot("live-0002").endedAt });
    const calls = sim.calls().byRoomId["live-0002"];
    await new Promise((resolve) => setTimeout(resolve, 2500));
    // Not polled again (two cadences later), and still ended at the callback's time.
    expect(sim.calls().byRoomId["live-0002"]).toBe(calls);
    expect(await service.store.room("live-0002")).toMatchObject({ status: "ended", endedAt: sim.snapshot("live-0002").endedAt });
  });

  it("takes a last sample of a room that still answers before marking it ended", async () => {
    const before = (await service.store.samples("demo-popular")).length;
    const at = Date.now();
    const res = await signed("Live.CallbackAfterDestroyRoom", destroyBody("demo-popular", at));
    expect(res.status).toBe(200);
    expect(res.body).toEqual(ACK);
    const samples = await service.store.samples("demo-popular");
    expect(samples.length).toBe(before + 1);
    expect(samples.at(-1)!.t).toBeGreaterThanOrEqual(at - 1000);
    expect(await service.store.room("demo-popular")).toMatchObject({ status: "ended", endedAt: at });
    const calls = sim.calls().byRoomId["demo-popular"];
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(sim.calls().byRoomId["demo-popular"]).toBe(calls);
  });

  it("refuses a wrong signature with 401, changes nothing, and logs neither the body, the Sign nor the token", async () => {
    sim.setCallbackFault("wrong_sign");
    const logs = captureLogs();
    try {
      expect(sim.endRoom("live-0003")).toBe(true);
      await sim.callbacksIdle();
    } finally {
      logs.restore();
      sim.setCallbackFault("none");
    }
    const destroy = sim.callbacks().find((d) => d.command === "Live.CallbackAfterDestroyRoom" && d.roomId === "live-0003")!;
    expect(destroy.statuses).toEqual([401]);
    expect(JSON.parse(destroy.answer!).error.code).toBe("unauthenticated");
    expect((await service.store.room("live-0003"))?.status).not.toBe("ended");
    const refused = logs.lines.filter((line) => line.includes("refused a Tencent callback"));
    expect(refused.length).toBe(1);
    expect(refused[0]).toContain("callback_sign");
    const all = logs.lines.join("\n");
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain("DestroyByUser");
    expect(all).not.toContain("live-0003");
    expect(all).not.toMatch(/[0-9a-f]{64}/);
  });

  it("refuses a RequestTime more than 60 s away, and an unsigned callback", async () => {
    const stale = await signed("Live.CallbackAfterDestroyRoom", destroyBody("demo-quiet", Date.now()), { requestTime: Math.floor(Date.now() / 1000) - 61 });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe("unauthenticated");
    const ahead = await signed("Live.CallbackAfterDestroyRoom", destroyBody("demo-quiet", Date.now()), { requestTime: Math.floor(Date.now() / 1000) + 61 });
    expect(ahead.status).toBe(401);
    const unsigned = await call(POST, `${PATH}?CallbackCommand=Live.CallbackAfterDestroyRoom`, {}, { method: "POST", token: null, body: destroyBody("demo-quiet", Date.now()) });
    expect(unsigned.status).toBe(401);
    expect((await service.store.room("demo-quiet"))?.status).not.toBe("ended");
  });

  it("ignores a replayed delivery, also after a restart", async () => {
    sim.setCallbackFault("replay");
    try {
      expect(sim.endRoom("demo-quiet")).toBe(true);
      await sim.callbacksIdle();
    } finally {
      sim.setCallbackFault("none");
    }
    const destroys = sim.callbacks().filter((d) => d.command === "Live.CallbackAfterDestroyRoom" && d.roomId === "demo-quiet");
    expect(destroys.map((d) => d.statuses)).toEqual([[200], [200]]);
    const endedAt = sim.snapshot("demo-quiet").endedAt!;
    expect(await service.store.room("demo-quiet")).toMatchObject({ status: "ended", endedAt });

    // Looked up again (tried again), then the same delivery once more, on a restarted console.
    service = await configureConsole(sim, env);
    await service.store.markViewed("demo-quiet", Date.now());
    const again = await signed("Live.CallbackAfterDestroyRoom", destroyBody("demo-quiet", endedAt));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(ACK);
    expect(await service.store.room("demo-quiet")).toMatchObject({ status: "unknown", endedAt });
  });

  it("acknowledges an unknown command and does nothing but log its name", async () => {
    const logs = captureLogs();
    let res;
    try {
      res = await signed("Live.CallbackAfterMemberStateChanged", { RoomId: "demo-flaky", EventType: "Online", MemberList: [{ Member_Account: "someone" }], EventTime: Date.now() });
    } finally {
      logs.restore();
    }
    expect(res.status).toBe(200);
    expect(res.body).toEqual(ACK);
    expect(logs.lines.some((line) => line.includes("ignored a Tencent callback") && line.includes("Live.CallbackAfterMemberStateChanged"))).toBe(true);
    expect(logs.lines.join("\n")).not.toContain("someone");
  });

  it("keeps a room ended when its destroy arrives before its create", async () => {
    const created = Date.now() - 30_000;
    const destroyedAt = Date.now() - 1000;
    expect((await signed("Live.CallbackAfterDestroyRoom", destroyBody("out-of-order", destroyedAt))).body).toEqual(ACK);
    expect((await signed("Live.CallbackAfterCreateRoom", createBody("out-of-order", created))).body).toEqual(ACK);
    expect(await service.store.room("out-of-order")).toMatchObject({ status: "ended", endedAt: destroyedAt });
    expect(await service.store.roomsToRecord(Date.now())).not.toContain("out-of-order");
    // A later create is a new stream under the same RoomId.
    expect((await signed("Live.CallbackAfterCreateRoom", createBody("out-of-order", Date.now()))).body).toEqual(ACK);
    expect(await service.store.roomsToRecord(Date.now())).toContain("out-of-order");
  });

  it("refuses a body that is not a callback's", async () => {
    const res = await signed("Live.CallbackAfterDestroyRoom", { RoomId: "" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_body");
    const long = await signed("Live.CallbackAfterDestroyRoom", destroyBody("r".repeat(49), Date.now()));
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe("invalid_body");
    // The API's body limit holds for Tencent too.
    const huge = await signed("Live.CallbackAfterDestroyRoom", { ...destroyBody("demo-flaky", Date.now()), Padding: "x".repeat(20_000) });
    expect(huge.status).toBe(413);
    expect((await service.store.room("demo-flaky"))?.status).not.toBe("ended");
  });
});

describe("without RECORD_ALL_ROOMS", () => {
  let sim: Simulator;
  let service: Services;
  beforeAll(async () => {
    sim = await startStandIn({ rooms: 2 });
    service = await configureConsole(sim, { TENCENT_CALLBACK_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await disposeConsole();
    await sim.close();
  });

  it("acknowledges a create and records nothing; ends a room the console records", async () => {
    expect((await signed("Live.CallbackAfterCreateRoom", createBody("demo-quiet", Date.now()))).body).toEqual(ACK);
    expect(await service.store.room("demo-quiet")).toBeNull();
    expect((await signed("Live.CallbackAfterDestroyRoom", destroyBody("never-seen", Date.now()))).body).toEqual(ACK);
    expect(await service.store.room("never-seen")).toBeNull();

    await service.watchlist.add("demo-quiet");
    const at = Date.now();
    expect((await signed("Live.CallbackAfterDestroyRoom", destroyBody("demo-quiet", at))).body).toEqual(ACK);
    expect(await service.store.room("demo-quiet")).toMatchObject({ status: "ended", endedAt: at, watched: true });
  });
});

describe("on PostgreSQL, shared by a fleet", () => {
  let sim: Simulator;
  let database: TestDatabase;
  const fleetEnv = () => ({ TENCENT_CALLBACK_TOKEN: TOKEN, RECORD_ALL_ROOMS: "1", DATABASE_URL: database.url, AUTH_SECRET: "s".repeat(40) });
  beforeAll(async () => {
    sim = await startStandIn({ rooms: 2 });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await disposeConsole();
    await sim.close();
    await database.drop();
  });

  it("acts on a delivery once, whether it comes twice at once or again to another instance", async () => {
    let service = await configureConsole(sim, fleetEnv());
    await service.watchlist.add("demo-quiet");
    const at = Date.now();
    const logs = captureLogs();
    let answers;
    try {
      answers = await Promise.all([signed("Live.CallbackAfterDestroyRoom", destroyBody("demo-quiet", at)), signed("Live.CallbackAfterDestroyRoom", destroyBody("demo-quiet", at))]);
    } finally {
      logs.restore();
    }
    for (const res of answers) expect(res.body).toEqual(ACK);
    expect(logs.lines.filter((line) => line.includes("handled a Tencent callback"))).toHaveLength(1);
    expect(logs.lines.filter((line) => line.includes("ignored a repeated Tencent callback"))).toHaveLength(1);
    expect(await service.store.room("demo-quiet")).toMatchObject({ status: "ended", endedAt: at });

    // Another instance of the fleet (the same database, nothing of the first one's memory).
    service = await configureConsole(sim, fleetEnv());
    await service.store.markViewed("demo-quiet", Date.now());
    expect((await signed("Live.CallbackAfterDestroyRoom", destroyBody("demo-quiet", at))).body).toEqual(ACK);
    expect(await service.store.room("demo-quiet")).toMatchObject({ status: "unknown", endedAt: at });
  });
});

describe("when the database refuses the write", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startStandIn({ rooms: 2 });
  });
  afterAll(async () => {
    await disposeConsole();
    await sim.close();
  });

  it("answers 503 so that Tencent may deliver it again, and acts on the next delivery", async () => {
    const inner = withOutageGuard(openSqliteStore({ dataDir: tempDataDir() }));
    let refuse = true;
    const store = {
      ...inner,
      markEnded: async (roomId: string, endedAt: number) => {
        if (refuse) throw new StoreError("busy", "locked by another connection");
        return inner.markEnded(roomId, endedAt);
      },
    };
    const service = await configureConsole(sim, { TENCENT_CALLBACK_TOKEN: TOKEN }, { store });
    await service.watchlist.add("demo-quiet");
    const at = Date.now();
    const first = await signed("Live.CallbackAfterDestroyRoom", destroyBody("demo-quiet", at));
    expect(first.status).toBe(503);
    expect(first.body.error.code).toBe("storage_unavailable");
    expect((await service.store.room("demo-quiet"))?.status).not.toBe("ended");
    refuse = false;
    const again = await signed("Live.CallbackAfterDestroyRoom", destroyBody("demo-quiet", at));
    expect(again.body).toEqual(ACK);
    expect(await service.store.room("demo-quiet")).toMatchObject({ status: "ended", endedAt: at });
  });
});
