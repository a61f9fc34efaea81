import { describe, expect, it } from "vitest";

import { buildCatalogue, isEnded, RoomLedger, uniqueSenders, type Room } from "./rooms";

const EPOCH = 1_700_000_000_000;
const catalogue = (seed = 42, genericRooms = 120) => buildCatalogue({ seed, genericRooms, epochMs: EPOCH });
const DEFAULT = catalogue();
const room = (id: string, seed = 42): Room => (seed === 42 ? DEFAULT : catalogue(seed)).get(id)!;
const KEYS = ["TotalViewers", "TotalGiftsSent", "TotalGiftCoins", "TotalUniqueGiftSenders", "TotalLikesReceived", "TotalMsgCount"] as const;

describe("buildCatalogue", () => {
  it("lists generic rooms then the named demo rooms", () => {
    const ids = [...catalogue(42, 3).keys()];
    expect(ids.slice(0, 3)).toEqual(["live-0001", "live-0002", "live-0003"]);
    expect(ids).toEqual(expect.arrayContaining(["demo-popular", "demo-quiet", "demo-ending", "demo-ended", "demo-flaky", "demo-slow", "demo-storm", "demo-html502", "demo-truncated", "demo-down", "直播间-1"]));
  });

  it("starts every room before the simulator, and ends about a tenth of the generic ones within the hour", () => {
    const rooms = [...catalogue().values()];
    for (const r of rooms) expect(r.startedAt).toBeLessThan(EPOCH);
    const endingGeneric = rooms.filter((r) => r.roomId.startsWith("live-") && r.endedAt !== null);
    expect(endingGeneric.length).toBeGreaterThan(3);
    expect(endingGeneric.length).toBeLessThan(25);
    for (const r of endingGeneric) expect(r.endedAt! - EPOCH).toBeLessThanOrEqual(3600_000);
    expect(isEnded(room("demo-ended"), EPOCH)).toBe(true);
    expect(room("demo-ending").endedAt).toBe(EPOCH + 180_000);
  });

  it("is the same for the same seed and different for another", () => {
    expect(room("live-0007").startedAt).toBe(room("live-0007").startedAt);
    expect(room("live-0007", 43).startedAt).not.toBe(room("live-0007").startedAt);
  });
});

describe("RoomLedger", () => {
  it("gives non-zero totals at once, a popular room far above a quiet one", () => {
    const ledger = new RoomLedger();
    const popular = ledger.totalsAt(room("demo-popular"), EPOCH);
    const quiet = ledger.totalsAt(room("demo-quiet"), EPOCH);
    expect(quiet.TotalViewers).toBeGreaterThan(0);
    expect(popular.TotalViewers).toBeGreaterThan(20 * quiet.TotalViewers);
    expect(popular.TotalGiftCoins).toBeGreaterThan(popular.TotalGiftsSent);
  });

  it("never goes backwards second by second, across minute boundaries, and keeps senders <= gifts", () => {
    const ledger = new RoomLedger();
    const problems: string[] = [];
    for (const id of ["demo-popular", "demo-quiet", "live-0001", "直播间-1"]) {
      let previous = ledger.totalsAt(room(id), EPOCH);
      for (let s = 1; s <= 600; s += 1) {
        const current = ledger.totalsAt(room(id), EPOCH + s * 1000 + 17);
        for (const key of KEYS) if (current[key] < previous[key]) problems.push(`${id} +${s}s: ${key} went back`);
        if (current.TotalUniqueGiftSenders > current.TotalGiftsSent) problems.push(`${id} +${s}s: more senders than gifts`);
        previous = current;
      }
    }
    expect(problems).toEqual([]);
  });

  it("moves within a minute: a busy room's viewers change between consecutive seconds", () => {
    const ledger = new RoomLedger();
    const r = room("demo-popular");
    const seen = new Set<number>();
    for (let s = 0; s < 30; s += 1) seen.add(ledger.totalsAt(r, EPOCH + s * 1000).TotalViewers);
    expect(seen.size).toBeGreaterThan(20);
  });

  it("does not depend on when or how often it was asked", () => {
    const polled = new RoomLedger();
    const r = room("live-0042");
    for (let s = 0; s < 3600; s += 7) polled.totalsAt(r, EPOCH + s * 1000);
    const at = EPOCH + 3600_000 + 12_345;
    expect(polled.totalsAt(r, at)).toEqual(new RoomLedger().totalsAt(r, at));
    // And from another catalogue built the same way.
    expect(new RoomLedger().totalsAt(catalogue().get("live-0042")!, at)).toEqual(polled.totalsAt(r, at));
    // A clock that goes back recomputes instead of serving the later state.
    expect(polled.totalsAt(r, EPOCH)).toEqual(new RoomLedger().totalsAt(r, EPOCH));
  });

  it("freezes an ended room's totals", () => {
    const ledger = new RoomLedger();
    const r = room("demo-ending");
    const atEnd = ledger.totalsAt(r, r.endedAt!);
    expect(ledger.totalsAt(r, r.endedAt! + 3600_000)).toEqual(atEnd);
    expect(atEnd.TotalViewers).toBeGreaterThan(ledger.totalsAt(r, EPOCH).TotalViewers - 1);
  });

  it("catches up a week of history quickly", () => {
    const started = performance.now();
    new RoomLedger().totalsAt(room("demo-popular"), EPOCH + 7 * 86_400_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("uniqueSenders", () => {
  it("grows sublinearly, is at least 1 once there is a gift, and never exceeds gifts", () => {
    expect(uniqueSenders(0, 0.7, 0.7)).toBe(0);
    expect(uniqueSenders(1, 0.7, 0.7)).toBe(1);
    let previous = 0;
    const problems: number[] = [];
    for (let gifts = 1; gifts < 5000; gifts += 1) {
      const senders = uniqueSenders(gifts, 0.9, 0.8);
      if (senders > gifts || senders < previous) problems.push(gifts);
      previous = senders;
    }
    expect(problems).toEqual([]);
    expect(uniqueSenders(10_000, 0.7, 0.7)).toBeLessThan(1000);
  });
});
