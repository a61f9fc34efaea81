import { request as httpRequest, Agent } from "node:http";
import { createRequire } from "node:module";

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { API_PATH, createSimulator, DEMO_APP, type Simulator, type SimulatorOptions } from "./server";
import { mintUserSig } from "./usersig";

const START = 1_750_000_000_000;
let clock = START;
const sims: Simulator[] = [];

beforeEach(() => {
  clock = START;
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

async function start(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await createSimulator({ now: () => clock, ...options });
  sims.push(sim);
  return sim;
}

const adminSig = (overrides: Partial<Parameters<typeof mintUserSig>[0]> = {}) =>
  mintUserSig({ sdkAppId: DEMO_APP.sdkAppId, secretKey: DEMO_APP.secretKey, identifier: "administrator", nowSeconds: Math.floor(clock / 1000), ...overrides });

/** The query string; a parameter set to null is left out. */
function statsUrl(sim: Simulator, params: Record<string, string | null> = {}): string {
  const merged: Record<string, string | null> = {
    sdkappid: String(DEMO_APP.sdkAppId),
    identifier: "administrator",
    usersig: adminSig(),
    random: "3141592653",
    contenttype: "json",
    ...params,
  };
  const query = Object.entries(merged)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join("&");
  return `${sim.url}${API_PATH}?${query}`;
}

interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  body: Record<string, unknown> & { ErrorCode?: number; Response?: Record<string, number>; RequestId?: string };
}

async function call(sim: Simulator, opts: { roomId?: unknown; body?: string | Uint8Array<ArrayBuffer>; params?: Record<string, string | null>; method?: string; url?: string } = {}): Promise<Answer> {
  const body = opts.body ?? JSON.stringify({ RoomId: opts.roomId ?? "demo-popular" });
  const method = opts.method ?? "POST";
  const res = await fetch(opts.url ?? statsUrl(sim, opts.params), { method, body: method === "GET" ? undefined : body, headers: { "Content-Type": "application/json" } });
  const text = await res.text();
  let parsed: Answer["body"] = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // left empty: the caller looks at text
  }
  return { status: res.status, contentType: res.headers.get("content-type"), text, body: parsed };
}

const code = async (sim: Simulator, opts: Parameters<typeof call>[1] = {}) => (await call(sim, opts)).body.ErrorCode;

describe("get_room_stats: success", () => {
  it("answers Tencent's shape with a fresh RequestId each call", async () => {
    const sim = await start();
    const first = await call(sim);
    expect(first.status).toBe(200);
    expect(first.contentType).toMatch(/^application\/json/);
    expect(Object.keys(first.body)).toEqual(["ActionStatus", "ErrorInfo", "ErrorCode", "RequestId", "Response"]);
    expect(first.body).toMatchObject({ ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 });
    expect(first.body.RequestId).toMatch(/^Id-[0-9a-f]{32}-O-Seq-\d+$/);
    expect(Object.keys(first.body.Response!)).toEqual(["TotalViewers", "TotalGiftsSent", "TotalGiftCoins", "TotalUniqueGiftSenders", "TotalLikesReceived", "TotalMsgCount"]);
    for (const value of Object.values(first.body.Response!)) expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
    expect(first.body.Response!.TotalViewers).toBeGreaterThan(0);

    const second = await call(sim);
    expect(second.body.RequestId).not.toBe(first.body.RequestId);
  });

  it("accepts a UserSig from Tencent's own library and a CJK room id", async () => {
    const sim = await start();
    vi.spyOn(Date, "now").mockReturnValue(clock);
    const TLSSigAPIv2 = createRequire(import.meta.url)("tls-sig-api-v2") as { Api: new (a: number, k: string) => { genSig(u: string, e: number): string } };
    const usersig = new TLSSigAPIv2.Api(DEMO_APP.sdkAppId, DEMO_APP.secretKey).genSig("administrator", 86400);
    vi.restoreAllMocks();
    expect(await code(sim, { params: { usersig }, roomId: "直播间-1" })).toBe(0);
  });

  it("moves forward with the clock and never goes back, agreeing with snapshot()", async () => {
    const sim = await start();
    let previous = (await call(sim)).body.Response!;
    let moved = 0;
    for (let i = 0; i < 25; i += 1) {
      clock += 400 + ((i * 7919) % 2600);
      const current = (await call(sim)).body.Response!;
      for (const [key, value] of Object.entries(current)) expect(value, key).toBeGreaterThanOrEqual(previous[key]!);
      if (current.TotalViewers! > previous.TotalViewers!) moved += 1;
      expect(current).toEqual(sim.snapshot("demo-popular").totals);
      previous = current;
    }
    expect(moved).toBeGreaterThan(15);
  });

  it("gives the same totals for the same seed and time, other totals for another seed", async () => {
    const a = await start({ seed: 7 });
    const b = await start({ seed: 7 });
    const c = await start({ seed: 8 });
    clock += 95_500;
    for (const roomId of ["live-0003", "demo-quiet", "直播间-1"]) {
      const fromA = (await call(a, { roomId })).body.Response;
      expect((await call(b, { roomId })).body.Response).toEqual(fromA);
      expect((await call(c, { roomId })).body.Response).not.toEqual(fromA);
    }
  });
});

