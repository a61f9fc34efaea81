import { describe, expect, it } from "vitest";
import { roomStatsKey, roomStatsPath, roomStatsQueryOptions } from "./room-stats";

describe("room stats query", () => {
  it("keys run general to specific", () => {
    expect(roomStatsKey("abc")).toEqual(["room", "abc", "stats"]);
    expect(roomStatsQueryOptions("abc").queryKey).toEqual(["room", "abc", "stats"]);
  });

  it("encodes the RoomId as one path segment", () => {
    expect(roomStatsPath("room 1")).toBe("/api/rooms/room%201/stats");
    expect(roomStatsPath("a/b?c#d%")).toBe("/api/rooms/a%2Fb%3Fc%23d%25/stats");
    expect(roomStatsPath("直播间")).toBe("/api/rooms/%E7%9B%B4%E6%92%AD%E9%97%B4/stats");
  });
});
