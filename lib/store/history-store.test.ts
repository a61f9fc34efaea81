// The history store's behaviour, the same on both databases (history-store.ts holds the one set of
// queries). What only one of them has (the SQLite file, PostgreSQL's migrations and connections) is
// tested in sqlite-store.test.ts and postgres-store.test.ts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withOutageGuard } from "@/lib/store/outage-guard";
import type { GuardedStore, HistoryStore } from "@/lib/store/store";
import { rejection, sample, stats, STORE_BACKENDS, type StorePlace } from "@/lib/testing/history-stores";

describe.each(STORE_BACKENDS)("the history store on $name", (backend) => {
  let place: StorePlace;
  const open: HistoryStore[] = [];

  beforeEach(() => {
    place = backend.place();
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    await place.remove();
  });

  /** The store as the console runs it: behind the outage guard, which keeps its health. */
  async function openStore(): Promise<GuardedStore> {
    const store = withOutageGuard(await place.open());
    open.push(store);
    return store;
  }

  describe("samples", () => {
    it("round-trips samples sorted by t, filters by an inclusive range, and ignores a second sample at the same t", async () => {
      const store = await openStore();
      for (const t of [3000, 1000, 5000, 2000, 4000]) await store.addSample("room-a", sample(t));
      await store.addSample("room-a", { t: 3000, stats: stats(999) });
      await store.addSample("room-b", sample(2500));

      const all = await store.samples("room-a");
      expect(all.map((s) => s.t)).toEqual([1000, 2000, 3000, 4000, 5000]);
      expect(all[2]).toEqual(sample(3000));
      expect((await store.samples("room-a", { from: 2000, to: 4000 })).map((s) => s.t)).toEqual([2000, 3000, 4000]);
      expect((await store.samples("room-a", { from: 4500 })).map((s) => s.t)).toEqual([5000]);
      expect((await store.samples("room-a", { to: 1000 })).map((s) => s.t)).toEqual([1000]);
      expect(await store.samples("nobody")).toEqual([]);
      expect(await store.room("room-a")).toMatchObject({ status: "live", firstSampleAt: 1000, lastSampleAt: 5000 });
    });

    it("holds RoomIds of up to 48 bytes of any script and refuses longer ones", async () => {
      const store = await openStore();
      const tooLong = "直播间".repeat(5) + "🎉"; // 45 + 4 = 49 bytes
      const ids = ["房间-1", "🎤🎤🎤", "直播间".repeat(5) + "abc", "a".repeat(48)];
      expect(new TextEncoder().encode(ids[2]).length).toBe(48);
      for (const [i, id] of ids.entries()) await store.addSample(id, sample(1000 + i));
      for (const [i, id] of ids.entries()) expect(await store.samples(id)).toEqual([sample(1000 + i)]);

      expect((await rejection(store.addSample(tooLong, sample(1)))).code).toBe("invalid");
      expect((await rejection(store.addSample("", sample(1)))).code).toBe("invalid");
      expect(await store.room(tooLong)).toBeNull();
    });

    it("holds counters and times up to the largest safe integer exactly", async () => {
      const store = await openStore();
      const big = Number.MAX_SAFE_INTEGER;
      const s = { t: big - 1, stats: { ...stats(1), totalGiftCoins: big, totalLikesReceived: big - 7 } };
      await store.addSample("r", s);
      expect(await store.samples("r")).toEqual([s]);
      expect((await store.latestSamples(["r"])).get("r")).toEqual(s);
      expect(await store.room("r")).toMatchObject({ firstSampleAt: big - 1, lastSampleAt: big - 1 });
    });

    it("refuses counters the columns cannot hold exactly, without counting it as a storage failure", async () => {
      const store = await openStore();
      const bad = [{ ...stats(1), totalViewers: 1.5 }, { ...stats(1), totalLikesReceived: -1 }, { ...stats(1), totalMsgCount: Number.NaN }];
      for (const s of bad) expect((await rejection(store.addSample("r", { t: 1, stats: s }))).code).toBe("invalid");
      expect((await rejection(store.addSample("r", { t: 1.5, stats: stats(1) }))).code).toBe("invalid");
      expect(await store.samples("r")).toEqual([]);
      expect(store.health().ok).toBe(true);
    });

    it("adds a batch in one transaction and counts only the new samples", async () => {
      const store = await openStore();
      await store.addSample("a", sample(1));
      const added = await store.addSamples([
        { roomId: "a", sample: sample(1) },
        { roomId: "a", sample: sample(2) },
        { roomId: "b", sample: sample(2) },
      ]);
      expect(added).toBe(2);
      // One bad entry refuses the whole batch.
      await rejection(store.addSamples([{ roomId: "c", sample: sample(3) }, { roomId: "x".repeat(49), sample: sample(3) }]));
      expect(await store.room("c")).toBeNull();
    });

    it("writes a batch larger than one statement, keeping the first of two samples at the same t", async () => {
      const store = await openStore();
      const rooms = Array.from({ length: 700 }, (_, i) => `room-${i}`);
      const entries = rooms.flatMap((roomId, i) => [0, 1].map((k) => ({ roomId, sample: sample(10 * i + k) })));
      entries.push({ roomId: "room-3", sample: { t: 30, stats: stats(999) } });
      expect(await store.addSamples(entries)).toBe(1400);
      expect(await store.samples("room-3")).toEqual([sample(30), sample(31)]);
      expect(await store.room("room-699")).toMatchObject({ status: "live", firstSampleAt: 6990, lastSampleAt: 6991 });
      expect((await store.latestSamples(rooms)).size).toBe(700);
    });

    it("keeps every one of many samples written at once, and refuses only the bad one", async () => {
      const store = await openStore();
      const writes = Array.from({ length: 300 }, (_, i) => store.addSample(`room-${i % 7}`, sample(1000 + i)));
      const bad = rejection(store.addSample("x".repeat(49), sample(1)));
      await Promise.all(writes);
      expect((await bad).code).toBe("invalid");
      let held = 0;
      for (let r = 0; r < 7; r++) held += (await store.samples(`room-${r}`)).length;
      expect(held).toBe(300);
      expect(await store.room("room-0")).toMatchObject({ firstSampleAt: 1000, lastSampleAt: 1000 + 294 });
    });

    it("returns the newest sample of each of 50 rooms in one call", async () => {
      const store = await openStore();
      const ids = Array.from({ length: 60 }, (_, i) => `room-${i}`);
      await store.addSamples(ids.flatMap((roomId, i) => [1, 2, 3].map((k) => ({ roomId, sample: sample(k * 1000 + i) }))));
      await store.markViewed("viewed-only", 1);

      const page = [...ids.slice(0, 50), "room-0", "viewed-only", "never-seen"];
      const latest = await store.latestSamples(page);
      expect(latest.size).toBe(50);
      expect(latest.get("room-7")).toEqual(sample(3007));
      expect(latest.has("room-55")).toBe(false);
      expect(latest.has("viewed-only")).toBe(false);
      expect(await store.latestSamples([])).toEqual(new Map());
    });
  });

  describe("rooms", () => {
    it("moves through unknown, live, ended and back as samples, 100004s and views arrive", async () => {
      const store = await openStore();
      await store.markViewed("r", 100);
      expect(await store.room("r")).toMatchObject({ status: "unknown", lastViewedAt: 100, firstSampleAt: null, endedAt: null });

      await store.addSample("r", sample(1000));
      await store.addSample("r", sample(2000));
      expect(await store.room("r")).toMatchObject({ status: "live", lastSampleAt: 2000 });

      await store.markEnded("r", 2000);
      expect(await store.room("r")).toMatchObject({ status: "ended", endedAt: 2000 });

      // Looked up again: tried again, and the end it had is still on record.
      await store.markViewed("r", 3000);
      expect(await store.room("r")).toMatchObject({ status: "unknown", endedAt: 2000, lastViewedAt: 3000 });
      // An older view does not move lastViewedAt back.
      await store.markViewed("r", 50);
      expect((await store.room("r"))?.lastViewedAt).toBe(3000);

      // A late write from before the end says nothing about now.
      await store.addSample("r", sample(1500));
      expect(await store.room("r")).toMatchObject({ status: "unknown", endedAt: 2000 });

      await store.addSample("r", sample(4000));
      expect(await store.room("r")).toMatchObject({ status: "live", endedAt: null, firstSampleAt: 1000, lastSampleAt: 4000 });
    });

    it("keeps a room's creation time, through its end and a later one of the same id", async () => {
      const store = await openStore();
      expect(await store.room("c")).toBeNull();
      await store.noteCreated("c", 900);
      expect(await store.room("c")).toMatchObject({ status: "unknown", createdAt: 900, watched: false });
      await store.addSample("c", sample(1000));
      await store.markEnded("c", 2000);
      expect(await store.room("c")).toMatchObject({ status: "ended", createdAt: 900, endedAt: 2000 });
      // The id used again for a new stream: the newer creation time.
      await store.noteCreated("c", 5000);
      expect((await store.room("c"))?.createdAt).toBe(5000);
      await expect(store.noteCreated("c", Number.NaN)).rejects.toThrow();
    });

    it("marks a room it never saw as ended", async () => {
      const store = await openStore();
      await store.markEnded("gone", 10);
      expect(await store.room("gone")).toEqual({
        roomId: "gone",
        status: "ended",
        firstSampleAt: null,
        lastSampleAt: null,
        endedAt: 10,
        lastViewedAt: null,
        announcedAt: null,
        watched: false,
        watchedAt: null,
        lastFailure: null,
        createdAt: null,
      });
    });

    it("keeps a room's latest failed recording attempt, which a late older one does not replace", async () => {
      const store = await openStore();
      await store.noteFailure("r", { at: 20, code: "upstream_timeout", upstreamCode: null });
      await store.noteFailure("r", { at: 10, code: "misconfigured", upstreamCode: 70001 });
      expect((await store.room("r"))?.lastFailure).toEqual({ at: 20, code: "upstream_timeout", upstreamCode: null });
      await store.noteFailure("r", { at: 30, code: "rate_limited", upstreamCode: 60007 });
      await store.addSample("r", sample(40));
      // Kept after a success: whoever reads it compares its time with the latest sample's.
      expect((await store.room("r"))?.lastFailure).toEqual({ at: 30, code: "rate_limited", upstreamCode: 60007 });
      expect((await rejection(store.noteFailure("r", { at: 50, code: "rate_limited", upstreamCode: 1.5 }))).code).toBe("invalid");
    });

    it("watches and unwatches idempotently", async () => {
      const store = await openStore();
      await store.watch("b", 200);
      await store.watch("a", 100);
      await store.watch("b", 300);
      expect((await store.watchlist()).map((r) => [r.roomId, r.watchedAt])).toEqual([
        ["a", 100],
        ["b", 200],
      ]);

      await store.unwatch("a");
      await store.unwatch("a");
      await store.unwatch("never-watched");
      expect((await store.watchlist()).map((r) => r.roomId)).toEqual(["b"]);
      expect(await store.room("a")).toMatchObject({ watched: false, watchedAt: null });
      expect(await store.room("b")).toMatchObject({ watched: true, watchedAt: 200 });
      expect(await store.room("never-watched")).toBeNull();
    });

    it("records watched rooms and recently viewed ones, but not ended ones until they are viewed again", async () => {
      const store = await openStore();
      await store.watch("watched", 0);
      await store.markViewed("viewed-recently", 5000);
      await store.markViewed("viewed-long-ago", 100);
      await store.watch("watched-ended", 0);
      await store.markEnded("watched-ended", 900);
      await store.markViewed("viewed-ended", 5000);
      await store.markEnded("viewed-ended", 5100);
      await store.addSample("sampled-only", sample(5000));

      expect(await store.roomsToRecord(1000)).toEqual(["viewed-recently", "watched"]);

      await store.markViewed("viewed-ended", 6000);
      await store.markViewed("watched-ended", 6000);
      expect(await store.roomsToRecord(1000)).toEqual(["viewed-ended", "viewed-recently", "watched", "watched-ended"]);
      expect(await store.roomsToRecord(5500)).toEqual(["viewed-ended", "watched", "watched-ended"]);
    });

    it("records an announced room until it ends, and a destroy that came before the create keeps it ended", async () => {
      const store = await openStore();
      await store.markAnnounced("announced", 1000);
      expect(await store.room("announced")).toMatchObject({ status: "unknown", announcedAt: 1000 });
      // Long after the viewed window: announced rooms do not need a view.
      expect(await store.roomsToRecord(9000)).toEqual(["announced"]);
      await store.addSample("announced", sample(2000));
      await store.markEnded("announced", 3000);
      expect(await store.roomsToRecord(0)).toEqual([]);

      // A late create of the stream that ended (the callbacks out of order) changes nothing.
      await store.markAnnounced("announced", 1000);
      await store.markAnnounced("destroyed-first", 500);
      await store.markEnded("destroyed-first", 800);
      await store.markAnnounced("destroyed-first", 800);
      await store.markAnnounced("destroyed-first", 500);
      expect(await store.room("destroyed-first")).toMatchObject({ status: "ended", endedAt: 800, announcedAt: 500 });
      expect(await store.room("announced")).toMatchObject({ status: "ended", endedAt: 3000 });
      expect(await store.roomsToRecord(0)).toEqual([]);

      // A create after the end is a new stream under the same RoomId.
      await store.markAnnounced("announced", 4000);
      expect(await store.room("announced")).toMatchObject({ status: "unknown", announcedAt: 4000, endedAt: 3000 });
      expect(await store.roomsToRecord(9000)).toEqual(["announced"]);
      expect((await rejection(store.markAnnounced("", 1))).code).toBe("invalid");
    });

    it("claims a callback delivery once, on every connection, until it is released", async () => {
      const first = await openStore();
      const second = await openStore();
      expect(await first.claimDelivery("Live.CallbackAfterDestroyRoom|r|1000", 10)).toBe(true);
      expect(await first.claimDelivery("Live.CallbackAfterDestroyRoom|r|1000", 11)).toBe(false);
      expect(await second.claimDelivery("Live.CallbackAfterDestroyRoom|r|1000", 12)).toBe(false);
      expect(await second.claimDelivery("Live.CallbackAfterDestroyRoom|r|1001", 12)).toBe(true);
      await first.releaseDelivery("Live.CallbackAfterDestroyRoom|r|1000");
      expect(await second.claimDelivery("Live.CallbackAfterDestroyRoom|r|1000", 13)).toBe(true);
      expect((await rejection(first.claimDelivery("", 1))).code).toBe("invalid");
      // Kept for as long as samples are: pruned with them.
      await first.prune(13);
      expect(await first.claimDelivery("Live.CallbackAfterDestroyRoom|r|1001", 14)).toBe(true);
      expect(await first.claimDelivery("Live.CallbackAfterDestroyRoom|r|1000", 14)).toBe(false);
    });

    it("sorts RoomIds by code point, whatever the database's locale", async () => {
      const store = await openStore();
      const ids = ["b", "B", "a-2", "a10", "a_1", "Á", "房间"];
      for (const id of ids) await store.watch(id, 1);
      const byCodePoint = [...ids].sort((x, y) => (x < y ? -1 : 1));
      expect(await store.roomsToRecord(0)).toEqual(byCodePoint);
      expect((await store.watchlist()).map((r) => r.roomId)).toEqual(byCodePoint);
    });
  });

  describe("prune", () => {
    it("deletes samples older than the cut-off in batches, moves the bounds and forgets empty rooms", async () => {
      const store = await openStore();
      const big = Array.from({ length: 12_000 }, (_, i) => ({ roomId: "big", sample: sample(i) }));
      await store.addSamples(big);
      await store.addSamples([100, 20_000].map((t) => ({ roomId: "small", sample: sample(t) })));
      await store.addSample("old-watched", sample(5));
      await store.watch("old-watched", 1);
      await store.addSample("old-unwatched", sample(5));
      await store.markViewed("viewed-recently", 15_000);
      await store.markViewed("viewed-long-ago", 1);

      expect(await store.prune(11_000)).toBe(11_000 + 1 + 1 + 1);

      expect((await store.samples("big")).map((s) => s.t)).toEqual(Array.from({ length: 1000 }, (_, i) => 11_000 + i));
      expect(await store.room("big")).toMatchObject({ firstSampleAt: 11_000, lastSampleAt: 11_999 });
      expect(await store.room("small")).toMatchObject({ firstSampleAt: 20_000, lastSampleAt: 20_000 });
      expect(await store.room("old-watched")).toMatchObject({ watched: true, firstSampleAt: null, lastSampleAt: null });
      expect(await store.room("viewed-recently")).not.toBeNull();
      expect(await store.room("old-unwatched")).toBeNull();
      expect(await store.room("viewed-long-ago")).toBeNull();

      expect(await store.prune(11_000)).toBe(0);
    });
  });

  describe("close", () => {
    it("keeps everything across close and reopen, and rejects with closed afterwards", async () => {
      const first = await place.open();
      await first.addSamples([1, 2, 3].map((t) => ({ roomId: "房间", sample: sample(t) })));
      await first.watch("房间", 10);
      await first.markViewed("other", 20);
      await first.markEnded("other", 15);
      await first.close();
      await first.close();
      expect((await rejection(first.samples("房间"))).code).toBe("closed");
      expect((await rejection(first.addSample("房间", sample(4)))).code).toBe("closed");

      const second = await openStore();
      expect(await second.samples("房间")).toEqual([sample(1), sample(2), sample(3)]);
      expect(await second.room("房间")).toMatchObject({ status: "live", watched: true, watchedAt: 10, firstSampleAt: 1, lastSampleAt: 3 });
      expect(await second.room("other")).toMatchObject({ status: "ended", endedAt: 15, lastViewedAt: 20 });
    });

    it("lets the writes under way finish first", async () => {
      const store = await place.open();
      const batch = store.addSamples(Array.from({ length: 2000 }, (_, i) => ({ roomId: "r", sample: sample(i) })));
      const single = store.addSample("s", sample(1));
      const closing = store.close();
      expect(await batch).toBe(2000);
      await single;
      await closing;

      const reopened = await openStore();
      expect((await reopened.samples("r")).length).toBe(2000);
      expect(await reopened.samples("s")).toEqual([sample(1)]);
    });
  });
});
