import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RoomStats } from "@/lib/contract/stats";
import { SHARED_REFRESH_MS, withSampleCache } from "./sample-cache";
import { withOutageGuard } from "./outage-guard";
import { openSqliteStore } from "./sqlite-store";
import type { HistoryStore } from "./store";

const stats = (n: number): RoomStats => ({
  totalViewers: n,
  totalGiftsSent: n,
  totalGiftCoins: n,
  totalUniqueGiftSenders: n,
  totalLikesReceived: n,
  totalMsgCount: n,
});

let dir: string;
let raw: HistoryStore;
let cached: HistoryStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "roomscope-cache-"));
  raw = openSqliteStore({ dataDir: dir });
  cached = withSampleCache(withOutageGuard(raw), { maxSamples: 100 });
});
afterEach(async () => {
  await cached.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("sample cache", () => {
  it("answers exactly what the store holds, ranges included, as samples keep arriving", async () => {
    for (let t = 1000; t <= 10_000; t += 1000) await cached.addSample("r", { t, stats: stats(t) });
    expect(await cached.samples("r")).toEqual(await raw.samples("r"));
    // New samples after the room was read are seen at once.
    await cached.addSample("r", { t: 11_000, stats: stats(11_000) });
    await cached.addSamples([{ roomId: "r", sample: { t: 12_000, stats: stats(12_000) } }]);
    expect(await cached.samples("r")).toEqual(await raw.samples("r"));
    expect(await cached.samples("r", { from: 3000, to: 5000 })).toEqual(await raw.samples("r", { from: 3000, to: 5000 }));
    expect((await cached.samples("r", { from: 3000, to: 5000 })).map((s) => s.t)).toEqual([3000, 4000, 5000]);
  });

  it("reads a room afresh after an out-of-order or duplicate write, and after pruning", async () => {
    for (const t of [1000, 2000, 4000]) await cached.addSample("r", { t, stats: stats(t) });
    await cached.samples("r");
    await cached.addSample("r", { t: 3000, stats: stats(3000) });
    await cached.addSample("r", { t: 4000, stats: stats(9) }); // the store keeps the first value
    expect((await cached.samples("r")).map((s) => [s.t, s.stats.totalViewers])).toEqual([
      [1000, 1000],
      [2000, 2000],
      [3000, 3000],
      [4000, 4000],
    ]);
    await cached.prune(2500);
    expect((await cached.samples("r")).map((s) => s.t)).toEqual([3000, 4000]);
  });

  it("hands out copies: a caller cannot change what the next one reads", async () => {
    await cached.addSample("r", { t: 1000, stats: stats(1) });
    const first = await cached.samples("r");
    first.pop();
    expect(await cached.samples("r")).toHaveLength(1);
  });

  it("over a store other processes write too, sees their samples, late ones within the window included", async () => {
    let clock = 0;
    const shared = withSampleCache(withOutageGuard(openSqliteStore({ dataDir: dir })), { shared: true, now: () => clock });
    // Another instance: its own connection to the same database, writing past this cache.
    const other = raw;
    const minute = 60_000;
    for (const t of [10 * minute, 11 * minute]) await shared.addSample("r", { t, stats: stats(t) });
    expect((await shared.samples("r")).map((s) => s.t)).toEqual([10 * minute, 11 * minute]);
    await other.addSample("r", { t: 12 * minute, stats: stats(12) });
    // Written late (after an outage, say), two minutes before the newest sample.
    await other.addSample("r", { t: 10.5 * minute, stats: stats(105) });
    // Read again at most every SHARED_REFRESH_MS: an overview of many rooms is not a query per room.
    expect((await shared.samples("r")).map((s) => s.t / minute)).toEqual([10, 11]);
    clock += SHARED_REFRESH_MS;
    expect((await shared.samples("r")).map((s) => s.t / minute)).toEqual([10, 10.5, 11, 12]);
    expect(await shared.samples("r")).toEqual(await other.samples("r"));
    await shared.close();
  });
});
