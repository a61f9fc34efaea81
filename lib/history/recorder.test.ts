import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withOutageGuard } from "@/lib/store/outage-guard";
import { openSqliteStore } from "@/lib/store/sqlite-store";
import { StoreError, type GuardedStore } from "@/lib/store/store";
import type { RoomStatsAnswer } from "@/lib/tencent/client";
import { UpstreamError } from "@/lib/tencent/errors";
import { zeroStats } from "@/lib/testing/fixtures";
import { createRecorder, type RecorderOptions } from "./recorder";
import type { RoomLeases } from "./leases";

let dir: string;
let store: GuardedStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "roomscope-recorder-"));
  store = withOutageGuard(openSqliteStore({ dataDir: dir }));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const until = async (done: () => Promise<boolean>, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

function recorder(fetchStats: RecorderOptions["fetchStats"], leases?: RoomLeases, into: GuardedStore = store) {
  return createRecorder({ store: into, fetchStats, leases, intervalMs: 100, viewedWindowMs: 60_000, callsPerSecond: 1000, tickMs: 10, refreshMs: 50 });
}

const answer = (): RoomStatsAnswer => ({ stats: zeroStats({ totalViewers: 1 }), requestId: "req", fetchedAt: new Date().toISOString() });

describe("the recorder", () => {
  it("records only the rooms its leases give it", async () => {
    for (const roomId of ["a", "b", "c"]) await store.watch(roomId, 1);
    const asked: string[] = [];
    const mine: RoomLeases = { claim: async (rooms) => rooms.filter((r) => r !== "b") };
    const rec = recorder(async (roomId) => {
      asked.push(roomId);
      return answer();
    }, mine);
    rec.start();
    try {
      await until(async () => (await store.latestSamples(["a", "c"])).size === 2);
      expect(asked).not.toContain("b");
      expect(rec.status().rooms).toBe(2);
      rec.track("b");
      await new Promise((r) => setTimeout(r, 200));
      expect(asked).not.toContain("b");
    } finally {
      rec.stop();
    }
  });

  it("keeps why an attempt failed in the store, where another process (or a restart) reads it", async () => {
    await store.watch("failing", 1);
    const rec = recorder(async () => {
      throw new UpstreamError("Tencent answered 70001", { kind: "misconfigured", errorCode: 70001 });
    });
    rec.start();
    try {
      await until(async () => (await store.room("failing"))?.lastFailure != null);
    } finally {
      rec.stop();
    }
    expect((await store.room("failing"))?.lastFailure).toMatchObject({ code: "misconfigured", upstreamCode: 70001, at: expect.any(Number) });
  });

  it("remembers a sample the store could not save, since the store cannot, until one is saved again", async () => {
    await store.watch("r", 1);
    let full = true;
    const failing: GuardedStore = {
      ...store,
      addSample: async (roomId, sample) => {
        if (full) throw new StoreError("full", "the disk is full");
        return store.addSample(roomId, sample);
      },
    };
    const rec = recorder(async () => answer(), undefined, failing);
    rec.start();
    try {
      await until(async () => rec.unsavedSince("r") !== null);
      expect((await store.room("r"))?.lastFailure).toBeNull();
      full = false;
      await until(async () => rec.unsavedSince("r") === null);
      expect((await store.latestSamples(["r"])).size).toBe(1);
    } finally {
      rec.stop();
    }
  });
});

describe("the recorder and Tencent's destroy callback", () => {
  it("forgets a room at once, drops the sample it had on the way, and the fleet's other recorders drop it at their next refresh", async () => {
    await store.watch("r", 1);
    let release: (() => void) | null = null;
    let calls = 0;
    const slow = recorder(async () => {
      calls += 1;
      await new Promise<void>((resolve) => (release = resolve));
      return answer();
    }, { claim: async (rooms) => rooms });
    const otherCalls: string[] = [];
    // Another instance that holds no lease on "r" now, and would take it over if it were live.
    let otherHolds = false;
    const other = recorder(async (roomId) => {
      otherCalls.push(roomId);
      return answer();
    }, { claim: async (rooms) => (otherHolds ? rooms : []) });
    slow.start();
    other.start();
    try {
      await until(async () => calls === 1 && release !== null);
      const forgotten = slow.forget("r");
      release!();
      await forgotten;
      await store.markEnded("r", 5000);
      otherHolds = true;
      await new Promise((r) => setTimeout(r, 300));
      expect(await store.samples("r")).toEqual([]);
      expect(calls).toBe(1);
      expect(slow.status().rooms).toBe(0);
      expect(otherCalls).toEqual([]);
      expect(await store.room("r")).toMatchObject({ status: "ended", endedAt: 5000 });
    } finally {
      slow.stop();
      other.stop();
    }
  });

  it("keeps the callback's end time when a poll then finds the room gone", async () => {
    await store.watch("gone", 1);
    await store.addSample("gone", { t: 1000, stats: zeroStats() });
    const rec = recorder(async () => {
      await store.markEnded("gone", 1500);
      throw new UpstreamError("room does not exist", { kind: "not_found", errorCode: 100004 });
    });
    rec.start();
    try {
      await until(async () => rec.status().rooms === 0 && (await store.room("gone"))?.status === "ended");
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      rec.stop();
    }
    expect(await store.room("gone")).toMatchObject({ status: "ended", endedAt: 1500 });
  });
});
