import { describe, expect, it } from "vitest";
import type { OverviewRoom } from "@/lib/contract/api";
import { sortRooms } from "./sort-rooms";

function room(roomId: string, messagesPerMin: number | null, status: OverviewRoom["status"] = "live"): OverviewRoom {
  const rate = (v: number | null) => ({
    totalViewers: v,
    totalGiftsSent: v,
    totalGiftCoins: v,
    totalUniqueGiftSenders: v,
    totalLikesReceived: v,
    totalMsgCount: v,
  });
  return {
    roomId,
    status,
    error: null,
    lastSampleAt: null,
    totals: null,
    ratesPerMinute: status === "unknown" ? null : rate(messagesPerMin),
    sparkline: [],
  };
}

const ids = (rooms: OverviewRoom[]) => rooms.map((r) => r.roomId);

describe("sortRooms", () => {
  const rooms = [room("b", 5), room("a", 12), room("c", null), room("d", 0, "unknown"), room("e", 12)];

  it("sorts numbers both ways, unknown values last either way, ties by RoomId", () => {
    expect(ids(sortRooms(rooms, "messagesPerMin", "desc"))).toEqual(["a", "e", "b", "c", "d"]);
    expect(ids(sortRooms(rooms, "messagesPerMin", "asc"))).toEqual(["b", "a", "e", "c", "d"]);
  });

  it("sorts RoomIds naturally and statuses with errors first", () => {
    expect(ids(sortRooms([room("live-10", 1), room("live-9", 1), room("Live-1", 1)], "roomId", "asc"))).toEqual(["Live-1", "live-9", "live-10"]);
    expect(ids(sortRooms([room("x", 1, "ended"), room("y", 1, "error"), room("z", 1)], "status", "asc"))).toEqual(["y", "z", "x"]);
  });

  it("does not touch its input", () => {
    const copy = [...rooms];
    sortRooms(rooms, "roomId", "desc");
    expect(rooms).toEqual(copy);
  });
});