describe("get_room_stats: rooms that do not answer", () => {
  it("answers 100004 for an unknown room and a dismissed one", async () => {
    const sim = await start();
    const unknown = await call(sim, { roomId: "no-such-room" });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 100004 });
    expect(unknown.body.RequestId).toMatch(/^Id-/);
    expect(await code(sim, { roomId: "demo-ended" })).toBe(100004);
    expect(sim.snapshot("demo-ended")).toMatchObject({ exists: true, ended: true });
    expect(sim.snapshot("no-such-room")).toEqual({ exists: false, ended: false, startedAt: 0, endedAt: null, totals: null });
  });

  it("ends demo-ending about three minutes after start, its totals frozen", async () => {
    const sim = await start();
    clock += 179_000;
    expect(await code(sim, { roomId: "demo-ending" })).toBe(0);
    clock += 1_000;
    expect(await code(sim, { roomId: "demo-ending" })).toBe(100004);
    const frozen = sim.snapshot("demo-ending");
    clock += 600_000;
    expect(sim.snapshot("demo-ending")).toEqual(frozen);
  });
});

describe("get_room_stats: request validation", () => {
  it("counts RoomId in UTF-8 bytes, 48 at most (100002 beyond)", async () => {
    const sim = await start();
    expect(await code(sim, { roomId: "a".repeat(48) })).toBe(100004);
    expect(await code(sim, { roomId: "a".repeat(49) })).toBe(100002);
    expect(await code(sim, { roomId: "直".repeat(16) })).toBe(100004); // 48 bytes, 16 characters
    expect(await code(sim, { roomId: "直".repeat(17) })).toBe(100002); // 51 bytes, 17 characters
    expect(await code(sim, { roomId: "" })).toBe(100002);
    expect(await code(sim, { roomId: 42 })).toBe(100002);
    expect(await code(sim, { body: "{}" })).toBe(100002);
  });

  it("answers 60003 to a body that is not a JSON object", async () => {
    const sim = await start();
    for (const body of ["{RoomId: 'x'}", "", '["demo-popular"]', "null", '{"RoomId":"demo-pop'] as const) {
      expect(await code(sim, { body }), body).toBe(60003);
    }
    expect(await code(sim, { body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]) }), "invalid UTF-8").toBe(60003);
  });

  it("checks the query: sdkappid, random, contenttype, identifier", async () => {
    const sim = await start();
    expect(await code(sim, { params: { sdkappid: null } })).toBe(60012);
    expect(await code(sim, { params: { sdkappid: "14000x" } })).toBe(60006);
    expect(await code(sim, { params: { sdkappid: "1400009999" } })).toBe(70020);
    for (const random of [null, "", "-1", "1.5", "4294967296", "0x10"]) expect(await code(sim, { params: { random } }), `random=${random}`).toBe(60002);
    for (const random of ["0", "4294967295"]) expect(await code(sim, { params: { random } }), `random=${random}`).toBe(0);
    expect(await code(sim, { params: { contenttype: null } })).toBe(60002);
    expect(await code(sim, { params: { contenttype: "JSON" } })).toBe(60002);
    expect(await code(sim, { url: `${statsUrl(sim)}&random=1` })).toBe(60002);
    expect(await code(sim, { params: { identifier: null } })).toBe(60004);
  });

  it("verifies the UserSig, answering minimal bodies without RequestId", async () => {
    const sim = await start();
    const cases: [Record<string, string>, number][] = [
      [{ usersig: "" }, 70002],
      [{ usersig: "garbage" }, 70003],
      [{ usersig: adminSig({ nowSeconds: Math.floor(clock / 1000) - 200, expireSeconds: 100 }) }, 70001],
      [{ usersig: adminSig({ identifier: "someone" }) }, 70013],
      [{ usersig: adminSig({ sdkAppId: 1400000002 }) }, 70014],
      [{ usersig: adminSig({ secretKey: "f".repeat(64) }) }, 70009],
    ];
    for (const [params, expected] of cases) {
      const answer = await call(sim, { params });
      expect(answer.status).toBe(200);
      expect(answer.body, JSON.stringify(params).slice(0, 40)).toEqual({ ActionStatus: "FAIL", ErrorCode: expected, ErrorInfo: "" });
    }
  });

  it("requires an App administrator (60010)", async () => {
    const sim = await start({ apps: [{ ...DEMO_APP, admins: ["administrator", "ops"] }] });
    expect(await code(sim, { params: { identifier: "alice", usersig: adminSig({ identifier: "alice" }) } })).toBe(60010);
    expect(await code(sim, { params: { identifier: "ops", usersig: adminSig({ identifier: "ops" }) } })).toBe(0);
  });

  it("answers other methods with 60002 and other paths with 60009, both HTTP 200", async () => {
    const sim = await start();
    const get = await call(sim, { method: "GET" });
    expect([get.status, get.body.ErrorCode]).toEqual([200, 60002]);
    const elsewhere = await call(sim, { url: `${sim.url}/v4/live_engine_http_srv/get_member_list?x=1` });
    expect([elsewhere.status, elsewhere.body.ErrorCode]).toEqual([200, 60009]);
    expect(elsewhere.body.RequestId).toMatch(/^Id-/);
  });
});

