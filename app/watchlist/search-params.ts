// The watchlist page's state that belongs in the URL, so a shared link shows the same view:
//   ?sort=messagesPerMin   the column (one of SORT_KEYS)
//   &dir=desc              asc | desc
//   &kiosk=1               wall mode: the rooms as tiles, full-screen for a TV (lib/views/wall.ts)
//   &range=6h ...          the time the sparklines cover, and whose end the figures are at
//                          (lib/views/time-state.ts; the last hour by default)
//   &refresh=30&paused=1   seconds between refreshes (10 by default), and refreshes paused
// Junk falls back to the default instead of failing: a hand-edited link should still open the page.

import { z } from "zod";
import { isKioskValue, KIOSK_PARAM } from "@/lib/views/wall";
import { firstValue, parseRefresh, parseTimeRange, searchRecord, setRefresh, setTimeRange, type RefreshSeconds, type RefreshState, type SearchParamsInput, type TimeRangeState } from "@/lib/views/time-state";
import { SORT_KEYS, type SortDirection, type SortKey } from "@/components/watchlist/sort-rooms";

export interface WatchlistViewState extends TimeRangeState, RefreshState {
  sort: SortKey;
  dir: SortDirection;
  /** Wall mode. */
  kiosk: boolean;
}

/** The overview reads stored samples the recorder writes every 10 s: as often as that, by default. */
const DEFAULT_REFRESH: RefreshSeconds = 10;

export const DEFAULT_WATCHLIST_VIEW: WatchlistViewState = { sort: "roomId", dir: "asc", kiosk: false, range: "1h", custom: null, refresh: DEFAULT_REFRESH, paused: false };

const schema = z.object({
  sort: z.preprocess(firstValue, z.enum(SORT_KEYS).catch(DEFAULT_WATCHLIST_VIEW.sort)),
  dir: z.preprocess(firstValue, z.enum(["asc", "desc"]).optional().catch(undefined)),
  kiosk: z.preprocess(firstValue, z.string().optional().catch(undefined)),
});

export function parseWatchlistSearchParams(input: SearchParamsInput): WatchlistViewState {
  const record = searchRecord(input);
  const parsed = schema.parse(record);
  return {
    sort: parsed.sort,
    dir: parsed.dir ?? "asc",
    kiosk: isKioskValue(parsed.kiosk),
    ...parseTimeRange(record, DEFAULT_WATCHLIST_VIEW.range),
    ...parseRefresh(record, DEFAULT_REFRESH),
  };
}

/** The page's path for a state, leaving defaults out so plain links stay plain. */
export function watchlistHref(state: WatchlistViewState): string {
  const params = new URLSearchParams();
  if (state.sort !== DEFAULT_WATCHLIST_VIEW.sort || state.dir !== DEFAULT_WATCHLIST_VIEW.dir) {
    params.set("sort", state.sort);
    params.set("dir", state.dir);
  }
  if (state.kiosk) params.set(KIOSK_PARAM, "1");
  setTimeRange(params, state, DEFAULT_WATCHLIST_VIEW.range);
  setRefresh(params, state, DEFAULT_REFRESH);
  const search = params.toString();
  return search ? `/watchlist?${search}` : "/watchlist";
}
