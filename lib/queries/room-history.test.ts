import { describe, expect, it } from "vitest";
import { roomHistoryCsvPath, roomHistoryPath, roomHistoryQueryOptions, roomReportQueryOptions } from "./room-history";

describe("room history queries", () => {
  it("keys run general to specific and include the range", () => {
    expect(roomHistoryQueryOptions("abc", { points: 2000 }).queryKey).toEqual(["room", "abc", "history", { from: null, to: null, points: 2000, rateWindow: "1m" }]);
  });

  it("asks for a rate window other than the default, and keys each window apart", () => {
    expect(roomHistoryPath("a", { points: 500, rateWindow: "5m" })).toBe("/api/rooms/a/history?points=500&rateWindow=5m");
    expect(roomHistoryPath("a", { rateWindow: "1m" })).toBe("/api/rooms/a/history");
    expect(roomHistoryQueryOptions("a", { rateWindow: "15m" }).queryKey).not.toEqual(roomHistoryQueryOptions("a").queryKey);
    expect(roomReportQueryOptions("a", "5m").queryKey).toEqual(["room", "a", "report", { rateWindow: "5m" }]);
    expect(roomReportQueryOptions("a").queryKey).toEqual(["room", "a", "report", { rateWindow: "1m" }]);
  });

  it("builds paths with the RoomId as one segment", () => {
    expect(roomHistoryPath("直播间/1", { points: 10 })).toBe("/api/rooms/%E7%9B%B4%E6%92%AD%E9%97%B4%2F1/history?points=10");
    expect(roomHistoryCsvPath("a b")).toBe("/api/rooms/a%20b/history.csv");
    expect(roomHistoryCsvPath("a", { from: "2026-11-25T18:00:00Z" })).toBe("/api/rooms/a/history.csv?from=2026-11-25T18%3A00%3A00Z");
  });
});
