import { describe, expect, it } from "vitest";
import { burnInOffset, BURN_IN_RADIUS_PX, BURN_IN_STEP_MS, isWallPage, pageAt, pageCount, pageSlice, tileFreshness, wallGrid, withKiosk } from "./wall";

describe("wall pages and their links", () => {
  it("has wall mode on the watchlist and a room, not the report or other pages", () => {
    expect(isWallPage("/watchlist")).toBe(true);
    expect(isWallPage("/rooms/demo-popular")).toBe(true);
    expect(isWallPage("/rooms/a%2Fb")).toBe(true);
    expect(isWallPage("/rooms/demo-popular/report")).toBe(false);
    expect(isWallPage("/compare")).toBe(false);
    expect(isWallPage("/")).toBe(false);
  });

  it("turns kiosk on and off keeping the page's other parameters", () => {
    expect(withKiosk("/rooms/x", "?interval=10&range=6h", true)).toBe("/rooms/x?interval=10&range=6h&kiosk=1");
    expect(withKiosk("/rooms/x", "?interval=10&kiosk=1&range=6h", false)).toBe("/rooms/x?interval=10&range=6h");
    expect(withKiosk("/watchlist", "?kiosk=1", false)).toBe("/watchlist");
  });
});

describe("wallGrid", () => {
  const tv = { width: 1920, height: 1000 };

  it("fits 4 × 3 tiles on a 1080p screen and no more", () => {
    expect(wallGrid(tv, 40)).toEqual({ cols: 4, rows: 3, perPage: 12 });
    expect(wallGrid(tv, 12)).toEqual({ cols: 4, rows: 3, perPage: 12 });
  });

  it("gives fewer rooms bigger tiles", () => {
    expect(wallGrid(tv, 1)).toEqual({ cols: 1, rows: 1, perPage: 1 });
    // Side by side on a wide screen, not stacked.
    expect(wallGrid(tv, 2)).toEqual({ cols: 2, rows: 1, perPage: 2 });
    // Three in a 2 × 2 grid: each tile holds a larger 3:2 box than in a row of three.
    expect(wallGrid(tv, 3)).toEqual({ cols: 2, rows: 2, perPage: 4 });
    expect(wallGrid(tv, 5).perPage).toBeGreaterThanOrEqual(5);
    expect(wallGrid(tv, 5).perPage).toBeLessThanOrEqual(6);
  });

  it("still shows one tile on a screen smaller than a tile", () => {
    expect(wallGrid({ width: 390, height: 700 }, 8)).toEqual({ cols: 1, rows: 2, perPage: 2 });
    expect(wallGrid({ width: 300, height: 200 }, 8)).toEqual({ cols: 1, rows: 1, perPage: 1 });
  });

  it("has no tile smaller than the minimum when rooms overflow", () => {
    for (const [width, height] of [[1280, 720], [2560, 1440], [3840, 2160], [1080, 1920]] as const) {
      const grid = wallGrid({ width, height }, 100);
      expect(width / grid.cols).toBeGreaterThanOrEqual(440);
      expect(height / grid.rows).toBeGreaterThanOrEqual(300);
    }
  });
});

describe("page cycling", () => {
  it("counts pages, one at least", () => {
    expect(pageCount(0, 12)).toBe(1);
    expect(pageCount(12, 12)).toBe(1);
    expect(pageCount(13, 12)).toBe(2);
    expect(pageCount(25, 12)).toBe(3);
  });

  it("moves to the next page every interval and back to the first after the last", () => {
    expect([0, 9_999, 10_000, 19_999, 20_000, 30_000, 40_000].map((t) => pageAt(t, 10_000, 3))).toEqual([0, 0, 1, 1, 2, 0, 1]);
    expect(pageAt(55_000, 10_000, 1)).toBe(0);
    expect(pageAt(-5, 10_000, 3)).toBe(0);
  });

  it("slices a page's tiles, the last page holding the rest", () => {
    const rooms = Array.from({ length: 25 }, (_, i) => i);
    expect(pageSlice(rooms, 0, 12)).toEqual(rooms.slice(0, 12));
    expect(pageSlice(rooms, 2, 12)).toEqual([24]);
  });
});

describe("burnInOffset", () => {
  it("stays within a few pixels, whole pixels only", () => {
    for (let step = 0; step < 16; step++) {
      const { x, y } = burnInOffset(step * BURN_IN_STEP_MS);
      expect(Number.isInteger(x) && Number.isInteger(y)).toBe(true);
      expect(Math.hypot(x, y)).toBeLessThanOrEqual(BURN_IN_RADIUS_PX + 0.5);
    }
  });

  it("holds still within a step and moves at the next", () => {
    expect(burnInOffset(1_000)).toEqual(burnInOffset(BURN_IN_STEP_MS - 1));
    const places = new Set(Array.from({ length: 8 }, (_, i) => JSON.stringify(burnInOffset(i * BURN_IN_STEP_MS))));
    expect(places.size).toBe(8);
  });
});

describe("tileFreshness", () => {
  const now = Date.parse("2026-05-01T12:00:00Z");
  const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString();
  const opts = { now, cadenceMs: 10_000, refreshFailedAt: null };

  it("is live while the latest sample is within three cadences", () => {
    expect(tileFreshness({ status: "live", lastSampleAt: at(25) }, opts)).toEqual({ kind: "live" });
  });

  it("is stale once the latest sample is older than that, saying since when", () => {
    expect(tileFreshness({ status: "live", lastSampleAt: at(45) }, opts)).toEqual({ kind: "stale", reason: "no_recent_sample", since: now - 45_000 });
    // A fast recorder still allows 30 s.
    expect(tileFreshness({ status: "live", lastSampleAt: at(20) }, { ...opts, cadenceMs: 1_000 })).toEqual({ kind: "live" });
  });

  it("is stale when the recorder's latest attempt failed, or this screen's refresh did", () => {
    expect(tileFreshness({ status: "error", lastSampleAt: at(5) }, opts)).toMatchObject({ kind: "stale", reason: "recording_failed" });
    expect(tileFreshness({ status: "live", lastSampleAt: at(5) }, { ...opts, refreshFailedAt: now })).toMatchObject({ kind: "stale", reason: "refresh_failed" });
  });

  it("is ended whatever else, since an ended room's figures are final", () => {
    expect(tileFreshness({ status: "ended", lastSampleAt: at(3600) }, { ...opts, refreshFailedAt: now })).toEqual({ kind: "ended" });
  });

  it("waits for a first sample, and judges no age before the clock starts", () => {
    expect(tileFreshness({ status: "unknown", lastSampleAt: null }, opts)).toEqual({ kind: "waiting" });
    expect(tileFreshness({ status: "live", lastSampleAt: at(3600) }, { ...opts, now: 0 })).toEqual({ kind: "live" });
  });
});
