// Storage trouble seen from outside, through the real route handlers against the stand-in: with the
// history database locked by another connection, or full, lookups keep answering; /api/health and
// the log say what is wrong (the log once, not once per write); the history API answers 503 with a
// reason; and recording resumes by itself when the trouble ends, leaving a gap, not made-up values.
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { zeroStats } from "@/lib/testing/fixtures";
import { call, captureLogs, configureConsole, disposeConsole, startStandIn, tempDataDir, consoleRequest } from "@/lib/testing/console-harness";
import { withOutageGuard } from "@/lib/store/outage-guard";
import { openSqliteStore } from "@/lib/store/sqlite-store";
import { StoreError } from "@/lib/store/store";
import type { HealthResponse } from "@/lib/contract/api";
import type { Simulator } from "@/simulator/server";
import { GET as history } from "../rooms/[roomId]/history/route";
import { GET as stats } from "../rooms/[roomId]/stats/route";
import { POST as watch } from "../watchlist/route";
import { GET as health } from "./route";

let sim: Simulator;
beforeAll(async () => {
  sim = await startStandIn();
});
afterEach(async () => {
  await disposeConsole();
});
afterAll(async () => {
  await sim.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const healthNow = async () => (await call(health, "/api/health", {})).body as HealthResponse;
const lookup = (roomId: string) => call(stats, `/api/rooms/${roomId}/stats`, { roomId });
const historyOf = (roomId: string) => call(history, `/api/rooms/${roomId}/history`, { roomId });
const linesWith = (lines: string[], text: string) => lines.filter((line) => line.includes(text));

async function until(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await sleep(100);
  }
}

describe("a locked history database", () => {
  it("keeps lookups working, says so once, and records again when the lock goes", async () => {
    const dataDir = tempDataDir();
    // The console's own store, busy timeout and all: a lock must not stall the lookups.
    const service = await configureConsole(sim, { DATA_DIR: dataDir, RECORD_INTERVAL_S: "1", STATS_FRESHNESS_MS: "0" });
    service.startBackground();
    const watched = await watch(consoleRequest("/api/watchlist", { method: "POST", body: { roomId: "demo-popular" } }), {
      params: Promise.resolve({}),
    });
    expect(watched.status).toBe(201);
    // Enough samples for the cadence (the median spacing) to be the recorder's one second.
    await until(async () => (await historyOf("demo-popular")).body.sampleCount >= 5);

    const logs = captureLogs();
    try {
      const other = new Database(join(dataDir, "roomscope.db"));
      other.exec("BEGIN IMMEDIATE");
      const lockedAt = Date.now();
      let during: number;
      try {
        for (let i = 0; i < 3; i++) {
          const started = performance.now();
          expect((await lookup("demo-quiet")).status).toBe(200);
          expect(performance.now() - started).toBeLessThan(1000);
        }
        await until(async () => !(await healthNow()).history.storeOk);
        const { history: h, status, problems } = await healthNow();
        expect(h.storeError).toBe("busy");
        // Still 200 (the console is alive), and the body says what is wrong.
        expect(status).toBe("degraded");
        expect(problems).toEqual(["storage_failing"]);
        expect(Date.parse(h.storeErrorAt!)).toBeGreaterThanOrEqual(lockedAt);
        // Reading is not blocked by the lock (WAL), so the history answers with what it has.
        during = (await historyOf("demo-popular")).body.sampleCount;
        // Long enough for the recorder to fail several times: more than three cadences.
        await sleep(4500);
        expect((await historyOf("demo-popular")).body.sampleCount).toBe(during);
      } finally {
        other.exec("ROLLBACK");
        other.close();
      }

      await until(async () => (await healthNow()).history.storeOk && (await historyOf("demo-popular")).body.sampleCount >= during + 3);
      expect((await healthNow()).status).toBe("ok");
      // The room looked up only while the database was locked is recorded now, without another lookup.
      await until(async () => (await historyOf("demo-quiet")).body.sampleCount >= 2);
      expect(linesWith(logs.lines, "history storage failing")).toHaveLength(1);
      expect(linesWith(logs.lines, "history storage failing")[0]).toMatch(/"code":"busy"/);
      const recovered = linesWith(logs.lines, "history storage recovered");
      expect(recovered).toHaveLength(1);
      expect(JSON.parse(recovered[0]!).failures).toBeGreaterThanOrEqual(3);
      // Nothing else repeated the outage line by line.
      expect(logs.lines.filter((line) => /could not store/.test(line))).toEqual([]);
      // The recorder kept its room through the outage; the seconds it missed are a gap, not invented.
      const after = await historyOf("demo-popular");
      expect(after.body.rates.some((r: Record<string, unknown>) => Object.entries(r).every(([k, v]) => k === "t" || v === null))).toBe(true);
      expect((await healthNow()).history.storeError).toBe("busy");
    } finally {
      logs.restore();
    }
  }, 30_000);
});

describe("a full disk", () => {
  it("answers lookups, refuses history writes with 503 and a reason, and stores again once there is room", async () => {
    const dataDir = tempDataDir();
    const store = withOutageGuard(openSqliteStore({ dataDir, maxBytes: 128 * 1024 }));
    const logs = captureLogs();
    // Fill it until the cap (a full disk, to SQLite) refuses a write: samples first, then room rows,
    // so that neither table has a page with space left.
    const fill = async (write: (i: number) => Promise<unknown>) => {
      for (let i = 1; ; i++) {
        const error = await write(i).then(
          () => null,
          (e: unknown) => e,
        );
        if (error) return error;
      }
    };
    const refused = await fill((t) => store.addSample("filler", { t, stats: zeroStats({ totalViewers: t * 1_000_003 }) }));
    expect(StoreError.is(refused) && refused.code).toBe("full");
    expect(StoreError.is(await fill((i) => store.watch(`filler-${i}`, i)))).toBe(true);
    expect(linesWith(logs.lines, "history storage failing").length).toBeGreaterThanOrEqual(1);
    const filledAt = logs.lines.length;

    await configureConsole(sim, { DATA_DIR: dataDir, STATS_FRESHNESS_MS: "0" }, { store });
    try {
      const answer = await lookup("demo-popular");
      expect(answer.status).toBe(200);
      expect(answer.body.stats.totalViewers).toBeGreaterThan(0);

      const refusedWatch = await watch(consoleRequest("/api/watchlist", { method: "POST", body: { roomId: "demo-quiet" } }), {
        params: Promise.resolve({}),
      });
      expect(refusedWatch.status).toBe(503);
      expect(refusedWatch.headers.get("retry-after")).toBe("5");
      expect((await refusedWatch.json()).error).toMatchObject({ code: "storage_unavailable", message: expect.stringMatching(/locked, full or write-protected/) });

      const { history: h } = await healthNow();
      expect(h.storeOk).toBe(false);
      expect(h.storeError).toBe("full");
      // The outage began while filling and was logged then; the lookup and the watch add nothing.
      expect(linesWith(logs.lines.slice(filledAt), "history storage")).toEqual([]);
      expect((await historyOf("demo-popular")).body.sampleCount).toBe(0);

      // Someone makes room (here, retention pruning the filler): lookups are stored again.
      await store.prune(Number.MAX_SAFE_INTEGER);
      await sleep(5);
      expect((await lookup("demo-popular")).status).toBe(200);
      await until(async () => (await historyOf("demo-popular")).body.sampleCount >= 1);
      expect((await healthNow()).history.storeOk).toBe(true);
      expect(linesWith(logs.lines.slice(filledAt), "history storage recovered")).toHaveLength(1);
    } finally {
      logs.restore();
    }
  });
});
