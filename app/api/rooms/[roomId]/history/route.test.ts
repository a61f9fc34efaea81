// The history path end to end: lookups and the recorder store samples from the stand-in, the
// history, CSV and watchlist handlers read them back, and a recorded room is followed to its end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sample } from "@/lib/contract/stats";
import { buildReport } from "@/lib/history/report";
import { windowedRates } from "@/lib/history/series";
import { zeroStats } from "@/lib/testing/fixtures";
import { call, configureConsole, disposeConsole, startStandIn, consoleRequest } from "@/lib/testing/console-harness";
import type { Simulator } from "@/simulator/server";
import { GET as overview } from "../../route";
import { GET as watchlist, POST as watch } from "../../../watchlist/route";
import { DELETE as unwatch } from "../../../watchlist/[roomId]/route";
import { GET as csv } from "../history.csv/route";
import { GET as stats } from "../stats/route";
import { GET as history } from "./route";

// The stand-in runs on a clock the test moves, so a stream's progress does not depend on timing.
let simNow = Date.now();
let sim: Simulator;
beforeAll(async () => {
  sim = await startStandIn({ now: () => simNow });
});
afterAll(async () => {
  await disposeConsole();
  await sim.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const path = (roomId: string, rest: string) => `/api/rooms/${encodeURIComponent(roomId)}/${rest}`;
const historyOf = (roomId: string, query = "") => call(history, path(roomId, `history${query}`), { roomId });

async function post(body: unknown) {
  const res = await watch(consoleRequest("/api/watchlist", { method: "POST", body }), {
    params: Promise.resolve({}),
  });
  return { status: res.status, body: await res.json() };
}

describe("history of looked-up rooms", () => {
  it("stores every lookup's answer and returns it as history", async () => {
    await configureConsole(sim, { STATS_FRESHNESS_MS: "0" });
    for (let i = 0; i < 4; i++) {
      simNow += 30_000;
      expect((await call(stats, path("demo-popular", "stats"), { roomId: "demo-popular" })).status).toBe(200);
      await sleep(5);
    }
    const res = await historyOf("demo-popular");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ roomId: "demo-popular", status: "live", endedAt: null });
    expect(res.body.samples).toHaveLength(4);
    expect(res.body.sampleCount).toBe(4);
    // Thinned for drawing, the answer still says how many samples the range holds.
    const thinned = await historyOf("demo-popular", "?points=2");
    expect(thinned.body.samples.length).toBeLessThan(4);
    expect(thinned.body.sampleCount).toBe(4);
    expect(res.body.samples[3].totalViewers).toBe(sim.snapshot("demo-popular").totals!.TotalViewers);
    // Totals never go backwards, so neither do the rates.
    for (const r of res.body.rates) for (const v of Object.values(r).slice(1)) expect(v === null || (v as number) >= 0).toBe(true);
  });

  it("answers a room never recorded honestly, and refuses bad parameters naming them", async () => {
    await configureConsole(sim);
    const never = await historyOf("never-seen");
    expect(never.body).toMatchObject({ status: "unknown", samples: [], sampleCount: 0, firstSampleAt: null, cadenceSeconds: null });
    const bad = await historyOf("demo-quiet", "?points=5000");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "invalid_query", message: expect.stringMatching(/^`points` must be at most 2000/) });
    expect((await historyOf("demo-quiet", "?from=yesterday")).body.error.message).toMatch(/^`from` must be an ISO 8601 time/);
    expect((await historyOf("demo-quiet", "?from=2026-11-25T10:00:00Z&to=2026-11-25T09:00:00Z")).status).toBe(400);
    expect((await historyOf("a".repeat(49))).body.error.code).toBe("invalid_room_id");
  });
});

