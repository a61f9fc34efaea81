// The watchlist page's state that belongs in the URL, so a shared link sorts the same way:
//   ?sort=messagesPerMin   the column (one of SORT_KEYS)
//   &dir=desc              asc | desc
//   &kiosk=1               wall mode: the rooms as tiles, full-screen for a TV (lib/views/wall.ts)
// Junk falls back to the default instead of failing: a hand-edited link should still open the page.

import { z } from "zod";
import { isKioskValue, KIOSK_PARAM } from "@/lib/views/wall";
import { SORT_KEYS, type SortDirection, type SortKey } from "@/components/watchlist/sort-rooms";

export interface WatchlistViewState {
  sort: SortKey;
  dir: SortDirection;
  /** Wall mode. */
  kiosk: boolean;
}

export const DEFAULT_WATCHLIST_VIEW: WatchlistViewState = { sort: "roomId", dir: "asc", kiosk: false };

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const schema = z.object({
  sort: z.preprocess(first, z.enum(SORT_KEYS).catch(DEFAULT_WATCHLIST_VIEW.sort)),
  dir: z.preprocess(first, z.enum(["asc", "desc"]).optional().catch(undefined)),
  kiosk: z.preprocess(first, z.string().optional().catch(undefined)),
});

type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

export function parseWatchlistSearchParams(input: SearchParamsInput): WatchlistViewState {
  const record = input instanceof URLSearchParams ? Object.fromEntries(input) : input;
  const parsed = schema.parse(record);
  return { sort: parsed.sort, dir: parsed.dir ?? "asc", kiosk: isKioskValue(parsed.kiosk) };
}

/** The page's path for a state, leaving defaults out so plain links stay plain. */
export function watchlistHref(state: WatchlistViewState): string {
  const params = new URLSearchParams();
  if (state.sort !== DEFAULT_WATCHLIST_VIEW.sort || state.dir !== DEFAULT_WATCHLIST_VIEW.dir) {
    params.set("sort", state.sort);
    params.set("dir", state.dir);
  }
  if (state.kiosk) params.set(KIOSK_PARAM, "1");
  const search = params.toString();
  return search ? `/watchlist?${search}` : "/watchlist";
}
