// GET /api/rooms/{roomId}/report, through the real handler and store: the figures are computed on
// the server from every raw sample, whatever the series sent for drawing were thinned to.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { roomReportResponseSchema } from "@/lib/contract/api";
import type { RoomStats, Sample } from "@/lib/contract/stats";
import { buildReport, peaksOf } from "@/lib/history/report";
import { toSamples, totalsRows } from "@/lib/history/series";
import { call, configureConsole, disposeConsole, startStandIn } from "@/lib/testing/console-harness";
import type { Services } from "@/lib/server/container";
import type { Simulator } from "@/simulator/server";
import { GET } from "./route";

const T0 = Date.UTC(2026, 10, 25, 18, 0, 0);
const CADENCE = 10_000;

function stats(n: number): RoomStats {
  return {
    totalViewers: 10 * n,
    totalGiftsSent: n,
    totalGiftCoins: 5 * n,
    totalUniqueGiftSenders: Math.floor(n / 2),
    totalLikesReceived: 20 * n,
    totalMsgCount: n * n,
  };
}

/** A recording with a gap (samples 40..45 missing) and a message reset at sample 70. */
function recording(count: number): Sample[] {
  const samples: Sample[] = [];
  for (let i = 0; i < count; i++) {
    if (i >= 40 && i < 46) continue;
    const s = stats(i);
    if (i >= 70) s.totalMsgCount -= 4000;
    samples.push({ t: T0 + i * CADENCE, stats: s });
  }
  return samples;
}

let sim: Simulator;
let console_: Services;
beforeAll(async () => {
  sim = await startStandIn();
});
afterAll(async () => {
  await disposeConsole();
  await sim.close();
});
beforeEach(async () => {
  console_ = await configureConsole(sim);
});

async function reportOf(roomId: string, samples: Sample[], query = "") {
  await console_.store.addSamples(samples.map((sample) => ({ roomId, sample })));
  await console_.store.markEnded(roomId, samples.at(-1)!.t);
  const res = await call(GET, `/api/rooms/${encodeURIComponent(roomId)}/report${query}`, { roomId });
  expect(res.status).toBe(200);
  return roomReportResponseSchema.parse(res.body);
}

