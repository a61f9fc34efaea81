import { afterEach, describe, expect, it, vi } from "vitest";
import { zeroStats } from "@/lib/testing/fixtures";
import { withOutageGuard } from "./outage-guard";
import { StoreError, type HistoryStore } from "./store";

// The guard works in front of any store: here one whose writes fail as the test says.
function flakyStore() {
  const state = { failWith: null as StoreError | null, writes: 0 };
  const write = async () => {
    state.writes++;
    if (state.failWith) throw state.failWith;
  };
  const store = { addSample: write, watch: write, samples: async () => [], close: async () => {} } as unknown as HistoryStore;
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
});
