// GET /api/rooms/live, through the real handler, against the real stand-in (and, for the fleet,
// two consoles on the real Redis).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { liveRoomsResponseSchema } from "@/lib/contract/live-rooms";
import { parseEnv } from "@/lib/env";
import { createServices } from "@/lib/server/container";
import { captureLogs, call, configureConsole, disposeConsole, startStandIn, tempDataDir } from "@/lib/testing/console-harness";
import { deleteKeys, REDIS_TEST_URL, testPrefix } from "@/lib/testing/redis";
import { findCredentialLeaks } from "@/lib/testing/secrets";
import { DEMO_APP } from "@/simulator/demo-app";
import type { Simulator } from "@/simulator/server";
import { GET } from "./route";

let sim: Simulator;
let logs: ReturnType<typeof captureLogs>;

const live = (headers: Record<string, string> = {}) => call(GET, "/api/rooms/live", {}, { headers });
const listCalls = () => sim.calls().byApi.get_room_list;
/** The rooms the stand-in has live now, by its own reckoning. */
const liveInStandIn = () => sim.roomIds().filter((id) => !sim.snapshot(id).ended && sim.snapshot(id).startedAt <= Date.now());

beforeAll(async () => {
  sim = await startStandIn();
});
afterAll(async () => {
  await disposeConsole();
  await sim.close();
});
beforeEach(async () => {
  logs = captureLogs();
  sim.setListFault(null);
  await configureConsole(sim);
});
afterEach(() => {
  logs.restore();
  expect(findCredentialLeaks(logs.lines.join("\n"), DEMO_APP.secretKey)).toEqual([]);
});

describe("GET /api/rooms/live", () => {
  it("lists every live room across get_room_list's pages, by views, with name, host, cover and creation time", async () => {
    const before = listCalls();
    const res = await live();
    expect(res.status).toBe(200);
    const body = liveRoomsResponseSchema.parse(res.body);
    const expected = liveInStandIn();
    expect(body.rooms.map((r) => r.roomId).sort()).toEqual(expected.sort());
    expect(body.rooms.map((r) => r.roomId)).not.toContain("demo-ended");
    expect(body.pages).toBe(Math.ceil(expected.length / 20));
    expect(listCalls() - before).toBe(body.pages);
    expect(body.incomplete).toBeNull();
    const views = body.rooms.map((r) => r.viewCount);
    expect(views).toEqual([...views].sort((a, b) => b - a));
    expect(body.rooms.find((r) => r.roomId === "demo-popular")).toMatchObject({ name: "Friday live show", owner: expect.stringMatching(/^host_/), coverUrl: expect.stringContaining("/__sim/covers/"), watched: false, recorded: null });
    expect(Date.parse(body.nextListingAt) - Date.parse(body.listedAt)).toBe(30_000);
  });

  it("reads one listing per window however many ask at once or after", async () => {
    const before = listCalls();
    const answers = await Promise.all(Array.from({ length: 40 }, () => live()));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const again = await live();
    expect(again.body.listedAt).toBe(answers[0]!.body.listedAt);
    expect(listCalls() - before).toBe(answers[0]!.body.pages);
  });

  it("reads a new listing once LIVE_LIST_FRESHNESS_S has passed", async () => {
    await configureConsole(sim, { LIVE_LIST_FRESHNESS_S: "5" });
    const first = await live();
    await new Promise((r) => setTimeout(r, 5_100));
    const second = await live();
    expect(Date.parse(second.body.listedAt)).toBeGreaterThan(Date.parse(first.body.listedAt));
  }, 15_000);

  it("adds whether each room is watched and its latest recorded totals, from the console's own store", async () => {
    const service = await configureConsole(sim);
    await service.store.watch("demo-popular", Date.now());
    const stats = { totalViewers: 7, totalGiftsSent: 1, totalGiftCoins: 50, totalUniqueGiftSenders: 1, totalLikesReceived: 9, totalMsgCount: 12 };
    const at = Date.now() - 5_000;
    await service.store.addSample("demo-popular", { t: at, stats });
    const body = liveRoomsResponseSchema.parse((await live()).body);
    expect(body.rooms.find((r) => r.roomId === "demo-popular")).toMatchObject({ watched: true, recorded: { at: new Date(at).toISOString(), totals: stats } });
    expect(body.rooms.filter((r) => r.recorded !== null).map((r) => r.roomId)).toEqual(["demo-popular"]);
  });

  it("stops at LIVE_LIST_MAX_PAGES and says so", async () => {
    await configureConsole(sim, { LIVE_LIST_MAX_PAGES: "2" });
    const before = listCalls();
    const body = liveRoomsResponseSchema.parse((await live()).body);
    expect(body.rooms).toHaveLength(40);
    expect(body.pages).toBe(2);
    expect(listCalls() - before).toBe(2);
    expect(body.incomplete).toEqual({ reason: "page_limit", maxPages: 2 });
  });

  it("shows what it has when a later page fails, with Tencent's code and RequestId, worded in the caller's language", async () => {
    sim.setListFault(2);
    const res = await live({ "accept-language": "zh-CN" });
    expect(res.status).toBe(200);
    const body = liveRoomsResponseSchema.parse(res.body);
    expect(body.rooms).toHaveLength(40);
    expect(body.pages).toBe(2);
    expect(body.incomplete).toMatchObject({ reason: "failed", error: { code: "upstream_error", upstreamCode: 100001, requestId: expect.any(String) } });
    expect(body.incomplete?.error?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("answers the one error shape when the first page fails, and asks again after 5 s rather than the whole window", async () => {
    sim.setListFault(0);
    const res = await live();
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: "upstream_error", upstreamCode: 100001, requestId: expect.any(String) });
    const before = listCalls();
    expect((await live()).status).toBe(502);
    expect(listCalls()).toBe(before);
    sim.setListFault(null);
    await new Promise((r) => setTimeout(r, 5_100));
    expect((await live()).status).toBe(200);
  }, 15_000);
});

describe("a fleet of consoles on Redis", () => {
  const prefix = testPrefix();
  afterAll(() => deleteKeys(prefix));

  it("reads one listing for all of them", async () => {
    const env = parseEnv({
      TENCENT_SDKAPPID: String(DEMO_APP.sdkAppId),
      TENCENT_SECRET_KEY: DEMO_APP.secretKey,
      TENCENT_API_BASE_URL: sim.url,
      REDIS_URL: REDIS_TEST_URL,
      REDIS_PREFIX: prefix,
      CONSOLE_INSTANCES: "2",
      AUTH_SECRET: "live-rooms-fleet-test-secret-0123456789",
    });
    const fleet = [createServices({ ...env, history: { ...env.history, dataDir: tempDataDir() } }), createServices({ ...env, history: { ...env.history, dataDir: tempDataDir() } })];
    try {
      await Promise.all(fleet.map((s) => s.ready));
      const before = listCalls();
      const answers = await Promise.all(fleet.flatMap((s) => Array.from({ length: 10 }, () => s.liveRooms.live())));
      const pages = answers[0]!.pages;
      expect(new Set(answers.map((a) => a.listedAt)).size).toBe(1);
      expect(listCalls() - before).toBe(pages);
      expect(answers[0]!.rooms.length).toBe(liveInStandIn().length);
    } finally {
      await Promise.all(fleet.map((s) => s.stop()));
    }
  });
});