describe("get_room_stats: rate limit", () => {
  it("allows 100 calls in a second per SDKAppID, answers 60007 beyond, and recovers as the window slides", async () => {
    const other = { sdkAppId: 1400000002, secretKey: "a".repeat(64), admins: ["administrator"] };
    const sim = await start({ apps: [DEMO_APP, other] });
    const codes = await Promise.all(Array.from({ length: 100 }, () => code(sim)));
    expect(codes.every((c) => c === 0)).toBe(true);
    expect(await code(sim)).toBe(60007);
    const otherSig = mintUserSig({ sdkAppId: other.sdkAppId, secretKey: other.secretKey, identifier: "administrator", nowSeconds: Math.floor(clock / 1000) });
    expect(await code(sim, { params: { sdkappid: String(other.sdkAppId), usersig: otherSig } })).toBe(0);
    clock += 999;
    expect(await code(sim)).toBe(60007);
    clock += 1;
    expect(await code(sim)).toBe(0);
    // The busiest second held 102 arrivals for the demo app: the 100 taken and two refused.
    expect(sim.calls()).toMatchObject({ total: 104, bySdkAppId: { [DEMO_APP.sdkAppId]: 103, [other.sdkAppId]: 1 }, rejectedRateLimit: 2, busiestSecond: 102, byRoomId: { "demo-popular": 104 } });
    expect(sim.calls().byApi.get_room_stats).toBe(104);
    expect(sim.calls().rejectedByApi.get_room_stats).toBe(2);
  });

  it("delays each call by its own share of the network jitter before it arrives", async () => {
    const sim = await start({ jitterMs: 200 });
    const took: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const started = performance.now();
      expect(await code(sim)).toBe(0);
      took.push(performance.now() - started);
    }
    // Uniform below 200 ms, drawn per call: twenty calls spread far apart (a range under 60 ms has
    // a chance of about 1e-8), where calls without jitter take the same few milliseconds each.
    expect(Math.max(...took) - Math.min(...took)).toBeGreaterThan(60);
    expect(sim.calls().busiestSecond).toBe(20);
  });

  it("counts calls by the RoomId exactly as it arrived, whatever it is", async () => {
    const sim = await start();
    for (const roomId of ["demo-popular", "__proto__", "a b", "直播间-1", "demo-popular"]) await call(sim, { roomId });
    await call(sim, { body: "not json" });
    expect(sim.calls().byRoomId).toEqual({ "demo-popular": 2, ["__proto__"]: 1, "a b": 1, "直播间-1": 1 });
  });

  it("honours the rateLimit option", async () => {
    const sim = await start({ rateLimit: 3 });
    const codes: (number | undefined)[] = [];
    for (let i = 0; i < 5; i += 1) codes.push(await code(sim));
    expect(codes).toEqual([0, 0, 0, 60007, 60007]);
  });
});

