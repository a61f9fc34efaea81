import { afterEach, describe, expect, it, vi } from "vitest";
import { zeroStats } from "@/lib/testing/fixtures";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAX_HELD_SAMPLES, withOutageGuard } from "./outage-guard";
import { openSqliteStore } from "./sqlite-store";
import { StoreError, type HistoryStore } from "./store";

// The guard works in front of any store: here one whose writes fail as the test says.
function flakyStore() {
  const state = { failWith: null as StoreError | null, writes: 0 };
  const write = async () => {
    state.writes++;
    if (state.failWith) throw state.failWith;
  };
  const store = { addSample: write, addSamples: async () => (await write(), 0), watch: write, samples: async () => [], close: async () => {} } as unknown as HistoryStore;
  return { store, state };
}

const sample = { t: 1, stats: zeroStats() };
afterEach(() => vi.restoreAllMocks());

describe("withOutageGuard", () => {
  it("pauses writes while the database is locked, doubling the pause, and says so in health and the log once", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void logged.push(line));
    vi.spyOn(console, "log").mockImplementation((line: string) => void logged.push(line));
    let now = 0;
    const { store, state } = flakyStore();
    const guarded = withOutageGuard(store, () => now);

    state.failWith = new StoreError("busy", "locked");
    await expect(guarded.addSample("r", sample)).rejects.toMatchObject({ code: "busy" });
    expect(guarded.health()).toMatchObject({ ok: false, lastError: { code: "busy" }, lastErrorAt: 0 });
    // Inside the first pause (1 s) writes fail without reaching the store.
    now = 999;
    await expect(guarded.watch("r", 1)).rejects.toMatchObject({ code: "busy" });
    expect(state.writes).toBe(1);
    // After it one write tries again; still locked, so the next pause is 2 s.
    now = 1000;
    await expect(guarded.addSample("r", sample)).rejects.toMatchObject({ code: "busy" });
    now = 2999;
    await expect(guarded.addSample("r", sample)).rejects.toMatchObject({ code: "busy" });
    expect(state.writes).toBe(2);

    state.failWith = null;
    now = 3000;
    await guarded.addSample("r", sample);
    expect(guarded.health()).toMatchObject({ ok: true, lastError: { code: "busy" } });
    expect(logged.filter((l) => l.includes("history storage failing"))).toHaveLength(1);
    expect(logged.filter((l) => l.includes("history storage recovered") && l.includes('"failures":4'))).toHaveLength(1);
  });

  it("passes a caller's mistake through without calling it an outage", async () => {
    const { store, state } = flakyStore();
    const guarded = withOutageGuard(store);
    state.failWith = new StoreError("invalid", "not a RoomId");
    await expect(guarded.addSample("r", sample)).rejects.toMatchObject({ code: "invalid" });
    expect(guarded.health().ok).toBe(true);
  });

  it("holds the samples it could not write and writes them once the database takes writes again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roomscope-held-"));
    const real = openSqliteStore({ dataDir: dir });
    let failing: StoreError | null = new StoreError("io", "the disk went away");
    // The real store, its writes failing while the test says so.
    const store: HistoryStore = {
      ...real,
      addSample: (roomId, s) => (failing ? Promise.reject(failing) : real.addSample(roomId, s)),
      addSamples: (entries) => (failing ? Promise.reject(failing) : real.addSamples(entries)),
      samples: (roomId, range) => real.samples(roomId, range),
      close: () => real.close(),
    };
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const guarded = withOutageGuard(store);
    try {
      for (let t = 1000; t <= 5000; t += 1000) await expect(guarded.addSample("r", { t, stats: zeroStats() })).rejects.toMatchObject({ code: "io" });
      await expect(guarded.addSamples([{ roomId: "q", sample: { t: 1000, stats: zeroStats() } }])).rejects.toMatchObject({ code: "io" });
      expect(guarded.health()).toMatchObject({ ok: false, heldSamples: 6, droppedSamples: 0 });

      failing = null;
      // The next write that succeeds brings the held ones with it.
      await guarded.addSample("r", { t: 6000, stats: zeroStats() });
      await vi.waitFor(async () => expect((await real.samples("r")).map((x) => x.t)).toEqual([1000, 2000, 3000, 4000, 5000, 6000]));
      expect((await real.samples("q")).map((x) => x.t)).toEqual([1000]);
      expect(guarded.health()).toMatchObject({ ok: true, heldSamples: 0 });
    } finally {
      await guarded.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("drops what is past its bound during a long outage, and counts it", async () => {
    const { store, state } = flakyStore();
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const guarded = withOutageGuard(store);
    state.failWith = new StoreError("io", "the disk went away");
    const entries = Array.from({ length: MAX_HELD_SAMPLES + 5 }, (_, i) => ({ roomId: "r", sample: { t: i, stats: zeroStats() } }));
    await expect(guarded.addSamples(entries)).rejects.toMatchObject({ code: "io" });
    expect(guarded.health()).toMatchObject({ heldSamples: MAX_HELD_SAMPLES, droppedSamples: 5 });
  });
});
