import { describe, expect, it } from "vitest";
import { watchlistKeys, watchlistOverviewQueryOptions, watchlistRoomPath } from "./watchlist";

describe("watchlist queries", () => {
  it("keys share the ['watchlist'] prefix so one invalidation refreshes both", () => {
    expect(watchlistOverviewQueryOptions().queryKey).toEqual(["watchlist", "overview", { from: null, to: null }]);
    expect(watchlistOverviewQueryOptions({ from: "2026-12-01T10:00:00.000Z" }).queryKey.slice(0, 1)).toEqual(watchlistKeys.all);
    expect(watchlistKeys.list().slice(0, 1)).toEqual(watchlistKeys.all);
  });

  it("encodes the RoomId as one path segment", () => {
    expect(watchlistRoomPath("a/b?c#d%")).toBe("/api/watchlist/a%2Fb%3Fc%23d%25");
  });
});
