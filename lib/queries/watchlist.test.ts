import { describe, expect, it } from "vitest";
import { overviewResponseSchema, watchlistKeys, watchlistOverviewQueryOptions, watchlistResponseSchema, watchlistRoomPath } from "./watchlist";

describe("watchlist queries", () => {
  it("keys share the ['watchlist'] prefix so one invalidation refreshes both", () => {
    expect(watchlistOverviewQueryOptions().queryKey).toEqual(["watchlist", "overview"]);
    expect(watchlistKeys.list().slice(0, 1)).toEqual(watchlistKeys.all);
  });

  it("encodes the RoomId as one path segment", () => {
    expect(watchlistRoomPath("a/b?c#d%")).toBe("/api/watchlist/a%2Fb%3Fc%23d%25");
  });

  it("validates the answers", () => {
    expect(watchlistResponseSchema.safeParse({ rooms: [{ roomId: "a", status: "live", lastSampleAt: null, endedAt: null }] }).success).toBe(true);
    const row = {
      roomId: "a",
      status: "error",
      error: "Tencent did not answer",
      lastSampleAt: "2026-11-25T18:00:00.000Z",
      totals: { totalViewers: 1, totalGiftsSent: 2, totalGiftCoins: 3, totalUniqueGiftSenders: 4, totalLikesReceived: 5, totalMsgCount: 6 },
      ratesPerMinute: { totalViewers: 1, totalGiftsSent: null, totalGiftCoins: 0, totalUniqueGiftSenders: 0, totalLikesReceived: 2, totalMsgCount: 3 },
      sparkline: [{ t: "2026-11-25T18:00:00.000Z", v: null }],
    };
    expect(overviewResponseSchema.safeParse({ rooms: [row] }).success).toBe(true);
    expect(overviewResponseSchema.safeParse({ rooms: [{ ...row, status: "gone" }] }).success).toBe(false);
  });
});