describe("rates over the window asked for", () => {
  // 20 minutes of samples every 10 s. Tencent's totals move in steps: +10 messages every 20 s, so
  // between neighbouring samples the rate zig-zags 60, 0, 60…; a minute from 8:00 to 9:00 holds
  // 60 more (+10 at every sample).
  const T0 = Date.UTC(2026, 10, 25, 18, 0, 0);
  const room = "windowed-room";
  const at = (seconds: number) => T0 + seconds * 1000;
  const messages = (s: number) => 10 * Math.floor(s / 20) + 10 * Math.min(6, Math.max(0, Math.floor((s - 480) / 10)));
  const recording: Sample[] = Array.from({ length: 121 }, (_, i) => ({ t: at(i * 10), stats: zeroStats({ totalMsgCount: messages(i * 10) }) }));
  const ratesOf = (body: { rates: { t: string; totalMsgCount: number | null }[] }) => new Map(body.rates.map((r) => [(Date.parse(r.t) - T0) / 1000, r.totalMsgCount]));

  beforeAll(async () => {
    const service = await configureConsole(sim);
    await service.store.addSamples(recording.map((sample) => ({ roomId: room, sample })));
  });

  it("computes the default 1-minute window from the recorded samples", async () => {
    const res = await historyOf(room);
    expect(res.status).toBe(200);
    expect(res.body.rateWindow).toBe("1m");
    const rates = ratesOf(res.body);
    // No full minute before 60 s; then 30 a minute, smooth; the burst's minute reads 90.
    expect(rates.get(50)).toBeNull();
    expect([60, 70, 200, 470].map((s) => rates.get(s))).toEqual([30, 30, 30, 30]);
    expect(rates.get(540)).toBe(90);
    expect(Math.max(...[...rates.values()].map((v) => v ?? 0))).toBe(90);
    const expected = windowedRates(recording, { windowMs: 60_000, maxGapMs: 30_000 });
    expect(res.body.rates).toEqual(expected.map(({ t, ...values }) => ({ t: new Date(t).toISOString(), ...values })));
  });

  it("smooths further over 5 and 15 minutes, each null until a full window is recorded", async () => {
    const five = await historyOf(room, "?rateWindow=5m");
    expect(five.status).toBe(200);
    expect(five.body.rateWindow).toBe("5m");
    const rates5 = ratesOf(five.body);
    expect(rates5.get(290)).toBeNull();
    expect(rates5.get(300)).toBe(30);
    // Each 5 minutes holding the burst's minute: (5 × 30 + 60) / 5 = 42 a minute.
    expect([540, 600, 780].map((s) => rates5.get(s))).toEqual([42, 42, 42]);
    expect(rates5.get(790)).toBe(40);
    expect(five.body.rates).toEqual(
      windowedRates(recording, { windowMs: 300_000, maxGapMs: 30_000 }).map(({ t, ...values }) => ({ t: new Date(t).toISOString(), ...values })),
    );
    const fifteen = ratesOf((await historyOf(room, "?rateWindow=15m")).body);
    expect(fifteen.get(890)).toBeNull();
    expect(fifteen.get(900)).toBe(34); // (15 × 30 + 60) / 15
    expect(fifteen.get(1200)).toBe(34);
  });

  it("gives a range that starts mid-recording full windows from its first sample", async () => {
    const from = new Date(at(600)).toISOString();
    const res = await historyOf(room, `?from=${encodeURIComponent(from)}&rateWindow=5m`);
    expect(res.body.samples[0].t).toBe(from);
    expect(res.body.sampleCount).toBe(61);
    // The window before the range was read too: the first rate is over 5 minutes, as in the whole recording.
    expect(res.body.rates[0]).toMatchObject({ t: from, totalMsgCount: 42 });
    expect(res.body.rates).toHaveLength(61);
  });

  it("gives the watchlist's current rates over the last minute, smooth however the totals step", async () => {
    const service = await configureConsole(sim);
    const watched = "watched-steps";
    // The last 5 minutes every 10 s, +10 messages every 20 s: between neighbours 60, 0, 60…
    const now = Date.now();
    const samples: Sample[] = Array.from({ length: 31 }, (_, i) => ({ t: now - 300_000 + i * 10_000, stats: zeroStats({ totalMsgCount: 10 * Math.floor(i / 2) }) }));
    await service.store.watch(watched, samples[0]!.t);
    await service.store.addSamples(samples.map((sample) => ({ roomId: watched, sample })));
    const page = await call(overview, "/api/rooms?watchlist=1", {});
    const row = page.body.rooms.find((r: { roomId: string }) => r.roomId === watched);
    expect(row.ratesPerMinute.totalMsgCount).toBe(30);
    // The sparkline too is over a minute: 30 a minute throughout, not 0 and 60 in turn.
    expect(new Set(row.sparkline.map((p: { v: number | null }) => p.v).filter((v: number | null) => v !== null))).toEqual(new Set([30]));
  });

  it("gives the overview as at the end of a time range, its sparklines over the range", async () => {
    const service = await configureConsole(sim);
    const watched = "overview-range";
    // An hour and a half ago for half an hour: +10 messages every 10 s.
    const start = Date.now() - 90 * 60_000;
    const samples: Sample[] = Array.from({ length: 181 }, (_, i) => ({ t: start + i * 10_000, stats: zeroStats({ totalMsgCount: 10 * i }) }));
    await service.store.watch(watched, start);
    await service.store.addSamples(samples.map((sample) => ({ roomId: watched, sample })));
    const rowOf = async (query: string) => {
      const page = await call(overview, `/api/rooms?watchlist=1${query}`, {});
      expect(page.status, query).toBe(200);
      return page.body.rooms.find((r: { roomId: string }) => r.roomId === watched);
    };
    const iso = (ms: number) => new Date(ms).toISOString();
    // A window over its first ten minutes: the totals at its end, 60 a minute, a sparkline inside it.
    const early = await rowOf(`&from=${iso(start)}&to=${iso(start + 10 * 60_000)}`);
    expect(early.totals.totalMsgCount).toBe(600);
    expect(early.lastSampleAt).toBe(iso(start + 10 * 60_000));
    expect(early.ratesPerMinute.totalMsgCount).toBe(60);
    expect(early.sparkline.length).toBeGreaterThan(0);
    expect(early.sparkline.every((p: { t: string }) => Date.parse(p.t) >= start && Date.parse(p.t) <= start + 10 * 60_000)).toBe(true);
    // The last 30 minutes (the default): the room has not moved since, so no sparkline and no rate.
    const recent = await rowOf("");
    expect(recent.totals.totalMsgCount).toBe(1800);
    expect(recent.sparkline).toEqual([]);
    expect((await call(overview, `/api/rooms?watchlist=1&from=${iso(start + 60_000)}&to=${iso(start)}`, {})).status).toBe(400);
  });

  it("refuses a rate window it does not offer with a 400 naming the parameter", async () => {
    for (const query of ["?rateWindow=2m", "?rateWindow=", "?rateWindow=1h", "?rateWindow=5m&rateWindow=15m"]) {
      const res = await historyOf(room, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toMatchObject({ code: "invalid_query", message: expect.stringContaining("`rateWindow`") });
    }
    expect((await historyOf(room, "?rateWindow=2m")).body.error.message).toBe("`rateWindow` must be `1m`, `5m` or `15m` (the minutes each rate looks back; `1m` by default).");
  });
});

describe("the history CSV export", () => {
  const room = "直播间-1";
  const csvPath = (query = "") => `${path(room, "history.csv")}${query}`;
  /** The export's bytes, and its rows after the byte-order mark. */
  const csvOf = async (query = "", headers: Record<string, string> = {}) => {
    const res = await csv(consoleRequest(csvPath(query), { headers }), { params: Promise.resolve({ roomId: room }) });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { res, bytes, lines: new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n") };
  };

  beforeAll(async () => {
    await configureConsole(sim, { STATS_FRESHNESS_MS: "0" });
    for (let i = 0; i < 3; i++) {
      simNow += 10_000;
      await call(stats, path(room, "stats"), { roomId: room });
      await sleep(5);
    }
  });

  it("exports raw samples that Excel opens in any locale, with readable English headers by default", async () => {
    const { res, bytes, lines } = await csvOf();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain(`filename*=UTF-8''roomscope-${encodeURIComponent(room)}.csv`);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[0]).toBe("Time (UTC),Viewers,Gifts sent,Gift coins,Unique gift senders,Likes,Messages");
    expect(lines).toHaveLength(4);
    // Times stay UTC ISO 8601, as the header says, whatever the reader's language.
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z(,\d+){6}$/);
    expect((await csvOf("?header=labels")).lines[0]).toBe(lines[0]);
  });

  it("names the columns in Chinese for a Chinese reader, the rows unchanged", async () => {
    const english = (await csvOf()).lines;
    const { res, bytes, lines } = await csvOf("", { "accept-language": "zh-CN,zh;q=0.9,en;q=0.5" });
    expect(res.status).toBe(200);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[0]).toBe("时间（UTC）,观众,礼物数,礼物金币,送礼人数,点赞,消息");
    expect(lines.slice(1)).toEqual(english.slice(1));
    // The language chosen in the console (its cookie) wins over the browser's, as on the pages.
    expect((await csvOf("", { "accept-language": "en", cookie: "roomscope.locale=zh-CN" })).lines[0]).toMatch(/^时间（UTC）,观众,/);
  });

  it("gives the stable machine names with ?header=names, whatever the language", async () => {
    for (const headers of [{}, { "accept-language": "zh-CN" }] as Record<string, string>[]) {
      const { res, lines } = await csvOf("?header=names", headers);
      expect(res.status).toBe(200);
      expect(lines[0]).toBe("time,totalViewers,totalGiftsSent,totalGiftCoins,totalUniqueGiftSenders,totalLikesReceived,totalMsgCount");
      expect(lines).toHaveLength(4);
    }
  });

  it("refuses a header style it does not know with a 400 naming the parameter", async () => {
    for (const query of ["?header=readable", "?header=", "?header=NAMES", "?header=names&header=labels"]) {
      const res = await call(csv, csvPath(query), { roomId: room });
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toMatchObject({ code: "invalid_query", message: expect.stringContaining("`header`") });
    }
    const zh = await call(csv, csvPath("?header=x"), { roomId: room }, { headers: { "accept-language": "zh-CN" } });
    expect(zh.status).toBe(400);
    expect(zh.body.error).toMatchObject({ code: "invalid_query", message: expect.stringMatching(/^`header` /) });
    expect(zh.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("the watchlist and the recorder", () => {
  it("records a watched room on schedule until it ends, and the report matches the stand-in", async () => {
    const service = await configureConsole(sim, { RECORD_INTERVAL_S: "1" });
    const room = "live-0007";
    // Taken exactly as sent, as every other route takes a RoomId: spaces are refused, not trimmed.
    const padded = await post({ roomId: ` ${room} ` });
    expect(padded.status).toBe(400);
    expect(padded.body.error.message).toMatch(/U\+0020 at character 1/);
    expect((await post({ roomId: room })).status).toBe(201);
    expect((await post({ roomId: room })).status).toBe(201); // idempotent
    expect((await post({ nope: 1 })).status).toBe(400);
    expect((await call(watchlist, "/api/watchlist", {})).body.rooms.map((r: { roomId: string }) => r.roomId)).toEqual([room]);

    service.startBackground();
    // The stream moves a minute of its time per second of ours, while the recorder samples it.
    for (let i = 0; i < 5; i++) {
      simNow += 60_000;
      await sleep(1000);
    }
    // Hold the stream still for a sample, then end it: the last sample is the final state.
    await sleep(1500);
    expect(sim.endRoom(room)).toBe(true);
    const finalTotals = sim.snapshot(room).totals!;
    await sleep(2500);

    const res = await historyOf(room);
    expect(res.body.status).toBe("ended");
    expect(res.body.samples.length).toBeGreaterThanOrEqual(4);
    expect(res.body.endedAt).toBe(res.body.lastSampleAt);
    expect(res.body.cadenceSeconds).toBeGreaterThanOrEqual(0.8);
    expect(res.body.cadenceSeconds).toBeLessThanOrEqual(1.6);

    const samples = (await service.store.samples(room)).map((s) => s);
    const report = buildReport(samples, { endedAt: Date.parse(res.body.endedAt), cadenceMs: 1000, rateWindowMs: 60_000 })!;
    expect(report.finalTotals).toEqual({
      totalViewers: finalTotals.TotalViewers,
      totalGiftsSent: finalTotals.TotalGiftsSent,
      totalGiftCoins: finalTotals.TotalGiftCoins,
      totalUniqueGiftSenders: finalTotals.TotalUniqueGiftSenders,
      totalLikesReceived: finalTotals.TotalLikesReceived,
      totalMsgCount: finalTotals.TotalMsgCount,
    });
    expect(report.durationMs).toBe(samples.at(-1)!.t - samples[0]!.t);

    // An ended room is no longer polled.
    const calls = sim.calls().total;
    await sleep(1500);
    expect(sim.calls().total).toBe(calls);

    // The overview serves the page from stored samples, without calling Tencent.
    const page = await call(overview, "/api/rooms?watchlist=1", {});
    expect(sim.calls().total).toBe(calls);
    expect(page.body.rooms).toEqual([
      expect.objectContaining({ roomId: room, status: "ended", totals: report.finalTotals, sparkline: expect.any(Array) }),
    ]);

    const removed = await unwatch(consoleRequest("/api/watchlist/x", { method: "DELETE" }), { params: Promise.resolve({ roomId: room }) });
    expect(removed.status).toBe(204);
    expect((await call(watchlist, "/api/watchlist", {})).body.rooms).toEqual([]);
    // Its history stays.
    expect((await historyOf(room)).body.samples.length).toBe(res.body.samples.length);
  }, 30_000);

  it("keeps what the store acknowledged across a restart", async () => {
    const first = await configureConsole(sim, { STATS_FRESHNESS_MS: "0" });
    const dataDir = process.env.DATA_DIR!;
    for (let i = 0; i < 3; i++) {
      simNow += 10_000;
      await call(stats, path("demo-quiet", "stats"), { roomId: "demo-quiet" });
      await sleep(5);
    }
    const before = await first.store.samples("demo-quiet");
    expect(before).toHaveLength(3);
    await configureConsole(sim, { DATA_DIR: dataDir });
    expect((await historyOf("demo-quiet")).body.samples).toHaveLength(before.length);
  });
});