describe("fault modes", () => {
  it("flaky: about one call in three answers 100001, the rest succeed", async () => {
    const sim = await start({ rateLimit: 1000 });
    const codes: (number | undefined)[] = [];
    for (let i = 0; i < 90; i += 1) codes.push(await code(sim, { roomId: "demo-flaky" }));
    const failures = codes.filter((c) => c === 100001).length;
    expect(failures).toBeGreaterThan(15);
    expect(failures).toBeLessThan(45);
    expect(codes.filter((c) => c === 0).length).toBe(90 - failures);
  });

  it("slow: answers after slowMs; close() does not wait for it", async () => {
    const sim = await start({ slowMs: 250 });
    const began = performance.now();
    expect(await code(sim, { roomId: "demo-slow" })).toBe(0);
    expect(performance.now() - began).toBeGreaterThanOrEqual(240);

    const slowSim = await createSimulator({ now: () => clock, slowMs: 60_000 });
    const pending = call(slowSim, { roomId: "demo-slow" }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = performance.now();
    await slowSim.close();
    expect(performance.now() - closing).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it("rate_limit_storm: 60007 for 5 s of every 20 s from when it is set, not counted as the limiter's", async () => {
    const sim = await start();
    expect(await code(sim, { roomId: "demo-storm" })).toBe(60007);
    clock += 4_999;
    expect(await code(sim, { roomId: "demo-storm" })).toBe(60007);
    clock += 1;
    expect(await code(sim, { roomId: "demo-storm" })).toBe(0);
    clock += 15_000;
    expect(await code(sim, { roomId: "demo-storm" })).toBe(60007);
    expect(await code(sim, { roomId: "demo-popular" })).toBe(0);
    expect(sim.calls().rejectedRateLimit).toBe(0);
  });

  it("html_502: HTTP 502 with an HTML page, before authentication", async () => {
    const sim = await start();
    const answer = await call(sim, { roomId: "demo-html502", params: { usersig: "garbage" } });
    expect(answer.status).toBe(502);
    expect(answer.contentType).toMatch(/^text\/html/);
    expect(answer.text).toContain("502 Bad Gateway");
  });

  it("truncated_json: HTTP 200 with half a JSON body", async () => {
    const sim = await start();
    const answer = await call(sim, { roomId: "demo-truncated" });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(() => JSON.parse(answer.text)).toThrow();
    expect(answer.text.startsWith('{"ActionStatus":"OK"')).toBe(true);
  });

  it("down: the connection is cut without an answer", async () => {
    const sim = await start();
    await expect(call(sim, { roomId: "demo-down" })).rejects.toThrow();
    expect(await code(sim)).toBe(0); // the server itself is still up
    expect(sim.calls().total).toBe(2);
  });

  it("is set per room, for all rooms with '*', by option, and over HTTP", async () => {
    const sim = await start({ fault: "html_502", roomFaults: { "live-0002": "none" } });
    expect((await call(sim, { roomId: "live-0001" })).status).toBe(502);
    expect(await code(sim, { roomId: "live-0002" })).toBe(0);
    expect(await code(sim, { roomId: "demo-storm" })).toBe(60007); // built-in faults outrank the default

    sim.setFault("*", "none");
    expect(await code(sim, { roomId: "live-0001" })).toBe(0);
    expect(await code(sim, { roomId: "demo-storm" })).toBe(0);

    sim.setFault("live-0001", "truncated_json");
    const truncated = await call(sim, { roomId: "live-0001" });
    expect([truncated.status, truncated.body]).toEqual([200, {}]); // {} = did not parse

    const posted = await fetch(`${sim.url}/__sim/faults`, { method: "POST", body: JSON.stringify({ roomId: "live-0001", mode: "html_502" }) });
    expect(posted.status).toBe(200);
    expect((await call(sim, { roomId: "live-0001" })).status).toBe(502);
    const refused = await fetch(`${sim.url}/__sim/faults`, { method: "POST", body: JSON.stringify({ roomId: "live-0001", mode: "explode" }) });
    expect(refused.status).toBe(400);
    expect(() => sim.setFault("live-0001", "explode" as never)).toThrow();
  });
});

describe("control endpoints and connections", () => {
  it("lists rooms with their state and answers health", async () => {
    const sim = await start({ rooms: 5 });
    const rooms = (await (await fetch(`${sim.url}/__sim/rooms`)).json()) as { roomId: string; ended: boolean; fault: string }[];
    expect(rooms.map((r) => r.roomId)).toEqual(sim.roomIds());
    expect(rooms.find((r) => r.roomId === "demo-ended")).toMatchObject({ ended: true });
    expect(rooms.find((r) => r.roomId === "demo-flaky")).toMatchObject({ ended: false, fault: "flaky" });
    expect(await (await fetch(`${sim.url}/__sim/health`)).json()).toMatchObject({ ok: true });
    const snapshot = await (await fetch(`${sim.url}/__sim/rooms/${encodeURIComponent("直播间-1")}`)).json();
    expect(snapshot).toEqual({ roomId: "直播间-1", ...sim.snapshot("直播间-1") });
    expect(sim.calls().total).toBe(0);
  });

  it("keeps connections alive between calls", async () => {
    const sim = await start();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const post = () =>
      new Promise<{ reused: boolean; code: number }>((resolve, reject) => {
        const req = httpRequest(statsUrl(sim), { method: "POST", agent, headers: { "Content-Type": "application/json" } }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => resolve({ reused: req.reusedSocket, code: JSON.parse(text).ErrorCode }));
        });
        req.on("error", reject);
        req.end(JSON.stringify({ RoomId: "demo-quiet" }));
      });
    expect(await post()).toEqual({ reused: false, code: 0 });
    expect(await post()).toEqual({ reused: true, code: 0 });
    agent.destroy();
  });
});

describe("ending a room", () => {
  it("marks a live room ended now, once", async () => {
    const sim = await createSimulator({ port: 0, seed: 5 });
    try {
      const before = sim.snapshot("live-0001");
      expect(before.ended).toBe(false);
      const res = await fetch(`${sim.url}/__sim/rooms/live-0001/end`, { method: "POST" });
      expect(res.status).toBe(200);
      const after = sim.snapshot("live-0001");
      expect(after.ended).toBe(true);
      expect(after.endedAt).not.toBeNull();
      // Ending twice is refused: it is no longer live.
      expect((await fetch(`${sim.url}/__sim/rooms/live-0001/end`, { method: "POST" })).status).toBe(409);
      expect(sim.endRoom("no-such-room")).toBe(false);
    } finally {
      await sim.close();
    }
  });
});

const apiUrl = (sim: Simulator, api: string) => statsUrl(sim).replace(API_PATH, `/v4/live_engine_http_srv/${api}`);

describe("get_room_info", () => {
  it("answers RoomInfo with the room's real start as CreateTime and its viewers as ViewCount", async () => {
    const sim = await start();
    clock += 30_000;
    const answer = await call(sim, { url: apiUrl(sim, "get_room_info"), roomId: "demo-popular" });
    expect(answer.body).toMatchObject({ ActionStatus: "OK", ErrorCode: 0 });
    const info = (answer.body.Response as unknown as { RoomInfo: Record<string, unknown> }).RoomInfo;
    expect(info).toMatchObject({ RoomId: "demo-popular", RoomName: "Friday live show", RoomType: "Live", MaxMemberCount: 1000 });
    expect(info["CreateTime"]).toBe(Math.floor(sim.snapshot("demo-popular").startedAt / 1000));
    expect(info["ViewCount"]).toBe(sim.snapshot("demo-popular").totals!.TotalViewers);
    expect(["ApplyToTake", "FreeToTake"]).toContain(info["TakeSeatMode"]);
    expect(typeof info["Owner_Account"]).toBe("string");
    // The cover is served by the stand-in itself, at the address it was reached by.
    const cover = await fetch(String(info["CoverURL"]));
    expect(cover.status).toBe(200);
    expect(cover.headers.get("content-type")).toBe("image/svg+xml");
  });

  it("answers 100004 for a room that ended, 100002 for a bad RoomId, and 100001 under info_fails while stats still answer", async () => {
    const sim = await start();
    expect(await code(sim, { url: apiUrl(sim, "get_room_info"), roomId: "demo-ended" })).toBe(100004);
    expect(await code(sim, { url: apiUrl(sim, "get_room_info"), roomId: "" })).toBe(100002);
    sim.setFault("live-0003", "info_fails");
    expect(await code(sim, { url: apiUrl(sim, "get_room_info"), roomId: "live-0003" })).toBe(100001);
    expect(await code(sim, { roomId: "live-0003" })).toBe(0);
    expect(sim.calls().byApi).toMatchObject({ get_room_info: 3, get_room_stats: 1 });
    // get_room_stats' own counters count only get_room_stats.
    expect(sim.calls().total).toBe(1);
  });

  it("has its own limit of 200 calls a second", async () => {
    const sim = await start({ infoRateLimit: 3 });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(await code(sim, { url: apiUrl(sim, "get_room_info") }));
    expect(codes).toEqual([0, 0, 0, 60007]);
    expect(await code(sim)).toBe(0);
  });
});

describe("get_room_list", () => {
  const list = async (sim: Simulator, body: unknown) => (await call(sim, { url: apiUrl(sim, "get_room_list"), body: JSON.stringify(body) })).body;

  it("pages through the rooms live now by ViewCount descending, Next empty at the end", async () => {
    const sim = await start({ rooms: 30 });
    clock += 5_000;
    const seen: { RoomId: string; ViewCount: number }[] = [];
    let next = "";
    let pages = 0;
    do {
      const body = await list(sim, { Next: next, Count: 20 });
      expect(body.ErrorCode).toBe(0);
      const response = body.Response as unknown as { Next: string; RoomList: { RoomId: string; ViewCount: number }[] };
      expect(response.RoomList.length).toBeLessThanOrEqual(20);
      seen.push(...response.RoomList);
      next = response.Next;
      pages += 1;
    } while (next !== "" && pages < 10);
    const live = sim.roomIds().filter((id) => !sim.snapshot(id).ended);
    expect(seen.map((r) => r.RoomId).sort()).toEqual(live.sort());
    expect(seen.map((r) => r.RoomId)).not.toContain("demo-ended");
    const counts = seen.map((r) => r.ViewCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(pages).toBe(Math.ceil(live.length / 20));
  });

  it("refuses a Count above 20, a missing Next and a Next it never gave (100002)", async () => {
    const sim = await start();
    expect((await list(sim, { Next: "", Count: 21 })).ErrorCode).toBe(100002);
    expect((await list(sim, { Count: 5 })).ErrorCode).toBe(100002);
    expect((await list(sim, { Next: "garbage", Count: 5 })).ErrorCode).toBe(100002);
  });

  it("has its own limit of 10 calls a second, answered with 60007", async () => {
    const sim = await start();
    const codes = [];
    for (let i = 0; i < 11; i++) codes.push((await list(sim, { Next: "", Count: 1 })).ErrorCode);
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(codes[10]).toBe(60007);
    expect(sim.calls().rejectedByApi.get_room_list).toBe(1);
    clock += 1_001;
    expect((await list(sim, { Next: "", Count: 1 })).ErrorCode).toBe(0);
  });

  it("fails from a given page on under its fault (100001), set over HTTP, and recovers when cleared", async () => {
    const sim = await start({ rooms: 30 });
    const fault = (failFromPage: unknown) => fetch(`${sim.url}/__sim/list/fault`, { method: "POST", body: JSON.stringify({ failFromPage }) });
    expect((await fault(1)).status).toBe(200);
    const first = await list(sim, { Next: "", Count: 20 });
    expect(first.ErrorCode).toBe(0);
    const next = (first.Response as unknown as { Next: string }).Next;
    expect((await list(sim, { Next: next, Count: 20 })).ErrorCode).toBe(100001);
    expect((await fault("two")).status).toBe(400);
    expect((await fault(null)).status).toBe(200);
    expect((await list(sim, { Next: next, Count: 20 })).ErrorCode).toBe(0);
  });
});

describe("Tencent's room callbacks", () => {
  /** A receiver that records what the stand-in sends and answers as the console does. */
  async function receiver(status = 200) {
    const { createServer } = await import("node:http");
    const received: { url: URL; body: Record<string, unknown> }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ url: new URL(req.url!, "http://receiver"), body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> });
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify({ ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as import("node:net").AddressInfo).port}/api/tencent/callback`;
    return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  const sha256 = async (text: string) => (await import("node:crypto")).createHash("sha256").update(text).digest("hex");

  it("sends a signed create for every live room and a destroy when one ends, with the query string Tencent's pages give", async () => {
    const rx = await receiver();
    try {
      const sim = await start({ rooms: 2, callbackUrl: rx.url, callbackToken: "xxxxyyyy" });
      await sim.callbacksIdle();
      const creates = rx.received.filter((r) => r.url.searchParams.get("CallbackCommand") === "Live.CallbackAfterCreateRoom");
      const live = sim.roomIds().filter((id) => sim.snapshot(id).startedAt <= clock);
      expect(creates.map((r) => (r.body.RoomInfo as { RoomId: string }).RoomId).sort()).toEqual(live.sort());
      const first = creates[0]!;
      expect([...first.url.searchParams.keys()]).toEqual(["SdkAppid", "CallbackCommand", "contenttype", "ClientIP", "OptPlatform", "Sign", "RequestTime"]);
      expect(first.url.searchParams.get("SdkAppid")).toBe(String(DEMO_APP.sdkAppId));
      expect(first.url.searchParams.get("contenttype")).toBe("json");
      const requestTime = first.url.searchParams.get("RequestTime")!;
      expect(requestTime).toBe(String(Math.floor(clock / 1000)));
      expect(first.url.searchParams.get("Sign")).toBe(await sha256(`xxxxyyyy${requestTime}`));
      const quietCreate = creates.find((r) => (r.body.RoomInfo as { RoomId: string }).RoomId === "demo-quiet")!;
      expect(quietCreate.body).toMatchObject({ CallbackCommand: "Live.CallbackAfterCreateRoom", EventTime: sim.snapshot("demo-quiet").startedAt, RoomInfo: { RoomId: "demo-quiet", RoomType: "Live" } });

      clock += 5000;
      expect(sim.endRoom("demo-quiet")).toBe(true);
      await sim.callbacksIdle();
      const destroy = rx.received.find((r) => r.url.searchParams.get("CallbackCommand") === "Live.CallbackAfterDestroyRoom" && r.body.RoomId === "demo-quiet")!;
      expect(destroy.body).toMatchObject({ EventType: "DestroyByUser", EventTime: clock, RoomInfo: { RoomId: "demo-quiet" } });
      // Once per room: ending it again sends nothing.
      expect(sim.endRoom("demo-quiet")).toBe(false);
      await sim.callbacksIdle();
      expect(rx.received.filter((r) => r.body.RoomId === "demo-quiet")).toHaveLength(1);
      expect(sim.callbacks().every((d) => d.statuses.join() === "200")).toBe(true);
    } finally {
      await rx.close();
    }
  });

  it("sends a destroy for a room that ends on its schedule, through the control endpoint too", async () => {
    const rx = await receiver();
    try {
      const sim = await start({ rooms: 0, callbackUrl: rx.url, callbackToken: "t" });
      await sim.callbacksIdle();
      const ending = sim.snapshot("demo-ending");
      clock = ending.endedAt! + 1;
      await vi.waitFor(() => expect(rx.received.some((r) => r.body.RoomId === "demo-ending")).toBe(true), { timeout: 2000, interval: 50 });
      expect((await fetch(`${sim.url}/__sim/rooms/demo-popular/end`, { method: "POST" })).status).toBe(200);
      await sim.callbacksIdle();
      expect(rx.received.some((r) => r.body.RoomId === "demo-popular" && r.url.searchParams.get("CallbackCommand") === "Live.CallbackAfterDestroyRoom")).toBe(true);
    } finally {
      await rx.close();
    }
  });

  it("signs wrongly, and replays each delivery, in its fault modes; retries a receiver that is down", async () => {
    const rx = await receiver();
    try {
      const sim = await start({ rooms: 0, callbackUrl: rx.url, callbackToken: "t", callbackFault: "wrong_sign" });
      await sim.callbacksIdle();
      for (const r of rx.received) expect(r.url.searchParams.get("Sign")).not.toBe(await sha256(`t${r.url.searchParams.get("RequestTime")}`));
      sim.setCallbackFault("replay");
      const before = rx.received.length;
      sim.endRoom("demo-quiet");
      await sim.callbacksIdle();
      const replayed = rx.received.slice(before);
      expect(replayed).toHaveLength(2);
      expect(replayed[0]!.body).toEqual(replayed[1]!.body);
      expect(replayed[1]!.url.searchParams.get("Sign")).toBe(await sha256(`t${replayed[1]!.url.searchParams.get("RequestTime")}`));
      // The same through the control endpoints, for scripts and the browser tests.
      expect((await fetch(`${sim.url}/__sim/callbacks/fault`, { method: "POST", body: JSON.stringify({ mode: "none" }) })).status).toBe(200);
      expect((await fetch(`${sim.url}/__sim/callbacks/fault`, { method: "POST", body: JSON.stringify({ mode: "boom" }) })).status).toBe(400);
      sim.endRoom("demo-popular");
      await sim.callbacksIdle();
      const listed = (await (await fetch(`${sim.url}/__sim/callbacks`)).json()) as { roomId: string; fault: string }[];
      // Its create went out signed wrongly at start-up; its destroy, after the fault was cleared, rightly.
      expect(listed.filter((d) => d.roomId === "demo-popular").map((d) => d.fault)).toEqual(["wrong_sign", "none"]);
    } finally {
      await rx.close();
    }

    const down = await receiver(503);
    try {
      const sim = await start({ rooms: 0, callbackUrl: down.url, callbackToken: "t", callbackRetryDelaysMs: [10, 10] });
      await sim.callbacksIdle();
      expect(sim.callbacks()[0]!.statuses).toEqual([503, 503, 503]);
    } finally {
      await down.close();
    }
  });

  it("refuses a callback URL without a token, and a bad fault", async () => {
    await expect(start({ callbackUrl: "http://127.0.0.1:1/cb" })).rejects.toThrow(/callbackToken/);
    await expect(start({ callbackUrl: "ftp://x", callbackToken: "t" })).rejects.toThrow(/http/);
    await expect(start({ callbackUrl: "http://127.0.0.1:1/cb", callbackToken: "t", callbackFault: "explode" as never })).rejects.toThrow(/callback fault/);
  });
});
