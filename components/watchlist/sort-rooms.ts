// How the watchlist overview sorts: which columns can be sorted, and what each compares. Pure.

import type { StatKey } from "@/lib/contract/stats";
import type { OverviewRoom } from "@/lib/contract/api";
import { compareSortValues, sortCollator, type SortDirection, type SortValue } from "@/lib/views/sort-values";

export const SORT_KEYS = [
  "roomId",
  "status",
  "updated",
  "viewers",
  "messages",
  "likes",
  "coins",
  "giftsSent",
  "giftSenders",
  "viewersPerMin",
  "messagesPerMin",
  "likesPerMin",
  "coinsPerMin",
] as const;

export type SortKey = (typeof SORT_KEYS)[number];
export type { SortDirection };

/** The counter behind each figure column. */
export const TOTAL_COLUMNS = {
  viewers: "totalViewers",
  messages: "totalMsgCount",
  likes: "totalLikesReceived",
  coins: "totalGiftCoins",
  giftsSent: "totalGiftsSent",
  giftSenders: "totalUniqueGiftSenders",
} as const satisfies Partial<Record<SortKey, StatKey>>;

export const RATE_COLUMNS = {
  viewersPerMin: "totalViewers",
  messagesPerMin: "totalMsgCount",
  likesPerMin: "totalLikesReceived",
  coinsPerMin: "totalGiftCoins",
} as const satisfies Partial<Record<SortKey, StatKey>>;

// Rooms that need attention first when sorting by status ascending.
const STATUS_ORDER: Record<OverviewRoom["status"], number> = { error: 0, live: 1, unknown: 2, ended: 3 };

/** Rates over the latest interval, which say nothing current once the stream is over. */
export function currentRates(room: OverviewRoom): OverviewRoom["ratesPerMinute"] {
  return room.status === "ended" ? null : room.ratesPerMinute;
}

function sortValue(room: OverviewRoom, key: SortKey): SortValue {
  switch (key) {
    case "roomId":
      return room.roomId;
    case "status":
      return STATUS_ORDER[room.status];
    case "updated":
      return room.lastSampleAt === null ? null : Date.parse(room.lastSampleAt);
    case "viewers":
    case "messages":
    case "likes":
    case "coins":
    case "giftsSent":
    case "giftSenders":
      return room.totals?.[TOTAL_COLUMNS[key]] ?? null;
    case "viewersPerMin":
    case "messagesPerMin":
    case "likesPerMin":
    case "coinsPerMin":
      return currentRates(room)?.[RATE_COLUMNS[key]] ?? null;
  }
}

/** Sorted copy; ties fall back to the RoomId so rows do not jump between polls. */
export function sortRooms(rooms: readonly OverviewRoom[], key: SortKey, dir: SortDirection): OverviewRoom[] {
  return [...rooms].sort((a, b) => compareSortValues(sortValue(a, key), sortValue(b, key), dir) || sortCollator.compare(a.roomId, b.roomId));
}

/** Numbers read best largest first; names and states alphabetically. */
export function defaultDirection(key: SortKey): SortDirection {
  return key === "roomId" || key === "status" ? "asc" : "desc";
}
