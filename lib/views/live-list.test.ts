import { describe, expect, it } from "vitest";
import type { LiveRoomRow } from "@/lib/contract/live-rooms";
import { DEFAULT_LIVE_LIST, filterLiveRooms, liveListHref, parseLiveListSearchParams, sortLiveRooms } from "./live-list";

const totals = (viewers: number) => ({ totalViewers: viewers, totalGiftsSent: 0, totalGiftCoins: 0, totalUniqueGiftSenders: 0, totalLikesReceived: 0, totalMsgCount: 0 });
const row = (roomId: string, over: Partial<LiveRoomRow> = {}): LiveRoomRow => ({
  roomId,
  name: "",
  owner: "",
  coverUrl: "",
  createdAt: "2026-12-01T10:00:00.000Z",
  viewCount: 0,
  watched: false,
  recorded: null,
  ...over,
});

describe("the Live now page's URL", () => {
  it("leaves the defaults out and reads back what it wrote", () => {
    expect(liveListHref(DEFAULT_LIVE_LIST)).toBe("/live");
    const state = { ...DEFAULT_LIVE_LIST, q: "friday show", sort: "created" as const, dir: "desc" as const, refresh: 60 as const, paused: true };
    const href = liveListHref(state);
    expect(href).toBe("/live?q=friday+show&sort=created&dir=desc&refresh=60&paused=1");
    expect(parseLiveListSearchParams(new URL(href, "http://x").searchParams)).toEqual(state);
  });

  it("gives a sort without a direction its natural one, and falls back on junk", () => {
    expect(parseLiveListSearchParams({ sort: "name" })).toMatchObject({ sort: "name", dir: "asc" });
    expect(parseLiveListSearchParams({ sort: "likes" })).toMatchObject({ sort: "likes", dir: "desc" });
    expect(parseLiveListSearchParams({ sort: "bogus", dir: "sideways", refresh: "7" })).toEqual(DEFAULT_LIVE_LIST);
    expect(parseLiveListSearchParams({ q: "x".repeat(500) }).q).toHaveLength(100);
  });
});

describe("filterLiveRooms", () => {
  const rooms = [row("live-0001", { name: "Friday live show", owner: "host_ann" }), row("demo-quiet", { name: "Quiet room", owner: "host_bo" }), row("周五-直播", { name: "晚会" })];

  it("matches every word against the RoomId, name and host, ignoring case", () => {
    expect(filterLiveRooms(rooms, "FRIDAY").map((r) => r.roomId)).toEqual(["live-0001"]);
    expect(filterLiveRooms(rooms, "host_ live").map((r) => r.roomId)).toEqual(["live-0001"]);
    expect(filterLiveRooms(rooms, "quiet bo").map((r) => r.roomId)).toEqual(["demo-quiet"]);
    expect(filterLiveRooms(rooms, "晚会").map((r) => r.roomId)).toEqual(["周五-直播"]);
    expect(filterLiveRooms(rooms, "friday quiet")).toEqual([]);
  });

  it("keeps every room for an empty or blank query", () => {
    expect(filterLiveRooms(rooms, "  ")).toHaveLength(3);
  });
});

describe("sortLiveRooms", () => {
  const rooms = [
    row("a", { viewCount: 5, name: "beta", recorded: { at: "", totals: totals(9) } }),
    row("b", { viewCount: 50, name: "", createdAt: "2026-12-01T12:00:00.000Z" }),
    row("c", { viewCount: 5, name: "Alpha", recorded: { at: "", totals: totals(2) }, createdAt: "" }),
  ];
  const ids = (list: LiveRoomRow[]) => list.map((r) => r.roomId);

  it("sorts by views, keeping Tencent's order between equals", () => {
    expect(ids(sortLiveRooms(rooms, "views", "desc"))).toEqual(["b", "a", "c"]);
    expect(ids(sortLiveRooms(rooms, "views", "asc"))).toEqual(["a", "c", "b"]);
  });

  it("puts rooms with no value last in either direction", () => {
    expect(ids(sortLiveRooms(rooms, "viewers", "desc"))).toEqual(["a", "c", "b"]);
    expect(ids(sortLiveRooms(rooms, "viewers", "asc"))).toEqual(["c", "a", "b"]);
    expect(ids(sortLiveRooms(rooms, "name", "asc"))).toEqual(["c", "a", "b"]);
    expect(ids(sortLiveRooms(rooms, "created", "desc"))).toEqual(["b", "a", "c"]);
  });
});
