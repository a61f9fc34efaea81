import "server-only";
import type { LiveRoom } from "@/lib/contract/room-info";
import type { ListingStop, LiveRoomRow, LiveRoomsResponse } from "@/lib/contract/live-rooms";
import type { HistoryStore } from "@/lib/store/store";
import type { TencentClient } from "@/lib/tencent/client";
import { UpstreamError, type UpstreamErrorData } from "@/lib/tencent/errors";
import type { CoalescingCache } from "@/lib/upstream/coalescing-cache";

// The "Live now" page: the app's live rooms from get_room_list, paged with Next. get_room_list has
// a limit of its own (10 calls/s for the app, its own budget), and a listing is many pages, so the
// fleet reads one listing per window through the shared cache (in Redis, one instance reads while
// the others wait for its answer) however many operators have the page open; no one looking, no
// calls. Each request then adds what the console itself knows of the listed rooms: whether they are
// watched and their latest recorded totals, from the store (no upstream call).

/** Key of the one listing in the shared cache. */
const LISTING_KEY = "live";
/**
 * A listing stops reading pages after this long and shows what it has: within it, 50 pages at
 * get_room_list's 8.5 calls/s take about 6 s; more means Tencent or the budget is struggling.
 */
export const LISTING_TIME_LIMIT_MS = 30_000;

export interface LiveListing {
  rooms: LiveRoom[];
  /** Epoch ms of the last page's answer. */
  listedAt: number;
  pages: number;
  /** Null when Tencent's last page was read. */
  stop: { reason: Exclude<ListingStop, "failed"> } | { reason: "failed"; error: UpstreamErrorData } | null;
}

export interface ListingOptions {
  maxPages: number;
  timeLimitMs?: number;
  now?: () => number;
}

/**
 * Reads get_room_list page by page until Next is empty, the page limit or the time limit. A failure
 * of the first page is the listing's failure (thrown: there is nothing to show); a later one ends
 * the listing with the pages already read. A room that moved up between two pages (ViewCount
 * changes while paging) is listed once, where it was first seen.
 */
export async function readListing(client: Pick<TencentClient, "getRoomList">, { maxPages, timeLimitMs = LISTING_TIME_LIMIT_MS, now = Date.now }: ListingOptions): Promise<LiveListing> {
  const started = now();
  const rooms = new Map<string, LiveRoom>();
  let next = "";
  let pages = 0;
  let listedAt = started;
  for (;;) {
    if (pages === maxPages) return { rooms: [...rooms.values()], listedAt, pages, stop: { reason: "page_limit" } };
    if (pages > 0 && now() - started > timeLimitMs) return { rooms: [...rooms.values()], listedAt, pages, stop: { reason: "time_limit" } };
    let page;
    try {
      page = await client.getRoomList(next);
    } catch (error) {
      if (pages === 0 || !UpstreamError.is(error)) throw error;
      return { rooms: [...rooms.values()], listedAt, pages, stop: { reason: "failed", error: error.toData() } };
    }
    pages += 1;
    listedAt = Date.parse(page.fetchedAt);
    for (const room of page.rooms) if (!rooms.has(room.roomId)) rooms.set(room.roomId, room);
    if (page.next === "") return { rooms: [...rooms.values()], listedAt, pages, stop: null };
    next = page.next;
  }
}

export interface LiveRoomsDeps {
  cache: CoalescingCache<LiveListing>;
  client: Pick<TencentClient, "getRoomList">;
  store: Pick<HistoryStore, "latestSamples" | "watchlist">;
  maxPages: number;
  /** How long a listing is reused (the cache's window), for the page to say when the next one is. */
  freshnessMs: number;
}

/** The route's answer but for the failure, which the route words in the caller's language. */
export type LiveRoomsView = Omit<LiveRoomsResponse, "incomplete"> & {
  incomplete: { reason: ListingStop; maxPages?: number; failure?: UpstreamError } | null;
};

const iso = (ms: number) => new Date(ms).toISOString();

export function createLiveRoomsService({ cache, client, store, maxPages, freshnessMs }: LiveRoomsDeps) {
  return {
    /** The fleet's current listing, each room with whether it is watched and its latest recorded totals. */
    async live(): Promise<LiveRoomsView> {
      const listing = await cache.get(LISTING_KEY, () => readListing(client, { maxPages }));
      const [latest, watchlist] = await Promise.all([store.latestSamples(listing.rooms.map((r) => r.roomId)), store.watchlist()]);
      const watched = new Set(watchlist.map((r) => r.roomId));
      const { stop } = listing;
      return {
        rooms: listing.rooms.map((room): LiveRoomRow => {
          const sample = latest.get(room.roomId);
          return { ...room, watched: watched.has(room.roomId), recorded: sample ? { at: iso(sample.t), totals: sample.stats } : null };
        }),
        listedAt: iso(listing.listedAt),
        nextListingAt: iso(listing.listedAt + freshnessMs),
        pages: listing.pages,
        incomplete:
          stop === null
            ? null
            : stop.reason === "failed"
              ? { reason: "failed", failure: UpstreamError.fromData(stop.error) }
              : stop.reason === "page_limit"
                ? { reason: "page_limit", maxPages }
                : { reason: stop.reason },
      };
    },
  };
}

export type LiveRoomsService = ReturnType<typeof createLiveRoomsService>;
