// The "Live now" page's state in the URL, so a shared link shows the same list:
//   ?q=friday            rooms whose RoomId, name or host contain every word (any case)
//   &sort=views&dir=desc the column (LIVE_SORT_KEYS) and its direction
//   &refresh=30&paused=1 seconds between refreshes, and refreshes paused (lib/views/time-state.ts)
// and the pure functions the page filters and sorts with. Junk falls back to the default.

import { z } from "zod";
import type { LiveRoomRow } from "@/lib/contract/live-rooms";
import type { StatKey } from "@/lib/contract/stats";
import { compareSortValues, type SortDirection, type SortValue } from "./sort-values";
import { firstValue, parseRefresh, searchRecord, setRefresh, type RefreshSeconds, type RefreshState, type SearchParamsInput } from "./time-state";

export const LIVE_SORT_KEYS = ["views", "created", "name", "roomId", "viewers", "likes", "messages", "coins"] as const;
export type LiveSortKey = (typeof LIVE_SORT_KEYS)[number];
export type { SortDirection };

/** The recorded totals a column shows. */
export const LIVE_TOTAL_COLUMNS = {
  viewers: "totalViewers",
  likes: "totalLikesReceived",
  messages: "totalMsgCount",
  coins: "totalGiftCoins",
} as const satisfies Partial<Record<LiveSortKey, StatKey>>;

export interface LiveListState extends RefreshState {
  q: string;
  sort: LiveSortKey;
  dir: SortDirection;
}

/** Tencent's listing is read once every 30 s for the fleet; the recorded totals change every 10 s. */
const DEFAULT_REFRESH: RefreshSeconds = 30;
/** A search longer than any RoomId, name and host together finds nothing; the box stops there. */
export const MAX_QUERY_LENGTH = 100;

export const DEFAULT_LIVE_LIST: LiveListState = { q: "", sort: "views", dir: "desc", refresh: DEFAULT_REFRESH, paused: false };

/** Names read best alphabetically; counts and times largest (newest) first. */
export function liveDefaultDirection(key: LiveSortKey): SortDirection {
  return key === "name" || key === "roomId" ? "asc" : "desc";
}

const schema = z.object({
  q: z.preprocess(firstValue, z.string().catch("").optional()),
  sort: z.preprocess(firstValue, z.enum(LIVE_SORT_KEYS).catch(DEFAULT_LIVE_LIST.sort).optional()),
  dir: z.preprocess(firstValue, z.enum(["asc", "desc"]).optional().catch(undefined)),
});

export function parseLiveListSearchParams(input: SearchParamsInput): LiveListState {
  const record = searchRecord(input);
  const parsed = schema.parse(record);
  const sort = parsed.sort ?? DEFAULT_LIVE_LIST.sort;
  return {
    q: (parsed.q ?? "").slice(0, MAX_QUERY_LENGTH),
    sort,
    dir: parsed.dir ?? liveDefaultDirection(sort),
    ...parseRefresh(record, DEFAULT_REFRESH),
  };
}

/** The page's path for a state, defaults left out so plain links stay plain. */
export function liveListHref(state: LiveListState): string {
  const params = new URLSearchParams();
  const q = state.q.trim();
  if (q) params.set("q", q);
  if (state.sort !== DEFAULT_LIVE_LIST.sort || state.dir !== liveDefaultDirection(state.sort)) {
    params.set("sort", state.sort);
    params.set("dir", state.dir);
  }
  setRefresh(params, state, DEFAULT_REFRESH);
  const search = params.toString();
  return search ? `/live?${search}` : "/live";
}

/** The rooms whose RoomId, name or host contain every word of the query, ignoring case. */
export function filterLiveRooms(rooms: readonly LiveRoomRow[], query: string): LiveRoomRow[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rooms];
  return rooms.filter((room) => {
    const text = `${room.roomId}\n${room.name}\n${room.owner}`.toLocaleLowerCase();
    return words.every((word) => text.includes(word));
  });
}

function sortValue(room: LiveRoomRow, key: LiveSortKey): SortValue {
  switch (key) {
    case "views":
      return room.viewCount;
    case "created": {
      const ms = Date.parse(room.createdAt);
      return Number.isFinite(ms) ? ms : null;
    }
    case "name":
      return room.name || null;
    case "roomId":
      return room.roomId;
    default:
      return room.recorded?.totals[LIVE_TOTAL_COLUMNS[key]] ?? null;
  }
}

/** Sorted copy; ties keep Tencent's order (by views), so rows do not jump between refreshes. */
export function sortLiveRooms(rooms: readonly LiveRoomRow[], key: LiveSortKey, dir: SortDirection): LiveRoomRow[] {
  return rooms
    .map((room, index) => ({ room, index, value: sortValue(room, key) }))
    .sort((a, b) => compareSortValues(a.value, b.value, dir) || a.index - b.index)
    .map(({ room }) => room);
}