describe("the post-stream report", () => {
  it("matches buildReport over the raw recording", async () => {
    const samples = recording(100);
    const body = await reportOf("short", samples);
    expect(body.report).toEqual(buildReport(samples, { endedAt: samples.at(-1)!.t, cadenceMs: CADENCE, rateWindowMs: 60_000 }));
  });

  it("keeps exact peaks, totals and gaps when the series sent were thinned", async () => {
    const samples = recording(3000);
    const exact = buildReport(samples, { endedAt: samples.at(-1)!.t, cadenceMs: CADENCE, rateWindowMs: 60_000 })!;
    const body = await reportOf("long", samples);
    expect(body.samples.length).toBeLessThanOrEqual(2000);
    const report = body.report!;
    expect(report.peaks).toEqual(exact.peaks);
    expect(report.finalTotals).toEqual(exact.finalTotals);
    expect(report.durationMs).toBe(exact.durationMs);
    expect(report.sampleCount).toBe(exact.sampleCount);
    expect(report.gaps.count).toBe(1);
    expect(report.averages.totalViewers).toBeCloseTo(exact.averages.totalViewers!, 6);
    expect(body.gaps).toEqual([{ from: new Date(T0 + 39 * CADENCE).toISOString(), to: new Date(T0 + 46 * CADENCE).toISOString() }]);
  });

  it("takes its peaks over the window asked for, and keeps averages over the observed time", async () => {
    const samples = recording(200);
    const minute = await reportOf("windows", samples);
    expect(minute.rateWindow).toBe("1m");
    const fifteen = roomReportResponseSchema.parse((await call(GET, "/api/rooms/windows/report?rateWindow=15m", { roomId: "windows" })).body);
    expect(fifteen.rateWindow).toBe("15m");
    expect(fifteen.report).toEqual(buildReport(samples, { endedAt: samples.at(-1)!.t, cadenceMs: CADENCE, rateWindowMs: 15 * 60_000 }));
    // Messages grow as n² (sample n at n × 10 s), so their rate is highest at the end: over the last
    // minute 199² - 193² = 2,352 a minute; over the last 15 minutes (199² - 109²) / 15 = 1,848.
    expect(minute.report!.peaks.totalMsgCount).toEqual({ perMinute: 199 ** 2 - 193 ** 2, t: T0 + 199 * CADENCE });
    expect(fifteen.report!.peaks.totalMsgCount).toEqual({ perMinute: (199 ** 2 - 109 ** 2) / 15, t: T0 + 199 * CADENCE });
    expect(fifteen.report!.averages).toEqual(minute.report!.averages);
  });

  it("covers the part of the recording in a time range, the stream's end only when the range reaches it", async () => {
    const samples = recording(200);
    await reportOf("ranged", samples);
    const from = new Date(T0 + 100 * CADENCE).toISOString();
    const to = new Date(T0 + 150 * CADENCE).toISOString();
    const inside = samples.filter((s) => s.t >= T0 + 100 * CADENCE && s.t <= T0 + 150 * CADENCE);
    const res = await call(GET, `/api/rooms/ranged/report?from=${from}&to=${to}`, { roomId: "ranged" });
    const body = roomReportResponseSchema.parse(res.body);
    expect(body.report).toEqual(buildReport(inside, { endedAt: null, cadenceMs: CADENCE, rateWindowMs: 60_000 }));
    expect(body.report!.startedAt).toBe(T0 + 100 * CADENCE);
    expect(body.report!.finalTotals).toEqual(inside.at(-1)!.stats);
    // Up to the end: the stream's end is the report's.
    const tail = roomReportResponseSchema.parse((await call(GET, `/api/rooms/ranged/report?from=${from}`, { roomId: "ranged" })).body);
    expect(tail.report!.endedAt).toBe(samples.at(-1)!.t);
    expect(tail.report!.sampleCount).toBe(100);
  });

  it("refuses a range that ends before it starts, or a time that is not one", async () => {
    for (const query of ["?from=2026-11-25T19:00:00Z&to=2026-11-25T18:00:00Z", "?from=yesterday"]) {
      const res = await call(GET, `/api/rooms/short/report${query}`, { roomId: "short" });
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toMatchObject({ code: "invalid_query", message: expect.stringContaining("`from`") });
    }
  });

  it("refuses a rate window it does not offer, naming the parameter", async () => {
    for (const query of ["?rateWindow=2m", "?rateWindow=", "?rateWindow=5M", "?rateWindow=5m&rateWindow=1m"]) {
      const res = await call(GET, `/api/rooms/short/report${query}`, { roomId: "short" });
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toMatchObject({ code: "invalid_query", message: expect.stringContaining("`rateWindow`") });
    }
  });

  it("gives null for a room never recorded", async () => {
    const res = await call(GET, "/api/rooms/never/report", { roomId: "never" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "unknown", report: null, samples: [], gaps: [] });
  });

  it("refuses a RoomId that is not one, in the error shape", async () => {
    const res = await call(GET, `/api/rooms/${"x".repeat(49)}/report`, { roomId: "x".repeat(49) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "invalid_room_id", message: expect.stringMatching(/48 bytes/) });
  });
});

describe("chart rows", () => {
  it("breaks the totals line inside each gap the server reported and nowhere else", async () => {
    const samples = recording(60);
    const body = await reportOf("chart", samples);
    const rows = totalsRows(toSamples(body), body.gaps);
    expect(rows).toHaveLength(samples.length + 1);
    const hole = rows.findIndex((row) => row.totalViewers === null);
    expect(rows[hole - 1]!.t).toBe(T0 + 39 * CADENCE);
    expect(rows[hole + 1]!.t).toBe(T0 + 46 * CADENCE);
  });

  it("takes the earliest of equal peaks", () => {
    const peaks = peaksOf([
      { t: 1, totalViewers: 5, totalGiftsSent: null, totalGiftCoins: null, totalUniqueGiftSenders: null, totalLikesReceived: null, totalMsgCount: null },
      { t: 2, totalViewers: 5, totalGiftsSent: null, totalGiftCoins: null, totalUniqueGiftSenders: null, totalLikesReceived: null, totalMsgCount: null },
    ]);
    expect(peaks.totalViewers).toEqual({ perMinute: 5, t: 1 });
    expect(peaks.totalMsgCount).toBeNull();
  });
});
