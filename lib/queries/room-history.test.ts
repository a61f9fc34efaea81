import { describe, expect, it } from "vitest";
import { historyRefreshMs, LIVE_HISTORY_REFRESH_MS, RECHECK_MS, roomHistoryCsvPath, roomHistoryPath, roomHistoryQueryOptions, roomReportQueryOptions } from "./room-history";

describe("room history queries", () => {
  it("keys run general to specific and include the range", () => {
    expect(roomHistoryQueryOptions("abc", { points: 2000 }).queryKey).toEqual(["room", "abc", "history", { from: null, to: null, points: 2000, rateWindow: "1m" }]);
  });

  it("asks for a rate window other than the default, and keys each window apart", () => {
    expect(roomHistoryPath("a", { points: 500, rateWindow: "5m" })).toBe("/api/rooms/a/history?points=500&rateWindow=5m");
    expect(roomHistoryPath("a", { rateWindow: "1m" })).toBe("/api/rooms/a/history");
    expect(roomHistoryQueryOptions("a", { rateWindow: "15m" }).queryKey).not.toEqual(roomHistoryQueryOptions("a").queryKey);
    expect(roomReportQueryOptions("a", { rateWindow: "5m" }).queryKey).toEqual(["room", "a", "report", { from: null, to: null, rateWindow: "5m" }]);
    expect(roomReportQueryOptions("a", { from: "2026-12-01T10:00:00.000Z" }).queryKey).toEqual(["room", "a", "report", { from: "2026-12-01T10:00:00.000Z", to: null, rateWindow: "1m" }]);
  });

  it("builds paths with the RoomId as one segment", () => {
    expect(roomHistoryPath("直播间/1", { points: 10 })).toBe("/api/rooms/%E7%9B%B4%E6%92%AD%E9%97%B4%2F1/history?points=10");
    expect(roomHistoryCsvPath("a b")).toBe("/api/rooms/a%20b/history.csv");
    expect(roomHistoryCsvPath("a", { from: "2026-11-25T18:00:00Z" })).toBe("/api/rooms/a/history.csv?from=2026-11-25T18%3A00%3A00Z");
  });
});

describe("when a page reads a recording again", () => {
  const NOW = Date.parse("2026-12-01T12:00:00.000Z");

  it("follows a live room at the page's pace, and stops once it ended", () => {
    expect(historyRefreshMs("live", 3, {}, NOW)).toBe(LIVE_HISTORY_REFRESH_MS);
    expect(historyRefreshMs("live", 3, { everyMs: 10_000 }, NOW)).toBe(10_000);
    expect(historyRefreshMs("ended", 3, {}, NOW)).toBe(false);
    expect(historyRefreshMs(undefined, 0, {}, NOW)).toBe(false);
  });

  it("stops for a paused page and for a window that has closed", () => {
    expect(historyRefreshMs("live", 3, { paused: true }, NOW)).toBe(false);
    expect(historyRefreshMs("unknown", 0, { paused: true }, NOW)).toBe(false);
    expect(historyRefreshMs("live", 3, { until: NOW - 1 }, NOW)).toBe(false);
    expect(historyRefreshMs("live", 3, { until: NOW + 60_000 }, NOW)).toBe(LIVE_HISTORY_REFRESH_MS);
  });

  it("asks again soon for a first sample, then at the page's pace", () => {
    expect(historyRefreshMs("unknown", 1, {}, NOW)).toBe(RECHECK_MS);
    expect(historyRefreshMs("unknown", 15, { everyMs: 10_000 }, NOW)).toBe(RECHECK_MS);
    expect(historyRefreshMs("unknown", 16, { everyMs: 10_000 }, NOW)).toBe(10_000);
  });

  it("asks again soon while Tencent no longer knows a room its recording calls live", () => {
    expect(historyRefreshMs("live", 3, { goneUpstream: true }, NOW)).toBe(RECHECK_MS);
    expect(historyRefreshMs("ended", 3, { goneUpstream: true }, NOW)).toBe(false);
  });
});
